"""Every route, every persona: who may open what.

The routes come from walking the whole URL configuration, so a new view without a row in RULES
fails `test_every_route_has_a_rule`: no view ships without deciding who may use it. Anonymous
visitors get the sign-in page everywhere except the short PUBLIC allow-list.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from scraip.councils.tests.factories import UserFactory

PERSONAS = [
    "anonymous",
    "officer",
    "cabinet_a",
    "cabinet_b",
    "lead_officer",
    "councillor",
    "other_officer",
]
PUBLIC = {
    "login",
    "followup:calendar_feed",
    "followup:public_councils",
    "followup:public_plans",
    "followup:public_plan",
    "followup:open_data",
    "followup:open_data_schema",
    "followup:open_data_all",
    "followup:open_data_council",
    "followup:public_feed",
    "followup:public_council_feed",
    "partnerships:register",
    "partnerships:register_detail",
    "partnerships:register_report",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}

LOGIN = "login"
HOME = "home"  # signed-in people who open the sign-in page are sent home
EVERYONE_SIGNED_IN = [LOGIN, 200, 200, 200, 200, 200, 200]
READ_PLAN = [LOGIN, 200, 200, 200, 200, 200, 404]
CHANGE_PLAN = [LOGIN, 200, 403, 403, 403, 403, 404]
RESTORE = [LOGIN, 302, 404, 404, 404, 404, 404]
OFFICERS_ONLY = [LOGIN, 200, 403, 403, 403, 403, 200]
# A long PDF made in the background: only the person who asked for it (here the officer) sees
# its progress page and downloads it, and only while they may still read the record.
OWN_PDF_JOB = [LOGIN, 200, 404, 404, 404, 404, 404]
LEAD_CHANGE = [LOGIN, 200, 403, 403, 200, 403, 404]  # scrutiny officers and the lead officer
# Setting up a council: its administrator (the officer persona is Maidstone's); Swale's officer,
# who is not, finds no Maidstone record (its own council's admins are tested in
# scraip/councils/tests/test_setup_access.py).
SETUP = [LOGIN, 200, 403, 403, 403, 403, 404]
SETUP_ACTION = [LOGIN, 302, 403, 403, 403, 403, 404]

# route: (method, the object its URL needs, expected result per persona in PERSONAS order)
RULES = {
    "login": ("get", None, [200, HOME, HOME, HOME, HOME, HOME, HOME]),
    "logout": ("post", None, [302, 302, 302, 302, 302, 302, 302]),
    "password_change": ("get", None, EVERYONE_SIGNED_IN),
    "password_change_done": ("get", None, EVERYONE_SIGNED_IN),
    "password_reset": ("get", None, [200] * 7),
    "password_reset_done": ("get", None, [200] * 7),
    "password_reset_confirm": ("get", "expired_link", [200] * 7),
    "password_reset_complete": ("get", None, [200] * 7),
    "councils:setup_home": ("get", None, [LOGIN, 200, 403, 403, 403, 403, 403]),
    "councils:authority_settings": ("get", "authority", SETUP),
    "councils:committee_list": ("get", "authority", SETUP),
    "followup:status_list": ("get", "authority", SETUP),
    "followup:status_add": ("get", "authority", SETUP),
    "followup:status_edit": ("get", "council_status", SETUP),
    "councils:committee_add": ("get", "authority", SETUP),
    "councils:committee_edit": ("get", "setup_committee", SETUP),
    "councils:committee_history": ("get", "setup_committee", SETUP),
    "councils:portfolio_list": ("get", "authority", SETUP),
    "councils:portfolio_add": ("get", "authority", SETUP),
    "councils:portfolio_detail": ("get", "setup_portfolio", SETUP),
    "councils:portfolio_edit": ("get", "setup_portfolio", SETUP),
    "councils:portfolio_history": ("get", "setup_portfolio", SETUP),
    "councils:term_add": ("get", "setup_portfolio", SETUP),
    "councils:term_end": ("get", "setup_term", SETUP),
    "councils:person_list": ("get", "authority", SETUP),
    "councils:person_add": ("get", "authority", SETUP),
    "councils:person_edit": ("get", "setup_person", SETUP),
    "councils:person_history": ("get", "setup_person", SETUP),
    "councils:person_invite": ("post", "setup_person", SETUP_ACTION),
    "councils:person_sign_in": ("post", "setup_person", SETUP_ACTION),
    "councils:bulk_upload": ("get", "bulk_people", SETUP),
    "councils:bulk_confirm": ("post", "bulk_people", SETUP_ACTION),
    "councils:bulk_template": ("get", "bulk_template", SETUP),
    "plans:home": ("get", None, EVERYONE_SIGNED_IN),
    "plans:plan_list": ("get", None, EVERYONE_SIGNED_IN),
    "plans:recommendation_list": ("get", None, EVERYONE_SIGNED_IN),
    "plans:awaiting_response": ("get", None, [LOGIN, 200, 200, 200, 403, 403, 200]),
    "plans:plan_create": ("get", None, OFFICERS_ONLY),
    "plans:deleted_items": ("get", None, OFFICERS_ONLY),
    "plans:plan_detail": ("get", "plan", READ_PLAN),
    "plans:plan_pdf": ("get", "plan", READ_PLAN),
    "plans:plan_docx": ("get", "plan", READ_PLAN),
    "plans:plan_pdf_job": ("get", "plan_pdf_job", OWN_PDF_JOB),
    "plans:plan_pdf_download": ("get", "plan_pdf_job", OWN_PDF_JOB),
    "plans:plan_history": ("get", "plan", READ_PLAN),
    "plans:plan_edit": ("get", "plan", CHANGE_PLAN),
    "plans:plan_send": ("get", "plan", CHANGE_PLAN),
    "plans:plan_delete": ("get", "plan", CHANGE_PLAN),
    "plans:plan_restore": ("post", "deleted_plan", RESTORE),
    "plans:report_backs_edit": ("get", "plan", CHANGE_PLAN),
    "plans:recommendation_create": ("get", "plan", CHANGE_PLAN),
    "plans:recommendation_edit": ("get", "recommendation", CHANGE_PLAN),
    "plans:recommendation_delete": ("get", "recommendation", CHANGE_PLAN),
    "plans:recommendation_move": ("post", "recommendation", [LOGIN, 302, 403, 403, 403, 403, 404]),
    "plans:recommendation_restore": ("post", "deleted_recommendation", RESTORE),
    "plans:recommendation_history": ("get", "recommendation", READ_PLAN),
    "plans:response_history": ("get", "response", READ_PLAN),
    "plans:respond": ("get", "part", [LOGIN, 200, 200, 403, 403, 403, 404]),
    # Follow-up: meetings and items are read like their plans; the item's lead officer (persona
    # lead_officer leads part_b) reports progress and moves its target date; verdicts, meetings
    # and imports are the scrutiny officers'. A calendar feed is public by its token alone.
    "followup:meeting_list": ("get", None, EVERYONE_SIGNED_IN),
    "followup:meeting_create": ("get", None, OFFICERS_ONLY),
    "followup:meeting_detail": ("get", "meeting", READ_PLAN),
    "followup:meeting_edit": ("get", "meeting", CHANGE_PLAN),
    "followup:meeting_pack": ("get", "meeting", READ_PLAN),
    "followup:meeting_pack_pdf": ("get", "meeting", READ_PLAN),
    "followup:meeting_pack_docx": ("get", "meeting", READ_PLAN),
    "followup:meeting_pack_pdf_job": ("get", "pack_pdf_job", OWN_PDF_JOB),
    "followup:meeting_pack_pdf_download": ("get", "pack_pdf_job", OWN_PDF_JOB),
    "followup:meeting_request_updates": ("post", "meeting", [LOGIN, 302, 403, 403, 403, 403, 404]),
    "followup:report_back_complete": ("get", "report_back", CHANGE_PLAN),
    "followup:progress_item": ("get", "item", READ_PLAN),
    "followup:progress_add": ("get", "item", [LOGIN, 200, 403, 403, 200, 403, 404]),
    "followup:target_date_change": ("get", "item", [LOGIN, 200, 403, 403, 200, 403, 404]),
    "followup:verdict_record": ("get", "item_at_meeting", CHANGE_PLAN),
    "followup:progress_edit": ("get", "update", [LOGIN, 200, 403, 403, 200, 403, 404]),
    "followup:progress_evidence": ("get", "update", READ_PLAN),
    "followup:updates_owed": ("get", None, [LOGIN, 200, 403, 403, 200, 403, 200]),
    "followup:plan_tracker": ("get", "plan", READ_PLAN),
    "plans:plan_publication": ("get", "plan", CHANGE_PLAN),
    "followup:plan_tracker_export": ("get", "plan_xlsx", READ_PLAN),
    "followup:plan_tracker_import": ("get", "plan", CHANGE_PLAN),
    "followup:committee_tracker_export": ("get", "committee_xlsx", READ_PLAN),
    "followup:council_tracker_export": ("get", "council_xlsx", READ_PLAN),
    "followup:impact": ("get", "authority", READ_PLAN),
    "followup:impact_network": ("get", None, EVERYONE_SIGNED_IN),
    "followup:impact_pdf": ("get", "authority", READ_PLAN),
    "followup:impact_docx": ("get", "authority", READ_PLAN),
    "followup:impact_csv": ("get", "authority", READ_PLAN),
    "followup:tracker_upload": ("get", None, OFFICERS_ONLY),
    "followup:tracker_template": ("get", "tracker_xlsx", OFFICERS_ONLY),
    # Without a tracker uploaded first, back to the upload page.
    "followup:tracker_map": ("get", None, [LOGIN, 302, 403, 403, 403, 403, 302]),
    "followup:tracker_confirm": ("post", None, [LOGIN, 302, 403, 403, 403, 403, 302]),
    "followup:committee_tracker_import": ("get", "committee", CHANGE_PLAN),
    "followup:dashboard_officer": ("get", None, OFFICERS_ONLY),
    "followup:dashboard_cabinet": ("get", None, [LOGIN, 403, 200, 200, 403, 403, 403]),
    "followup:dashboard_lead": ("get", None, [LOGIN, 200, 403, 403, 200, 403, 200]),
    "followup:calendar_feeds": ("get", None, EVERYONE_SIGNED_IN),
    "followup:calendar_feed_revoke": ("post", "feed", RESTORE),
    "followup:calendar_feed": ("get", "feed_token", [200, 200, 200, 200, 200, 200, 200]),
    # Published plans and open data: anyone, signed in or not.
    "followup:public_councils": ("get", None, [200] * 7),
    "followup:public_plans": ("get", "authority", [200] * 7),
    "followup:public_plan": ("get", "published_plan", [200] * 7),
    "followup:open_data": ("get", None, [200] * 7),
    "followup:open_data_schema": ("get", None, [200] * 7),
    "followup:open_data_all": ("get", "csv", [200] * 7),
    "followup:open_data_council": ("get", "council_csv", [200] * 7),
    "followup:public_feed": ("get", None, [200] * 7),
    "followup:public_council_feed": ("get", "authority", [200] * 7),
    # Reviews: read by the councils taking part (the review is Maidstone's alone, so Swale's
    # officer gets 404), changed by its officers and Maidstone's scrutiny officers; the work
    # programmes, review summaries and the witness directory are shared with the whole network.
    "reviews:programme": ("get", None, EVERYONE_SIGNED_IN),
    "reviews:network": ("get", None, EVERYONE_SIGNED_IN),
    "reviews:witness_directory": ("get", None, EVERYONE_SIGNED_IN),
    "reviews:create": ("get", None, OFFICERS_ONLY),
    "reviews:deleted": ("get", None, OFFICERS_ONLY),
    "reviews:detail": ("get", "review", READ_PLAN),
    "reviews:summary": ("get", "review", EVERYONE_SIGNED_IN),
    "reviews:scoping_report": ("get", "review", READ_PLAN),
    "reviews:scoping_pdf": ("get", "review", READ_PLAN),
    "reviews:scoping_docx": ("get", "review", READ_PLAN),
    "reviews:scoping_pdf_job": ("get", "scoping_pdf_job", OWN_PDF_JOB),
    "reviews:scoping_pdf_download": ("get", "scoping_pdf_job", OWN_PDF_JOB),
    "reviews:history": ("get", "review", READ_PLAN),
    "reviews:edit": ("get", "review", CHANGE_PLAN),
    "reviews:status": ("get", "review", CHANGE_PLAN),
    "reviews:members": ("get", "review", CHANGE_PLAN),
    "reviews:officers": ("get", "review", CHANGE_PLAN),
    "reviews:costs": ("get", "review", CHANGE_PLAN),
    "reviews:activity_create": ("get", "review", CHANGE_PLAN),
    "reviews:document_upload": ("get", "review", CHANGE_PLAN),
    "reviews:recommendations": ("get", "review", CHANGE_PLAN),
    "reviews:delete": ("get", "review", CHANGE_PLAN),
    "reviews:restore": ("post", "deleted_review", RESTORE),
    "reviews:activity_edit": ("get", "activity", CHANGE_PLAN),
    "reviews:activity_witnesses": ("get", "activity", CHANGE_PLAN),
    "reviews:activity_delete": ("get", "activity", CHANGE_PLAN),
    "reviews:activity_restore": ("post", "deleted_activity", [LOGIN, 302, 403, 403, 403, 403, 404]),
    "reviews:document_download": ("get", "document", READ_PLAN),
    "reviews:document_delete": ("get", "document", CHANGE_PLAN),
    "reviews:document_restore": ("post", "deleted_document", [LOGIN, 302, 403, 403, 403, 403, 404]),
    # Partnerships: the council's register is read by its councillors and officers (Swale's
    # officer gets 404), kept by its scrutiny officers and the partnership's lead officer
    # (persona lead_officer); the public register needs no sign-in.
    "partnerships:register": ("get", None, [200] * 7),
    "partnerships:register_detail": ("get", "partnership_slug", [200] * 7),
    "partnerships:register_report": ("get", "partnership_public_report", [200] * 7),
    "partnerships:list": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:create": ("get", None, OFFICERS_ONLY),
    "partnerships:detail": ("get", "partnership", READ_PLAN),
    "partnerships:edit": ("get", "partnership", LEAD_CHANGE),
    "partnerships:definition": ("get", "partnership", LEAD_CHANGE),
    "partnerships:checklist": ("get", "partnership", LEAD_CHANGE),
    "partnerships:links": ("get", "partnership", LEAD_CHANGE),
    "partnerships:publish": ("post", "partnership", [LOGIN, 302, 403, 403, 403, 403, 404]),
    "partnerships:delete": ("get", "partnership", CHANGE_PLAN),
    "partnerships:restore": ("post", "partnership_deleted", RESTORE),
    "partnerships:history": ("get", "partnership", READ_PLAN),
    "partnerships:pdf": ("get", "partnership", READ_PLAN),
    "partnerships:pdf_job": ("get", "profile_pdf_job", OWN_PDF_JOB),
    "partnerships:pdf_download": ("get", "profile_pdf_job", OWN_PDF_JOB),
    "partnerships:item_add": ("get", "partnership_item_new", LEAD_CHANGE),
    "partnerships:item_edit": ("get", "partnership_item", LEAD_CHANGE),
    "partnerships:item_delete": ("get", "partnership_item", LEAD_CHANGE),
    "partnerships:item_restore": (
        "post",
        "partnership_deleted_item",
        [LOGIN, 302, 403, 403, 302, 403, 404],
    ),
    "partnerships:item_history": ("get", "partnership_item", READ_PLAN),
    "partnerships:report_download": ("get", "partnership_report", READ_PLAN),
    "partnerships:outcome_progress": ("get", "partnership_outcome", READ_PLAN),
    "partnerships:progress_add": ("get", "partnership_outcome", LEAD_CHANGE),
    "partnerships:outcome_target": ("get", "partnership_outcome", LEAD_CHANGE),
    "partnerships:outcome_verdict": ("get", "partnership_outcome_meeting", CHANGE_PLAN),
    "partnerships:progress_edit": ("get", "partnership_update", LEAD_CHANGE),
    "partnerships:progress_evidence": ("get", "partnership_update", READ_PLAN),
    "partnerships:priority": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:priority_edit": ("get", None, OFFICERS_ONLY),
    "partnerships:due_for_review": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:corporate_risks": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:compliance": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:totals": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:register_pdf": ("get", None, EVERYONE_SIGNED_IN),
    "partnerships:register_pdf_job": ("get", "register_pdf_job", OWN_PDF_JOB),
    "partnerships:register_pdf_download": ("get", "register_pdf_job", OWN_PDF_JOB),
    "partnerships:deleted": ("get", None, OFFICERS_ONLY),
    "partnerships:settings": ("get", None, OFFICERS_ONLY),
    "partnerships:settings_definition": ("get", None, OFFICERS_ONLY),
    "partnerships:settings_checklist": ("get", None, OFFICERS_ONLY),
    "partnerships:recommendation": ("get", "partnership_recommendation", READ_PLAN),
}

# The Django admin is for the service's administrators (staff) only; these stand for its routes.
ADMIN_SAMPLES = [
    "admin:index",
    "admin:plans_actionplan_changelist",
    "admin:plans_response_changelist",
]


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_has_a_rule():
    routes = set(walk(get_resolver().url_patterns))
    ours = {route for route in routes if not route.startswith("admin:")}
    assert ours == set(RULES)
    assert {
        route
        for route, (_, _, expected) in RULES.items()
        if expected[0] != LOGIN and route != "logout"
    } == PUBLIC


CASES = [
    pytest.param(route, persona, expected[index], id=f"{route}-{persona}")
    for route, (_, _, expected) in RULES.items()
    for index, persona in enumerate(PERSONAS)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "persona", "expected"), CASES)
def test_access(client, request, objects, route, persona, expected):
    method, kind, _ = RULES[route]
    # Everyone exists in every case, so a rule cannot pass just because a persona is missing.
    users = {name: request.getfixturevalue(name) for name in PERSONAS[1:]}
    if persona != "anonymous":
        client.force_login(users[persona])
    url = reverse(route, args=objects[kind])
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response.url == reverse("plans:home")
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("route", ADMIN_SAMPLES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_for_staff_only(client, request, route, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(route))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse(route)).status_code == 200
