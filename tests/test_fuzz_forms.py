"""Every form view, fed generated junk: no body a visitor can post may cause a server error.

The form views come from walking the URL configuration and looking for a POST form on each page,
so a new form without a row in FORM_VIEWS fails `test_every_form_view_is_fuzzed`. The bodies are
built from the fields on the page itself: half start from what the browser would send unchanged
and swap a few fields for other values, so the save paths run too; the rest pick each field from
real values (pks, dates, "October 2008", decisions) and junk (huge and unicode strings, NUL bytes,
negative and enormous numbers, SQL and HTML), leave fields out or send them twice.
"""

import datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.tests.factories import OTHER_KINDS as PARTNERSHIP_ROW_KINDS
from scraip.common.spreadsheets import clean_text
from scraip.common.tests.workbooks import hostile_spreadsheets, spreadsheet_inputs
from scraip.councils.tests.factories import PASSWORD, MeetingFactory
from scraip.followup.models import FollowedPart, ProgressUpdate
from scraip.plans.models import ReportBack
from scraip.plans.tests.factories import ActionPlanFactory
from tests.test_access import PERSONAS, RULES, walk

# route: every (persona, object) pair whose page posts a form; each pair is fuzzed separately.
FORM_VIEWS = {
    "login": [("anonymous", None)],
    "password_reset": [("anonymous", None)],
    "password_change": [("officer", None)],
    # Setting up a council: the officer persona is its administrator (tests/conftest.py).
    "councils:authority_settings": [("officer", "authority")],
    "councils:committee_add": [("officer", "authority")],
    "followup:status_add": [("officer", "authority")],
    "followup:status_edit": [("officer", "council_status")],
    "councils:committee_edit": [("officer", "setup_committee")],
    "councils:portfolio_add": [("officer", "authority")],
    "councils:portfolio_edit": [("officer", "setup_portfolio")],
    "councils:term_add": [("officer", "setup_portfolio")],
    "councils:term_end": [("officer", "setup_term")],
    "councils:person_add": [("officer", "authority")],
    "councils:person_edit": [("officer", "setup_person")],
    "councils:bulk_upload": [("officer", "bulk_people")],
    "plans:plan_create": [("officer", None)],
    "plans:plan_edit": [("officer", "plan")],
    "plans:plan_send": [("officer", "draft_plan")],
    "plans:plan_publication": [("officer", "plan")],
    "plans:plan_delete": [("officer", "plan")],
    "plans:recommendation_create": [("officer", "plan")],
    "plans:recommendation_edit": [("officer", "recommendation")],
    "plans:recommendation_delete": [("officer", "recommendation")],
    "plans:report_backs_edit": [("officer", "plan")],
    # The portfolio holder answers for themself; an officer corrects an answer on their behalf.
    "plans:respond": [("cabinet_a", "part"), ("officer", "answered_part")],
    "followup:meeting_create": [("officer", None)],
    "followup:meeting_edit": [("officer", "meeting")],
    "followup:report_back_complete": [("officer", "report_back")],
    # The lead officer writes their own update; an officer writes one on their behalf.
    "followup:progress_add": [("lead_officer", "item"), ("officer", "item")],
    "followup:progress_edit": [("officer", "update")],
    "followup:target_date_change": [("lead_officer", "item")],
    "followup:verdict_record": [("officer", "item_at_meeting")],
    "followup:plan_tracker_import": [("officer", "plan")],
    "followup:committee_tracker_import": [("officer", "committee")],
    "followup:calendar_feeds": [("officer", None)],
    "followup:tracker_upload": [("officer", None)],
    "reviews:create": [("officer", None)],
    "reviews:edit": [("officer", "review")],
    "reviews:status": [("officer", "review")],
    "reviews:members": [("officer", "review")],
    "reviews:officers": [("officer", "review")],
    "reviews:costs": [("officer", "review")],
    "reviews:recommendations": [("officer", "review")],
    "reviews:delete": [("officer", "review")],
    "reviews:activity_create": [("officer", "review")],
    "reviews:activity_edit": [("officer", "activity")],
    "reviews:activity_witnesses": [("officer", "activity")],
    "reviews:activity_delete": [("officer", "activity")],
    "reviews:document_upload": [("officer", "review")],
    "reviews:document_delete": [("officer", "document")],
    # Partnerships: the scrutiny officer keeps the register; the lead officer reports progress.
    "partnerships:create": [("officer", None)],
    "partnerships:edit": [("officer", "partnership")],
    "partnerships:definition": [("officer", "partnership")],
    "partnerships:checklist": [("officer", "partnership")],
    "partnerships:links": [("officer", "partnership")],
    "partnerships:delete": [("officer", "partnership")],
    # A risk, then every other kind of row a partnership has.
    "partnerships:item_add": [("officer", "partnership_item_new")]
    + [("officer", f"partnership_new_{kind}") for kind in PARTNERSHIP_ROW_KINDS],
    "partnerships:item_edit": [("officer", "partnership_item")],
    "partnerships:item_delete": [("officer", "partnership_item")],
    "partnerships:progress_add": [("lead_officer", "partnership_outcome")],
    "partnerships:progress_edit": [("officer", "partnership_update")],
    "partnerships:outcome_target": [("lead_officer", "partnership_outcome")],
    "partnerships:outcome_verdict": [("officer", "partnership_outcome_meeting")],
    "partnerships:priority_edit": [("officer", None)],
    "partnerships:settings": [("officer", None)],
    "partnerships:settings_definition": [("officer", None)],
    "partnerships:settings_checklist": [("officer", None)],
    "partnerships:recommendation": [("officer", "partnership_recommendation")],
}

