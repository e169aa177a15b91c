"""Open data: the published records as CSV and JSON, their schema, and an Atom feed. No sign-in.
(Being written: see scraip.followup.opendata.)"""

from django.http import Http404


def open_data(request):
    """Permission: none (public)."""
    raise Http404


def open_data_schema(request):
    """Permission: none (public)."""
    raise Http404


def open_data_download(request, fmt, authority=None):
    """Permission: none (public)."""
    raise Http404


def public_feed(request, authority=None):
    """Permission: none (public)."""
    raise Http404
