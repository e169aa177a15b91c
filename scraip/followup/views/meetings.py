"""Committee meetings: the calendar, what is due at each meeting, the update pack (HTML and
PDF) and completing a report-back. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from scraip.common import pdfjobs
from scraip.common.views import saved, submitted
from scraip.common.word import word_response
from scraip.councils.forms import committees_for
from scraip.councils.models import Meeting
from scraip.councils.rules import authorities_for
from scraip.plans.models import ReportBack
from scraip.plans.views.fetch import get_plan_for_user

from .. import documents, reminders, services
from ..agenda import meeting_agenda
from ..filters import MeetingFilter
from ..forms import (
    MeetingForm,
    ReportBackCompleteForm,
)
from ..progress import chart_from_counts


def _get_meeting_for_user(request, pk, permission="councils.view_meeting"):
    """A meeting of the user's council (404 otherwise), then 403 without `permission`."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee__authority"), pk=pk)
    if not request.user.has_perm("councils.view_meeting", meeting):
        raise Http404("No meeting found")
    if not request.user.has_perm(permission, meeting):
        raise PermissionDenied
    return meeting


class MeetingListView(PermissionRequiredMixin, FilterView):
    """Permission: councils.list_meetings (any council role); their own council's meetings."""

    permission_required = "councils.list_meetings"
    filterset_class = MeetingFilter
    paginate_by = 50
    template_name = "followup/meeting_list.html"

    def get_queryset(self):
        return (
            Meeting.objects.for_authorities(authorities_for(self.request.user))
            .select_related("committee")
            .annotate(report_back_count=Count("report_backs"))
            .order_by("-date", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["authorities"] = authorities_for(self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        committee = (
            self.filterset.form.cleaned_data.get("committee") if self.filterset.is_bound else None
        )
        return super().get_context_data(
            committee=committee,
            can_add=self.request.user.has_perm("councils.add_meeting"),
            **kwargs,
        )


def _meeting_form(request, meeting):
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        committees=committees_for(authorities_for(request.user)),
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.meeting_save(
            meeting=form.save(commit=False), loaded_version=form.loaded_version
        ),
    ):
        messages.success(request, "Meeting saved.")
        return redirect(form.instance)
    return render(request, "followup/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@permission_required("councils.add_meeting", raise_exception=True)
def meeting_create(request):
    """Permission: councils.add_meeting (scrutiny officers), for their own council's committees."""
    return _meeting_form(request, None)


@login_required
def meeting_edit(request, pk):
    """Permission: councils.change_meeting (scrutiny officers of the committee's council)."""
    meeting = _get_meeting_for_user(request, pk, "councils.change_meeting")
    return _meeting_form(request, meeting)


# A meeting with more items due than this shows one plan's items at a time (the page lists
# every plan with its counts); the PDF of the pack always prints them all.
AGENDA_ITEMS_AT_ONCE = 60


def _plans_to_show(request):
    """Every plan when the items due are few, else the plan the `plan` parameter names (the
    first when it names none of them)."""

    def show(plan_ids: list[int], counts: dict) -> list[int]:
        if sum(row["due"] for row in counts.values()) <= AGENDA_ITEMS_AT_ONCE:
            return plan_ids
        asked = request.GET.get("plan", "")
        chosen = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 12 else None
        return [chosen] if chosen in plan_ids else plan_ids[:1]

    return show


def _agenda_context(request, meeting, *, with_changes=True):
    """What the meeting page and the update pack print: the plans due with their counts, and
    the items of the plans shown (_plans_to_show); the chart counts every item due in the
    database. `with_changes` (the pack) adds what changed since each item's update before."""
    standings: dict[str, int] = {}
    agenda = meeting_agenda(
        meeting, with_changes=with_changes, show=_plans_to_show(request), standings=standings
    )
    item_count = sum(entry.due for entry in agenda)
    shown = [entry for entry in agenda if entry.shown]
    items = [item for entry in shown for item in entry.items]
    paged = len(shown) < len(agenda)
    place = agenda.index(shown[0]) if paged else 0
    return {
        "meeting": meeting,
        "agenda": agenda,
        "paged": paged,
        "previous_entry": agenda[place - 1] if paged and place > 0 else None,
        "next_entry": agenda[place + 1] if paged and place + 1 < len(agenda) else None,
        "chart": chart_from_counts(
            standings, f"Status of the {item_count} items due at this meeting"
        ),
        "item_count": item_count,
        "no_change_count": (
            sum(1 for item in items if item.updated_for_this and not item.changes)
            if with_changes
            else 0
        ),
        "can_change": request.user.has_perm("councils.change_meeting", meeting),
        "today": timezone.localdate(),
    }


@login_required
@require_safe
def meeting_detail(request, pk):
    """Permission: councils.view_meeting (people of the committee's council). Everything due at
    the meeting; officers ask for updates, record verdicts and complete report-backs here."""
    meeting = _get_meeting_for_user(request, pk)
    context = _agenda_context(request, meeting, with_changes=False)
    return render(request, "followup/meeting_detail.html", context)


@login_required
@require_safe
def meeting_pack(request, pk):
    """Permission: councils.view_meeting. The update pack for the agenda, as a web page."""
    meeting = _get_meeting_for_user(request, pk)
    return render(request, "followup/meeting_pack.html", _agenda_context(request, meeting))


@login_required
@require_safe
def meeting_pack_pdf(request, pk, job=None, download=False):
    """Permission: councils.view_meeting. The update pack as a tagged PDF (PDF/UA-1); a long
    one is made in the background, and its progress page and download check the same."""
    meeting = _get_meeting_for_user(request, pk)
    return pdfjobs.serve(request, documents.update_pack, meeting.pk, job=job, download=download)


@login_required
@require_safe
def meeting_pack_docx(request, pk):
    """Permission: councils.view_meeting. The update pack as a Word document, for the
    committee report (the same content as the PDF, made in the request)."""
    meeting = _get_meeting_for_user(request, pk)
    return word_response(documents.update_pack_word(meeting))


@login_required
@require_POST
def meeting_request_updates(request, pk):
    """Permission: councils.change_meeting. Emails each lead officer the items they owe an
    update on for this meeting; pressing it twice on a day sends nothing twice."""
    meeting = _get_meeting_for_user(request, pk, "councils.change_meeting")
    today = timezone.localdate()
    owed = reminders.update_reminders(today, meeting=meeting)
    sent = reminders.send(owed, today)
    if sent.count:
        messages.success(
            request,
            f"Asked {sent.count} lead officer{'s' if sent.count != 1 else ''} for updates.",
        )
    for entry in sent.not_reached:
        messages.warning(request, f"Could not email {entry.person}: {entry.reason}.")
    if not owed:
        messages.info(request, "Nobody was emailed: every update due at this meeting is in.")
    elif not sent.count and not sent.not_reached:
        messages.info(
            request, "Nobody was emailed: everyone who owes an update was asked today already."
        )
    return redirect(meeting)


@login_required
def report_back_complete(request, pk):
    """Permission: plans.change_actionplan on the report-back's plan. Refused until the
    committee has a verdict on every item due."""
    report_back = get_object_or_404(ReportBack.objects.select_related("meeting"), pk=pk)
    plan = get_plan_for_user(request, report_back.action_plan_id, "plans.change_actionplan")
    form = ReportBackCompleteForm(request.POST or None, initial={"note": report_back.note})
    if submitted(request, form) and saved(
        form,
        lambda: services.report_back_complete(
            report_back=report_back, note=form.cleaned_data["note"]
        ),
    ):
        messages.success(request, f"Report-back {report_back.sequence} marked completed.")
        return redirect(report_back.meeting or plan)
    return render(
        request,
        "followup/meeting_complete.html",
        {"form": form, "report_back": report_back, "plan": plan},
    )