FUZZ_CASES = [
    pytest.param(route, persona, kind, id=f"{route}-{persona}-{kind}")
    for route, pairs in FORM_VIEWS.items()
    for persona, kind in pairs
]

JUNK = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999",
    "1e309",
    "NaN",
    "3.5",
    "0x10",
    "None",
    "null",
    "[]",
    "' OR '1'='1",
    "'; DROP TABLE scraip_actionplan; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "\u202egnp.exe",
    "Ω≈ç√∫ 🙂 𝕏 ﷽",
    "\r\n\t",
    "31 February 2027",
    "2026-02-30",
    "Spring",
    "October 99999",
    "../../etc/passwd",
]
REALISTIC = [
    "October 2008",
    "1 March 2027",
    "Spring 2027",
    "Summer 2027",
    "2027",
    "March 2027",
    "A",
    "g",
    "i",
    "(ii)",
    "iii",
    "That the council keeps a register of its partnerships.",
    "accepted",
    "partially_accepted",
    "rejected",
    "on",
    "1",
    "2",
    "10",
    "2026",
    "2007",
    "officer",
    "leader",
    PASSWORD,
]
# Days, months, years, positions and pks, and the edges of 16, 32 and 64-bit integers.
NUMBERS = [
    "1",
    "12",
    "31",
    "2026",
    "32767",
    "32768",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "99999999999999999999",
    "١٢",
]
MISSING = object()

# Far longer than any field allows; kept out of JUNK so that reports do not print them whole.
huge_text = st.sampled_from([("A", 5_000), ("9", 5_000), ("é", 30_000)]).map(
    lambda character_and_length: character_and_length[0] * character_and_length[1]
)
# A formset's form count stays small: a count in the thousands makes Django build and render up
# to 2,000 forms (10 seconds a request), which the fuzzer would spend its whole budget on.
formset_count = st.one_of(
    st.integers(min_value=-3, max_value=6).map(str),
    # No forms, or one: fewer than the page sent turns its existing rows into new ones.
    st.sampled_from(["0", "1"]),
    st.sampled_from([value for value in JUNK if not value.lstrip("-").isdigit()]),
)


