"""The open data (scraip.followup.opendata): the CSV and JSON files read back and checked
against their own schema, what they hold and never hold, the Atom feeds, the schema page, and
the same few queries however many plans there are."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from scraip.common.softdelete import soft_delete
from scraip.councils.models import Person
from scraip.councils.tests.factories import AuthorityFactory, CommitteeFactory, MeetingFactory
from scraip.followup.models import FollowedPart
from scraip.followup.opendata import COLUMN_NAMES, FEED_SIZE, SCHEMA_VERSION
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, Response
from scraip.plans.models.recommendations import Addressee
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)
from tests.test_journeys import assert_accessible
from tests.test_journeys_phone import DESKTOP, PHONE, assert_fits

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HIDDEN = "HIDDEN"  # in the wording of every recommendation no output may show
PRIVATE = "private.example"  # the domain of every person's email address
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def all_url(fmt):
    return reverse("followup:open_data_all", args=[fmt])


def council_url(authority, fmt):
    return reverse("followup:open_data_council", args=[authority.pk, fmt])


def feed_url(authority=None):
    if authority is None:
        return reverse("followup:public_feed")
    return reverse("followup:public_council_feed", args=[authority.pk])


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def schema(client) -> dict:
    return client.get(reverse("followup:open_data_schema")).json()


def read_csv(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = body(response)
    assert text.startswith("item_id,")  # no byte order mark
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames) == COLUMN_NAMES
    return list(reader)


def read_json(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('inline; filename="scraip-recommendations')
    return json.loads(body(response))


def read_feed(client, url) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def check_csv_value(field: dict, text: str) -> None:
    """A CSV cell as its schema field says: missing only if not required, of its type, and one
    of its codes where the field lists them."""
    name, kind = field["name"], field["type"]
    if text == "":
        assert not field["constraints"]["required"], f"{name} is required"
        return
    if kind == "integer":
        assert str(int(text)) == text, name
    elif kind == "date":
        assert datetime.date.fromisoformat(text).isoformat() == text, name
    elif kind == "boolean":
        assert text in ("true", "false"), name
    if "enum" in field["constraints"]:
        assert text in field["constraints"]["enum"], f"{name}: {text}"


def check_json_value(field: dict, value) -> None:
    name, kind = field["name"], field["type"]
    if value is None:
        assert not field["constraints"]["required"], f"{name} is required"
        return
    expected = {"integer": int, "string": str, "date": str, "boolean": bool}[kind]
    assert isinstance(value, expected), name
    if kind == "integer":
        assert not isinstance(value, bool), name
    if kind == "date":
        datetime.date.fromisoformat(value)
    if "enum" in field["constraints"]:
        assert value in field["constraints"]["enum"], f"{name}: {value}"


def check_rows(schema: dict, rows: list[dict], check) -> None:
    fields = schema["fields"]
    for row in rows:
        assert list(row) == [field["name"] for field in fields]
        for field in fields:
            check(field, row[field["name"]])
    keys = [row["item_id"] for row in rows]
    assert len(keys) == len(set(keys)), "item_id is the primary key"


@pytest.fixture
def published(followed, committee, lead_officer_person):
    """The followed plan, published by the council's setting once answered: A(i) accepted, on
    track, and the committee satisfied; A(ii) rejected; G accepted; and H, addressed to the lead
    officer by name, not yet answered."""
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 11, 19))
    ProgressUpdateFactory(subject=followed.item_a, reported_on=datetime.date(2026, 11, 10))
    VerdictFactory(subject=followed.item_a, meeting=meeting, verdict="satisfied")
    officer_part = PartFactory(
        recommendation=RecommendationFactory(
            action_plan=followed.plan,
            letter="H",
            position=3,
            portfolio=None,
            addressed_to=Addressee.OFFICER,
            addressee_officer=lead_officer_person,
            text="That the Head of Policy reports on partnerships.",
        )
    )
    followed.officer_part = officer_part
    return followed


def _answered_part(plan, text, **response):
    part = PartFactory(recommendation=RecommendationFactory(action_plan=plan, text=text))
    ResponseFactory(part=part, **response)
    return part


@pytest.fixture
def hidden(published, authority, committee):
    """Items no output may show: of a draft, of a plan the council has not yet published, of a
    withdrawn plan, of a deleted plan, and of deleted recommendations (one deleted with its
    parts, one whose part a bulk update left behind). Every person then has an email address."""
    draft = ActionPlanFactory(authority=authority, committee=committee)
    unpublished = SentActionPlanFactory(authority=authority, committee=committee)
    withdrawn = SentActionPlanFactory(
        authority=authority,
        committee=committee,
        status=ActionPlan.Status.RESPONDED,
        publication=ActionPlan.Publication.WITHDRAWN,
        withdrawal_reason="Legal advice.",
    )
    deleted_plan = SentActionPlanFactory(
        authority=authority, committee=committee, status=ActionPlan.Status.RESPONDED
    )
    parts = [
        _answered_part(plan, f"{HIDDEN}: that the council acts ({name}).")
        for name, plan in [
            ("draft", draft),
            ("unpublished", unpublished),
            ("withdrawn", withdrawn),
            ("deleted plan", deleted_plan),
            ("deleted", published.plan),
            ("left behind", published.plan),
        ]
    ]
    soft_delete(record=deleted_plan)
    soft_delete(record=parts[4].recommendation)
    Recommendation.objects.filter(pk=parts[5].recommendation_id).update(deleted_at=timezone.now())
    Person.objects.update(email=f"someone@{PRIVATE}")
    return parts


def published_part_ids(plan) -> set[int]:
    return set(
        RecommendationPart.objects.filter(
            recommendation__action_plan=plan, recommendation__deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )


def test_the_csv_reads_back_against_its_schema_one_row_per_published_item(
    client, published, hidden
):
    rows = read_csv(client, all_url("csv"))
    check_rows(schema(client), rows, check_csv_value)
    assert {int(row["item_id"]) for row in rows} == published_part_ids(published.plan)
    assert len(rows) == 4


def test_the_json_reads_back_against_its_schema_and_says_which_schema(client, published, hidden):
    document = read_json(client, all_url("json"))
    assert document["schema"] == "http://testserver" + reverse("followup:open_data_schema")
    assert document["schema_version"] == SCHEMA_VERSION == schema(client)["version"]
    assert datetime.datetime.fromisoformat(document["generated_at"]).tzinfo is not None
    check_rows(schema(client), document["items"], check_json_value)
    assert {item["item_id"] for item in document["items"]} == published_part_ids(published.plan)


def test_a_row_gives_the_decision_timetable_and_progress_of_its_item(client, published):
    rows = {row["reference"]: row for row in read_csv(client, all_url("csv"))}
    plan_url = "http://testserver" + reverse("followup:public_plan", args=[published.plan.pk])
    accepted = rows["A(i)"]
    assert accepted["item_id"] == str(published.item_a.pk)
    assert accepted["plan_url"] == plan_url
    assert accepted["item_url"] == f"{plan_url}#item-{published.item_a.pk}"
    assert accepted["council"] == "Maidstone Borough Council"
    assert accepted["municipal_year"] == "2026/27"
    assert accepted["response_due_on"] == "2026-12-01"
    assert accepted["plan_status"] == "responded"
    assert (accepted["recommendation"], accepted["part"]) == ("A", "i")
    assert accepted["part_text"] == "Adopt it."
    assert accepted["addressed_to"] == "Leader of the Council"
    assert accepted["decision"] == "accepted"
    assert (accepted["timetable"], accepted["target_by"]) == ("March 2027", "2027-03-31")
    assert accepted["progress_status"] == "on_track"
    assert accepted["progress_reported_on"] == "2026-11-10"
    assert accepted["committee_verdict"] == "satisfied"
    assert accepted["committee_verdict_on"] == "2026-11-19"
    assert accepted["closed"] == "false"
    assert accepted["next_report_back_on"] == "2027-01-14"
    # A rejected item is not followed: no progress columns.
    rejected = rows["A(ii)"]
    assert rejected["decision"] == "rejected"
    assert rejected["explanation"] == "Not affordable."
    assert [rejected[name] for name in COLUMN_NAMES[-6:]] == [""] * 6
    # A whole recommendation has no numeral; one addressed to an officer gives their name.
    assert (rows["G"]["part"], rows["G"]["part_text"]) == ("", "")
    unanswered = rows["H"]
    assert (unanswered["addressed_to_kind"], unanswered["addressed_to"]) == (
        "officer",
        "Liam Lead",
    )
    assert unanswered["decision"] == unanswered["responded_on"] == ""


def test_a_deleted_response_counts_as_none(client, published):
    soft_delete(record=Response.objects.get(part=published.item_g))
    row = next(row for row in read_csv(client, all_url("csv")) if row["reference"] == "G")
    assert row["decision"] == row["explanation"] == row["target_by"] == ""
    assert row["closed"] == ""


def test_a_formula_is_quoted_in_the_csv_and_given_as_it_is_in_the_json(client, published):
    Response.objects.filter(part=published.item_g).update(explanation="=SUM(A1:A9)")
    rows = {row["reference"]: row for row in read_csv(client, all_url("csv"))}
    assert rows["G"]["explanation"] == "'=SUM(A1:A9)"
    items = {item["reference"]: item for item in read_json(client, all_url("json"))["items"]}
    assert items["G"]["explanation"] == "=SUM(A1:A9)"


def test_a_line_break_from_word_leaves_the_feed_readable(client, published):
    Response.objects.filter(part=published.item_g).update(explanation="Agreed.\x0bIn full.")
    summaries = [entry.findtext(f"{ATOM}summary") for entry in read_feed(client, feed_url())]
    assert any(summary.endswith("Agreed.\nIn full.") for summary in summaries)


def every_output(client, authority) -> dict[str, str]:
    urls = [
        all_url("csv"),
        all_url("json"),
        council_url(authority, "csv"),
        council_url(authority, "json"),
        feed_url(),
        feed_url(authority),
        reverse("followup:open_data"),
        reverse("followup:open_data_schema"),
    ]
    return {url: body(client.get(url)) for url in urls}


def test_drafts_unpublished_withdrawn_and_deleted_items_never_appear(
    client, published, hidden, authority
):
    # The part of the recommendation deleted by a bulk update is itself still live.
    assert RecommendationPart.objects.filter(pk=hidden[5].pk).exists()
    outputs = every_output(client, authority)
    for url, text in outputs.items():
        assert HIDDEN not in text, url
    hidden_ids = {part.pk for part in hidden}
    assert not hidden_ids & {int(row["item_id"]) for row in read_csv(client, all_url("csv"))}
    links = [
        entry.find(f"{ATOM}link").get("href") for entry in read_feed(client, feed_url(authority))
    ]
    assert not any(link.endswith(f"#item-{pk}") for link in links for pk in hidden_ids)


def test_no_email_address_of_anyone_appears_in_any_output(client, published, hidden, authority):
    for url, text in every_output(client, authority).items():
        assert PRIVATE not in text, url
        assert not EMAIL.search(text), url


def test_a_council_file_holds_only_that_councils_published_items(
    client, published, other_authority
):
    other_plan = SentActionPlanFactory(
        authority=other_authority,
        committee=CommitteeFactory(authority=other_authority),
        status=ActionPlan.Status.RESPONDED,
    )
    other_part = _answered_part(other_plan, "That Swale keeps a register.")
    ours = read_csv(client, council_url(published.plan.authority, "csv"))
    assert {int(row["item_id"]) for row in ours} == published_part_ids(published.plan)
    theirs = read_json(client, council_url(other_authority, "json"))["items"]
    assert [item["item_id"] for item in theirs] == [other_part.pk]
    assert theirs[0]["council"] == "Swale Borough Council"
    # The whole installation's file has both, council by council.
    assert len(read_csv(client, all_url("csv"))) == len(ours) + 1


def test_a_council_with_only_drafts_gets_an_empty_file_not_a_404(client):
    draft_only = AuthorityFactory(name="Draft Only Council")
    plan = ActionPlanFactory(authority=draft_only, committee=CommitteeFactory(authority=draft_only))
    _answered_part(plan, f"{HIDDEN}: a draft.")
    assert read_csv(client, council_url(draft_only, "csv")) == []
    assert read_json(client, council_url(draft_only, "json"))["items"] == []
    assert read_feed(client, feed_url(draft_only)) == []


@pytest.mark.parametrize(
    "url",
    [
        reverse("followup:open_data_council", args=[99999, "csv"]),
        reverse("followup:open_data_council", args=[99999, "json"]),
        reverse("followup:public_council_feed", args=[99999]),
        reverse("followup:open_data_all", args=["xml"]),
        reverse("followup:open_data_all", args=["CSV"]),
    ],
)
def test_an_unknown_council_or_format_is_a_404(client, authority, url):
    assert client.get(url).status_code == 404
    assert client.get(council_url(authority, "xlsx")).status_code == 404


def test_the_pages_take_no_post(client, authority):
    for url in [all_url("csv"), feed_url(), reverse("followup:open_data")]:
        assert client.post(url).status_code == 405


def test_the_feed_gives_each_response_and_verdict_once_newest_first(client, published, hidden):
    entries = read_feed(client, feed_url())
    # Three responses (A(i), A(ii), G) and one verdict; H is unanswered.
    assert len(entries) == 4
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == 4 and all(id_.startswith("tag:testserver,") for id_ in ids)
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert (
        entries[0].findtext(f"{ATOM}title").startswith("Committee verdict on recommendation A(i)")
    )
    plan_url = "http://testserver" + reverse("followup:public_plan", args=[published.plan.pk])
    published_ids = published_part_ids(published.plan)
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        page, anchor = link.split("#item-")
        assert page == plan_url and int(anchor) in published_ids
    # The same feed read again gives the same ids.
    assert [entry.findtext(f"{ATOM}id") for entry in read_feed(client, feed_url())] == ids


def test_the_feed_keeps_the_newest_fifty(client, published):
    plan = published.plan
    for day in range(1, 31):
        part = PartFactory(recommendation=RecommendationFactory(action_plan=plan))
        ResponseFactory(part=part, responded_on=datetime.date(2026, 10, day))
        meeting = MeetingFactory(
            committee=plan.committee, date=datetime.date(2026, 10, day) + datetime.timedelta(1)
        )
        VerdictFactory(subject=part, meeting=meeting)
    entries = read_feed(client, feed_url(plan.authority))
    assert len(entries) == FEED_SIZE
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    # 64 in all: the fourteen oldest, up to the response of 8 October, are left out.
    assert updated[-1].startswith("2026-10-08")


def test_the_schema_page_and_json_answer_anyone(client, published, other_authority):
    page = client.get(reverse("followup:open_data"))
    assert page.status_code == 200
    html = page.content.decode()
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in html
    assert f"<strong>{SCHEMA_VERSION}</strong>" in html
    assert council_url(published.plan.authority, "csv") in html
    assert feed_url(published.plan.authority) in html
    assert council_url(other_authority, "csv") not in html  # it has published nothing
    document = schema(client)
    assert document["version"] == SCHEMA_VERSION
    assert document["primaryKey"] == "item_id"
    assert tuple(field["name"] for field in document["fields"]) == COLUMN_NAMES
    types = {field["type"] for field in document["fields"]}
    assert types <= {"integer", "string", "date", "boolean"}
    decision = next(field for field in document["fields"] if field["name"] == "decision")
    assert decision["constraints"] == {
        "required": False,
        "enum": ["accepted", "partially_accepted", "rejected"],
    }


# Query counts: the same ceiling at 1 and at 20 published plans, each with sub-parts, answers,
# updates and verdicts. A download: the council (for a council's file), then the rows in one
# query; a feed: the council, then the newest responses and the newest verdicts; the page: the
# councils. One more allows for the content types, read once per process.

QUERY_CEILINGS = [
    (all_url("csv"), 2),
    (all_url("json"), 2),
    ("council-csv", 3),
    ("council-json", 3),
    (feed_url(), 3),
    ("council-feed", 4),
    (reverse("followup:open_data"), 2),
    (reverse("followup:open_data_schema"), 0),
]


@pytest.fixture(params=[1, 20], ids=lambda size: f"{size}-plans")
def many_plans(request, authority, committee, lead_officer_person):
    meeting = MeetingFactory(committee=committee, date=datetime.date(2026, 11, 19))
    for number in range(request.param):
        plan = SentActionPlanFactory(
            authority=authority, committee=committee, status=ActionPlan.Status.RESPONDED
        )
        recommendation = RecommendationFactory(action_plan=plan)
        for numeral in ("i", "ii"):
            part = PartFactory(recommendation=recommendation, numeral=numeral, text="A sub-part.")
            ResponseFactory(part=part, lead_officer=lead_officer_person)
            ProgressUpdateFactory(subject=FollowedPart.objects.get(pk=part.pk))
            VerdictFactory(subject=part, meeting=meeting)
        _answered_part(
            plan,
            f"Whole recommendation {number}.",
            decision="rejected",
            action="",
            timetable=None,
            lead_officer=None,
        )
    return request.param


@pytest.mark.parametrize(("url", "ceiling"), QUERY_CEILINGS)
def test_each_output_runs_the_same_queries_for_one_plan_and_for_twenty(
    client, many_plans, authority, django_assert_max_num_queries, url, ceiling
):
    named = {
        "council-csv": council_url(authority, "csv"),
        "council-json": council_url(authority, "json"),
        "council-feed": feed_url(authority),
    }
    with django_assert_max_num_queries(ceiling):
        response = client.get(named.get(url, url))
        text = body(response)
    assert response.status_code == 200
    if "recommendations.csv" in url or url == "council-csv":
        assert len(text.strip().splitlines()) == 1 + 3 * many_plans


@pytest.mark.browser
@pytest.mark.usefixtures("built_stylesheet")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_schema_page_fits_a_phone_and_passes_axe(browser, live_server, published, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("followup:open_data"))
        assert_fits(page, width)
        assert_accessible(page)
    finally:
        context.close()
