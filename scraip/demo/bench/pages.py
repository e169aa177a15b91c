"""The pages the benchmark times (issue 14's list), who opens each, and the records they show:
the first generated council's biggest plan, busiest meeting and fullest partnership."""

import datetime
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from partnerships.models import Partnership
from scraip.councils.models import Authority, Meeting
from scraip.demo.generate.councils import authority_name
from scraip.followup.models import CalendarFeed, FollowedPart
from scraip.plans.models import ActionPlan, Response

from .databases import DATA_DAY

# The clock of every run: 10am on the day the data ends on, as in the test suite.
NOW = datetime.datetime.combine(
    datetime.date.fromisoformat(DATA_DAY), datetime.time(10), tzinfo=ZoneInfo("Europe/London")
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_ROWS = 1000
# The import page sends back this many rows at both sizes: the same work against more history,
# so that its queries and time compare like with like (the spreadsheets table times 1,000).
IMPORT_PAGE_ROWS = 40


@dataclass(frozen=True)
class Page:
    name: str
    persona: str | None  # a generated username, or None for a visitor not signed in
    url: str
    kind: str = "html"  # html, ics, xlsx, csv or import
    post: dict | None = None  # for an import: built by the runner


@dataclass(frozen=True)
class Targets:
    """The records of council 1 the pages show."""

    authority: Authority
    plan: ActionPlan
    meeting: Meeting
    partnership: Partnership
    item: FollowedPart
    committee_id: int
    portfolio_id: int
    lead_id: int
    year: int
    my_feed: str
    committee_feed: str
    public_plan: int


def find_targets() -> Targets:
    User = get_user_model()
    authority = Authority.objects.get(name=authority_name(1)[0])
    plans = ActionPlan.objects.filter(authority=authority)
    plan = plans.annotate(parts=Count("recommendations__parts")).order_by("-parts", "pk").first()
    accepted = Q(
        report_backs__action_plan__recommendations__parts__response__decision__in=[
            Response.Decision.ACCEPTED,
            Response.Decision.PARTIALLY_ACCEPTED,
        ]
    )
    meeting = (
        Meeting.objects.filter(committee__authority=authority)
        .annotate(items=Count("report_backs__action_plan__recommendations__parts", filter=accepted))
        .order_by("-items", "pk")
        .first()
    )
    partnership = (
        Partnership.objects.filter(authority=authority)
        .annotate(outcome_count=Count("outcomes"))
        .order_by("-outcome_count", "pk")
        .first()
    )
    item = (
        FollowedPart.objects.filter(recommendation__action_plan=plan)
        .trackable()
        .annotate(updates=Count("progress_updates"))
        .order_by("-updates", "pk")
        .first()
    )
    officer = User.objects.get(username="officer1")
    my_feed, _ = CalendarFeed.objects.get_or_create(owner=officer, person=officer.person)
    committee_feed, _ = CalendarFeed.objects.get_or_create(
        owner=officer, committee=meeting.committee
    )
    return Targets(
        authority=authority,
        plan=plan,
        meeting=meeting,
        partnership=partnership,
        item=item,
        committee_id=meeting.committee_id,
        portfolio_id=plan.recommendations.values_list("portfolio", flat=True).first(),
        lead_id=User.objects.get(username="lead1").person.pk,
        year=plan.publication_date.year,
        my_feed=my_feed.token,
        committee_feed=committee_feed.token,
        public_plan=plans.published()
        .annotate(parts=Count("recommendations__parts"))
        .order_by("-parts", "pk")
        .values_list("pk", flat=True)
        .first(),
    )


def pages(targets: Targets) -> list[Page]:
    t = targets
    plan, meeting, a = t.plan.pk, t.meeting.pk, t.authority.pk
    return [
        Page("Calendar feeds page", "officer1", reverse("followup:calendar_feeds")),
        Page("Home (officer)", "officer1", reverse("plans:home")),
        Page("Home (cabinet member)", "leader1", reverse("plans:home")),
        Page("Action plans", "officer1", reverse("plans:plan_list")),
        Page(
            "Action plans, filtered",
            "officer1",
            reverse("plans:plan_list")
            + f"?committee={t.committee_id}&status=responded&year={t.year}",
        ),
        Page("Recommendations", "officer1", reverse("plans:recommendation_list")),
        Page(
            "Recommendations, filtered",
            "officer1",
            reverse("plans:recommendation_list")
            + f"?portfolio={t.portfolio_id}&decision=accepted&lead_officer={t.lead_id}",
        ),
        Page(
            "Recommendations, overdue",
            "officer1",
            reverse("plans:recommendation_list") + "?overdue=true",
        ),
        Page("Awaiting response", "leader1", reverse("plans:awaiting_response")),
        Page("Plan (largest)", "officer1", reverse("plans:plan_detail", args=[plan])),
        Page("Plan progress tracker", "officer1", reverse("followup:plan_tracker", args=[plan])),
        Page("Item progress", "officer1", reverse("followup:progress_item", args=[t.item.pk])),
        Page("Meetings", "officer1", reverse("followup:meeting_list")),
        Page("Meeting (busiest)", "officer1", reverse("followup:meeting_detail", args=[meeting])),
        Page("Update pack (busiest)", "officer1", reverse("followup:meeting_pack", args=[meeting])),
        Page("Officer's dashboard", "officer1", reverse("followup:dashboard_officer")),
        Page("Cabinet member's dashboard", "leader1", reverse("followup:dashboard_cabinet")),
        Page("Lead officer's dashboard", "lead1", reverse("followup:dashboard_lead")),
        Page("Updates owed (officer)", "officer1", reverse("followup:updates_owed")),
        Page("Updates owed (lead officer)", "lead1", reverse("followup:updates_owed")),
        Page("Reviews programme", "officer1", reverse("reviews:programme")),
        Page("Reviews network", "officer1", reverse("reviews:network")),
        Page("Witness directory", "officer1", reverse("reviews:witness_directory")),
        Page("Partnership list", "officer1", reverse("partnerships:list")),
        Page(
            "Partnership detail",
            "officer1",
            reverse("partnerships:detail", args=[t.partnership.pk]),
        ),
        Page("Public register", None, reverse("partnerships:register")),
        Page("Impact report (every year)", "officer1", reverse("followup:impact", args=[a])),
        Page(
            "Impact report (one year)",
            "officer1",
            reverse("followup:impact", args=[a]) + f"?year={t.plan.municipal_year}",
        ),
        Page("Impact across the network", "officer1", reverse("followup:impact_network")),
        Page("Published plans (council)", None, reverse("followup:public_plans", args=[a])),
        Page(
            "Published plan (largest)",
            None,
            reverse("followup:public_plan", args=[t.public_plan]),
        ),
        Page("Public feed (council)", None, reverse("followup:public_council_feed", args=[a])),
        Page(
            "Open data (council, csv)",
            None,
            reverse("followup:open_data_council", args=[a, "csv"]),
            kind="csv",
        ),
        Page(
            "Calendar feed (committee)",
            None,
            reverse("followup:calendar_feed", args=[t.committee_feed]),
            kind="ics",
        ),
        Page(
            "Calendar feed (officer's own)",
            None,
            reverse("followup:calendar_feed", args=[t.my_feed]),
            kind="ics",
        ),
        Page(
            "Export plan tracker (xlsx)",
            "officer1",
            reverse("followup:plan_tracker_export", args=[plan, "xlsx"]),
            kind="xlsx",
        ),
        Page(
            "Export committee tracker (xlsx)",
            "officer1",
            reverse("followup:committee_tracker_export", args=[t.committee_id, "xlsx"]),
            kind="xlsx",
        ),
        Page(
            "Export committee tracker (csv)",
            "officer1",
            reverse("followup:committee_tracker_export", args=[t.committee_id, "csv"]),
            kind="csv",
        ),
        Page(
            "Import committee tracker",
            "officer1",
            reverse("followup:committee_tracker_import", args=[t.committee_id]),
            kind="import",
        ),
    ]


def consume(response) -> int:
    if getattr(response, "streaming", False):
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def import_file(client: Client, export_url: str, rows: int = IMPORT_PAGE_ROWS) -> tuple[bytes, int]:
    """The committee's own tracker export with New status and New update filled in on up to
    `rows` rows of open items: what an officer sends back."""
    export = client.get(export_url)
    workbook = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    status, update = header.index("New status") + 1, header.index("New update") + 1
    verdict = header.index("Committee verdict") + 1 if "Committee verdict" in header else None
    filled = 0
    for row in range(2, sheet.max_row + 1):
        if filled >= rows:
            break
        if verdict and str(sheet.cell(row, verdict).value or "").startswith("Closed"):
            continue
        sheet.cell(row, status).value = "On track"
        sheet.cell(row, update).value = "Progress reported through the spreadsheet."
        filled += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), filled