class OwnForm(HTMLParser):
    """The POST form that posts back to the page itself: every value the page offers for each
    field, and what the browser would send if the user submitted it unchanged. Forms posting
    elsewhere (sign out, restore buttons) belong to other routes."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url
        self.found = False
        self.offered: dict[str, set[str]] = {}
        self.unchanged: dict[str, list[str]] = {}
        self._inside = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None
        self.textareas: set[str] = set()

    def _offer(self, name, value, sent):
        self.offered.setdefault(name, set()).add(value)
        if sent:
            self.unchanged.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            posts = (attrs.get("method") or "").lower() == "post"
            self._inside = posts and (attrs.get("action") or self.url) == self.url
            self.found |= self._inside
        elif not self._inside:
            return
        elif tag in {"input", "button"} and name:
            kind = (attrs.get("type") or "text").lower()
            self._offer(
                name,
                attrs.get("value") or "",
                kind not in {"radio", "checkbox"} or "checked" in attrs,
            )
        elif tag == "textarea" and name:
            self._textarea = name
            self.textareas.add(name)
            self._offer(name, "", sent=False)
            self.unchanged[name] = [""]
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self.offered.setdefault(name, set())
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            self._select_first = value if self._select_first is None else self._select_first
            self._offer(self._select, value, sent="selected" in attrs)

    def handle_data(self, data):
        if self._textarea:
            self.unchanged[self._textarea][-1] += data

    def close(self):
        super().close()
        # Browsers drop the newline that starts a textarea's content.
        for name, values in self.unchanged.items():
            if name in self.textareas:
                values[:] = [value.removeprefix("\n") for value in values]

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A browser sends a single select's first option when none is marked selected.
            if self._select not in self.unchanged and self._select_first is not None:
                self.unchanged[self._select] = [self._select_first]
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._inside = False


def own_form(html: str, url: str) -> OwnForm:
    parser = OwnForm(url)
    parser.feed(html)
    parser.close()
    for fields in (parser.offered, parser.unchanged):
        fields.pop("csrfmiddlewaretoken", None)  # the test client does not check CSRF
    return parser


def value_strategy(name: str, offered: set[str], pks: list[str]):
    if name.endswith("_FORMS") or name.endswith("_NUM_FORMS"):
        return formset_count
    realistic = st.sampled_from(sorted(offered | set(REALISTIC) | set(pks)))
    junk = st.one_of(
        st.sampled_from(JUNK),
        huge_text,
        st.text(max_size=40),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
    )
    numbers = st.sampled_from(NUMBERS)
    single = st.one_of(realistic, realistic, numbers, junk)
    # Now and then a field arrives twice, as a hand-made request could send it.
    return st.one_of(single, single, single, st.lists(single, min_size=2, max_size=3))


def body_strategy(form: OwnForm, pks: list[str]):
    """Either the unchanged form with a few fields swapped or dropped, or any subset of the
    page's fields; sometimes with a stray field the form never asked for."""
    stray = {"unexpected-field": value_strategy("unexpected-field", set(), pks)}
    mostly_unchanged = st.fixed_dictionaries(
        {
            name: st.one_of(
                *[st.just(form.unchanged[name])] * 4,
                value_strategy(name, offered, pks),
                st.just(MISSING),
            )
            if name in form.unchanged
            else st.one_of(st.just(MISSING), value_strategy(name, offered, pks))
            for name, offered in form.offered.items()
        },
        optional=stray,
    ).map(lambda body: {name: value for name, value in body.items() if value is not MISSING})
    anything = st.fixed_dictionaries(
        {},
        optional={
            **{name: value_strategy(name, offered, pks) for name, offered in form.offered.items()},
            **stray,
        },
    )
    return st.one_of(mostly_unchanged, anything)


@pytest.fixture
def form_objects(objects, plan, part_b, committee):
    """The access test's records, and what some forms need besides: a plan still in draft to
    send, an answered part to correct, a meeting to pick and a report-back date to change."""
    MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    ReportBack.objects.create(action_plan=plan, sequence=1, due_on=datetime.date(2027, 3, 1))
    draft_plan = ActionPlanFactory(
        authority=plan.authority, committee=committee, title="Draft review"
    )
    return {**objects, "draft_plan": [draft_plan.pk], "answered_part": [part_b.pk]}


@pytest.fixture
def personas(request):
    """Everyone exists in every case, so a form cannot pass because a persona is missing."""
    return {name: request.getfixturevalue(name) for name in PERSONAS[1:]}


def client_for(personas, persona):
    client = Client(raise_request_exception=True)
    if persona != "anonymous":
        client.force_login(personas[persona])
    return client


@pytest.mark.django_db
def test_every_form_view_is_fuzzed(personas, form_objects):
    """Open each route as the first persona allowed to, and look for a POST form on the page."""
    routes = {
        route for route in walk(get_resolver().url_patterns) if not route.startswith("admin:")
    }
    assert routes <= set(RULES), "give each new route a rule in tests/test_access.py first"
    with_forms = set()
    for route in sorted(routes):
        method, kind, expected = RULES[route]
        if method != "get" or 200 not in expected:
            continue
        persona = PERSONAS[expected.index(200)]
        url = reverse(route, args=form_objects[kind])
        response = client_for(personas, persona).get(url)
        if (
            response["Content-Type"].startswith("text/html")
            and own_form(response.content.decode(), url).found
        ):
            with_forms.add(route)
    assert with_forms == set(FORM_VIEWS)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "persona", "kind"), FUZZ_CASES)
