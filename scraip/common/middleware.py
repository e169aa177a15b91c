from django.http import HttpResponseBadRequest
from django.template import TemplateDoesNotExist, loader


class RejectNulBytesMiddleware:
    """Refuse, with the 400 page, any request whose query or form fields hold a NUL byte.

    PostgreSQL cannot store NUL in text and raises on it; no browser sends one from a real form,
    so the request is refused whole before any view or lookup sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            return HttpResponseBadRequest(_bad_request_page())
        return self.get_response(request)


def _holds_nul(query_dict) -> bool:
    return any(
        "\x00" in name or any("\x00" in value for value in values)
        for name, values in query_dict.lists()
    )


def _bad_request_page() -> str:
    # Rendered without the request: this runs before the authentication middleware has set
    # request.user, which the context processors need.
    try:
        return loader.render_to_string("400.html")
    except TemplateDoesNotExist:
        return "Bad request"
