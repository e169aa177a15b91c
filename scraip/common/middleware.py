from django.http import HttpResponseBadRequest
from django.template import TemplateDoesNotExist, loader


class RejectNulBytesMiddleware:
    """Refuse, with the 400 page, any request whose path, query, cookies or form fields hold a
    NUL byte.

    PostgreSQL cannot store NUL in text and raises on it (a path is looked up as a slug, logged
    by the sign-in lockout, a cookie as a session key); no browser sends one from a real page,
    so the request is refused whole before any view or lookup sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "\x00" in request.path_info
            or _holds_nul(request.GET)
            or any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items())
            or (request.method == "POST" and _holds_nul(request.POST))
        ):
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


class PrivateNoStoreMiddleware:
    """Pages, exports and PDFs sent to someone signed in are theirs alone: `Cache-Control:
    no-store`, so neither a shared cache nor the browser's back button keeps them after
    signing out. Public pages (the sign-in page, the public register, calendar feeds) keep
    their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