def test_no_posted_body_causes_a_server_error(personas, form_objects, route, persona, kind):
    url = reverse(route, args=form_objects[kind])
    client = client_for(personas, persona)
    page = client.get(url)
    assert page.status_code == 200
    form = own_form(page.content.decode(), url)
    assert form.found, f"no form posting to {url}"
    pks = sorted({str(pk) for pks in form_objects.values() for pk in pks})
    session_cookie = client.cookies.output(attrs=[], header="")

    # The number of examples comes from the Hypothesis profile (conftest.py).
    @settings(
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=body_strategy(form, pks), urlencoded=st.booleans())
    def post_survives(body, urlencoded):
        # Only the persona's own session cookie each time, so a sign-in or sign-out in one example
        # cannot leak into the next. The client stays: a new one loads every middleware afresh.
        client.cookies = SimpleCookie(session_cookie)
        # Each example starts from the same records: a save or delete is rolled back after it.
        with transaction.atomic():
            if urlencoded:
                encoded = urlencode(body, doseq=True)
                response = client.post(url, encoded, "application/x-www-form-urlencoded")
            else:
                response = client.post(url, body)
            transaction.set_rollback(True)
        assert response.status_code < 500, body

    post_survives()


# Import pages (a file input marked data-spreadsheet-import, by SpreadsheetField) are posted
# broken and hostile workbooks and CSV files (scraip/common/tests/workbooks.py): each must answer
# with a message on the form, or import a file that happens to be sound, and never save half.
IMPORT_VIEWS = {
    "followup:plan_tracker_import": ("officer", "plan"),
    "followup:committee_tracker_import": ("officer", "committee"),
    "councils:bulk_upload": ("officer", "bulk_people"),
    "followup:tracker_upload": ("officer", None),
}
# Import pages whose sound file is only read, to be matched and checked on the next page: a
# redirect saves nothing there. The other fields they post besides the file.
READ_ONLY_IMPORTS = {
    "followup:tracker_upload": lambda objects: {"authority": objects["authority"][0]}
}


@pytest.mark.django_db
def test_every_import_page_is_fuzzed_with_hostile_files(personas, form_objects):
    routes = {
        route for route in walk(get_resolver().url_patterns) if not route.startswith("admin:")
    }
    importing = set()
    for route in sorted(routes):
        method, kind, expected = RULES[route]
        if method != "get" or 200 not in expected:
            continue
        persona = PERSONAS[expected.index(200)]
        response = client_for(personas, persona).get(reverse(route, args=form_objects[kind]))
        if response["Content-Type"].startswith("text/html") and spreadsheet_inputs(
            response.content.decode()
        ):
            importing.add(route)
    assert importing == set(IMPORT_VIEWS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "persona", "kind"),
    [
        pytest.param(route, persona, kind, id=route)
        for route, (persona, kind) in IMPORT_VIEWS.items()
    ],
)
def test_no_hostile_spreadsheet_causes_a_server_error(personas, form_objects, route, persona, kind):
    url = reverse(route, args=form_objects[kind])
    client = client_for(personas, persona)
    page = client.get(url)
    (field,) = spreadsheet_inputs(page.content.decode())
    item_ids = list(FollowedPart.objects.listed().values_list("pk", flat=True))
    session_cookie = client.cookies.output(attrs=[], header="")
    before = list(ProgressUpdate.objects.values_list("pk", flat=True))

    # The number of examples comes from the Hypothesis profile (conftest.py).
    @settings(
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(upload=hostile_spreadsheets(item_ids))
    def post_survives(upload):
        name, content = upload
        client.cookies = SimpleCookie(session_cookie)
        extra = READ_ONLY_IMPORTS.get(route, lambda objects: {})(form_objects)
        with transaction.atomic():
            response = client.post(url, {field: SimpleUploadedFile(name, content), **extra})
            saved = list(ProgressUpdate.objects.exclude(pk__in=before))
            transaction.set_rollback(True)
        assert response.status_code in (200, 302), (name, content[:200])
        if response.status_code == 200:
            assert 'class="govuk-error-summary' in response.content.decode(), (name, content[:200])
            assert saved == []
        elif route in READ_ONLY_IMPORTS:
            assert saved == []
        else:
            assert saved
            for update in saved:  # every character stored is one XML, and so Excel, can hold
                assert clean_text(update.narrative) == update.narrative

    post_survives()
