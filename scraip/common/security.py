"""Session limits and the security log.

Every sign-in, failed sign-in, lockout and refused action is written to the "scraip.security"
logger with the username and the address it came from; the log record carries the time.
"""

import logging
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.template import loader

log = logging.getLogger("scraip.security")

SIGNED_IN_AT = "scraip_signed_in_at"


def client_address(request) -> str | None:
    """The visitor's address, used by axes and the log.

    Behind the HTTPS proxy REMOTE_ADDR is the proxy itself; the proxy appends the address it saw
    to X-Forwarded-For, so only the last entry is trusted (earlier ones come from the client).
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_HTTPS_PROXY and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def _address(request) -> str | None:
    return get_client_ip_address(request) if request is not None else None


def record_sign_in(sender, request, user, **kwargs):
    request.session[SIGNED_IN_AT] = time.time()
    log.info(
        "Sign-in succeeded: username=%s address=%s",
        user.get_username(),
        _address(request),
        extra={"username": user.get_username(), "address": _address(request)},
    )


def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    log.warning(
        "Sign-in failed: username=%s address=%s",
        username,
        _address(request),
        extra={"username": username, "address": _address(request)},
    )


def record_lockout(sender, request, username, ip_address, **kwargs):
    log.warning(
        "Sign-in refused, locked out after repeated failures: username=%s address=%s",
        username,
        ip_address,
        extra={"username": username, "address": ip_address},
    )


class SessionLifetimeMiddleware:
    """Sign people out a fixed time after they signed in, however active they have been.

    The idle limit is Django's own (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST); this
    caps a session kept alive all day by a page left refreshing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, time.time())
            lifetime = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if time.time() - signed_in_at > lifetime:
                username = request.user.get_username()
                logout(request)
                log.info(
                    "Session ended, signed in too long ago: username=%s address=%s",
                    username,
                    _address(request),
                    extra={"username": username, "address": _address(request)},
                )
                messages.info(request, "Your session has ended. Sign in again to continue.")
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class RefusedAccessLogMiddleware:
    """Log every action refused with 403, so repeated probing shows up in the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            username = request.user.get_username() if hasattr(request, "user") else ""
            log.warning(
                "Access refused: username=%s address=%s path=%s",
                username,
                _address(request),
                request.path,
                extra={"username": username, "address": _address(request)},
            )
        # Django's own 403 handling carries on.
        return None


def bad_request(request, exception):
    """The 400 page, rendered without the request.

    A request refused this early (a forged Host header) never reached the authentication
    middleware, so context processors that need request.user would turn the 400 into a 500.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html"))
