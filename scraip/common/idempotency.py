"""Double submission is harmless: every form carries a one-time token, and a form posted again
with a token already used saves nothing and lands on the page the first post led to.

`gds_helper` (scraip.common.forms) puts the token in every form as the hidden field
`_submission`. IdempotentPostMiddleware claims the token before the view runs (a row in
common.Submission, unique per person and token, so of two posts at once only one claims it),
records where a successful save redirected, and answers a repeat with that redirect. A post the
view refuses (a form error) gives its claim up, so the corrected form can be sent again.
"""

import datetime
import re
import uuid

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from .models import Submission

FIELD = "_submission"
_TOKEN = re.compile(r"[0-9a-f]{32}")
# How long a used token is kept: a form posted again after this saves again (nobody resends a
# form a month old by accident). `manage.py prune_submissions` forgets older ones.
KEPT_FOR = datetime.timedelta(days=30)


def prune(kept_for: datetime.timedelta = KEPT_FOR) -> int:
    """Forget the tokens used longer ago than `kept_for`; the number forgotten."""
    deleted, _ = Submission.objects.filter(created_at__lt=timezone.now() - kept_for).delete()
    return deleted


def token_for(form) -> str:
    """The token of this form: the one it was posted with (a form shown again with its errors
    keeps it), or a new one."""
    posted = str(form.data.get(FIELD, "")) if form.is_bound else ""
    return posted if _TOKEN.fullmatch(posted) else uuid.uuid4().hex


class IdempotentPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = self._token(request)
        if token is None:
            return self.get_response(request)
        try:
            with transaction.atomic():
                claim = Submission.objects.create(user=request.user, token=token)
        except IntegrityError:
            return self._repeat(request, token)
        response = self.get_response(request)
        if response.status_code in (301, 302, 303) and response.get("Location"):
            Submission.objects.filter(pk=claim.pk).update(result_url=response["Location"])
        else:
            Submission.objects.filter(pk=claim.pk).delete()
        return response

    @staticmethod
    def _token(request) -> str | None:
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        token = request.POST.get(FIELD, "")
        return token if _TOKEN.fullmatch(token) else None

    @staticmethod
    def _repeat(request, token: str):
        """The same form again: to where the first post led, or, while the first is still
        being saved, back to the page it came from (which then shows what was saved)."""
        first = Submission.objects.filter(user=request.user, token=token).first()
        return HttpResponseRedirect(
            first.result_url if first and first.result_url else request.path
        )
