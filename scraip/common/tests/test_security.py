"""Sign-in protections, session limits, the security log, browser-facing headers and error pages."""

import datetime
import logging
import re
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scraip.common.security import SIGNED_IN_AT
from scraip.councils.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/sign-in/"
HOME = "/"
WRONG = "not-the-password"


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_to_sign_in(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        sign_in(client, username, WRONG, address)


def signed_in(client):
    return "_auth_user_id" in client.session


# Lockout


def test_five_wrong_passwords_lock_out_even_the_right_one(client, officer):
    fail_to_sign_in(client, "officer", 4)
    fifth = sign_in(client, "officer", WRONG)
    assert fifth.status_code == 429

    response = sign_in(client, "officer")

    assert response.status_code == 429
    assert not signed_in(client)
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">You cannot sign in for 15 minutes</h1>' in html
    assert "There were 5 attempts to sign in as <strong>officer</strong>" in html
    assert "Until then even the right password will not work." in html


def test_four_wrong_passwords_still_let_the_right_one_in(client, officer):
    fail_to_sign_in(client, "officer", 4)

    response = sign_in(client, "officer")

    assert response.status_code == 302
    assert response.url == reverse("plans:home")
    assert signed_in(client)


def test_lockout_ends_after_15_minutes(client, officer):
    fail_to_sign_in(client, "officer", 5)
    assert sign_in(client, "officer").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    response = sign_in(client, "officer")
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_is_for_that_username_from_that_address_only(client, officer, councillor):
    fail_to_sign_in(client, "officer", 5, address="10.0.0.1")

    assert sign_in(client, "councillor", address="10.0.0.1").status_code == 302
    client.logout()
    assert sign_in(client, "officer", address="10.0.0.2").status_code == 302


def test_successful_sign_in_forgets_earlier_failures(client, officer):
    fail_to_sign_in(client, "officer", 4)
    assert sign_in(client, "officer").status_code == 302
    client.post("/sign-out/")

    fail_to_sign_in(client, "officer", 4)

    assert sign_in(client, "officer").status_code == 302


# Passwords


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Tq7#mZ2!pLx")  # 11 characters

    validate_password("Tq7#mZ2!pLx9 river-otter")


def test_common_and_numeric_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("password1234")
    with pytest.raises(ValidationError):
        validate_password("839201746153")


# Sessions


def test_each_request_pushes_the_idle_expiry_to_30_minutes_on(client, officer):
    sign_in(client, "officer")
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    session.save()

    response = client.get(HOME)

    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 1800
    session.refresh_from_db()
    assert session.expire_date > timezone.now() + datetime.timedelta(minutes=29)


def test_session_idle_past_its_expiry_must_sign_in_again(client, officer):
    sign_in(client, "officer")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={HOME}"


def test_session_ends_10_hours_after_sign_in_however_active(client, officer):
    sign_in(client, "officer")
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 10 * 3600 - 60
    session.save()

    response = client.get(reverse("plans:plan_list"))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('plans:plan_list')}"
    assert not signed_in(client)
    page = client.get(response.url)
    assert "Your session has ended. Sign in again to continue." in page.content.decode()


def test_session_younger_than_10_hours_carries_on(client, officer):
    sign_in(client, "officer")
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 10 * 3600 + 60
    session.save()

    assert client.get(HOME).status_code == 200


def test_sign_out_deletes_the_session_on_the_server(client, officer):
    sign_in(client, "officer")
    old_key = client.session.session_key
    assert SessionStore().exists(old_key)

    client.post("/sign-out/")

    assert not SessionStore().exists(old_key)
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={HOME}"


def test_deactivated_user_loses_access_at_the_next_request(client, officer):
    client.force_login(officer)
    assert client.get(HOME).status_code == 200

    officer.is_active = False
    officer.save()

    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={HOME}"


# Security log


def security_records(caplog):
    return [r for r in caplog.records if r.name == "scraip.security"]


def test_sign_in_and_failed_sign_in_are_logged_with_who_when_and_where(client, officer, caplog):
    caplog.set_level(logging.INFO, logger="scraip.security")
    before = time.time()

    sign_in(client, "officer", WRONG, address="192.0.2.7")
    sign_in(client, "officer", address="192.0.2.8")

    failed, succeeded = security_records(caplog)
    assert failed.getMessage() == "Sign-in failed: username=officer address=192.0.2.7"
    assert failed.levelno == logging.WARNING
    assert succeeded.getMessage() == "Sign-in succeeded: username=officer address=192.0.2.8"
    assert before <= failed.created <= succeeded.created <= time.time()


def test_lockout_is_logged(client, officer, caplog):
    fail_to_sign_in(client, "officer", 5, address="192.0.2.7")
    caplog.clear()
    caplog.set_level(logging.INFO, logger="scraip.security")

    sign_in(client, "officer", address="192.0.2.7")

    messages = [r.getMessage() for r in security_records(caplog)]
    assert (
        "Sign-in refused, locked out after repeated failures: username=officer address=192.0.2.7"
        in messages
    )


def test_refused_action_is_logged_and_shows_the_permission_page(client, cabinet_b, plan, caplog):
    caplog.set_level(logging.INFO, logger="scraip.security")
    client.force_login(cabinet_b)
    caplog.clear()
    url = reverse("plans:plan_edit", args=[plan.pk])

    response = client.get(url, REMOTE_ADDR="192.0.2.9")

    assert response.status_code == 403
    assert "You do not have permission to do this" in response.content.decode()
    assert [r.getMessage() for r in security_records(caplog)] == [
        f"Access refused: username=hooper address=192.0.2.9 path={url}"
    ]


def test_behind_the_proxy_the_address_it_saw_is_logged(client, officer, caplog, settings):
    settings.BEHIND_HTTPS_PROXY = True
    caplog.set_level(logging.INFO, logger="scraip.security")

    client.post(
        SIGN_IN,
        {"username": "officer", "password": WRONG},
        REMOTE_ADDR="10.9.9.9",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
    )

    [failed] = security_records(caplog)
    assert failed.getMessage() == "Sign-in failed: username=officer address=203.0.113.5"


# Content Security Policy and headers

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)


def assert_strict_csp(response):
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)


def test_sign_in_page_has_a_strict_policy_and_no_inline_code(client):
    assert_strict_csp(client.get(SIGN_IN))


def test_signed_in_pages_have_a_strict_policy_and_no_inline_code(client, officer, plan, part_a):
    client.force_login(officer)
    for url in (HOME, reverse("plans:plan_detail", args=[plan.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert_strict_csp(response)


def test_form_with_errors_has_a_strict_policy_and_no_inline_code(client, officer):
    client.force_login(officer)

    response = client.post(reverse("plans:plan_create"), {"title": ""})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert_strict_csp(response)


def test_browser_protection_headers(client):
    response = client.get(SIGN_IN)

    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


# Error pages


def test_unknown_page_shows_the_generic_not_found_page(client, officer):
    client.force_login(officer)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "no-such-page" not in response.content.decode()


def test_server_error_shows_a_generic_page_without_the_details(client, settings):
    settings.ROOT_URLCONF = "scraip.common.tests.urls_server_error"
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "hunter2" not in html
    assert "RuntimeError" not in html


def test_bad_host_gets_the_generic_bad_request_page(client):
    response = client.get(SIGN_IN, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Sorry, there is a problem with this request" in html
    assert "attacker.example" not in html


# Bad input that once reached the database or Python's date arithmetic.


def test_a_nul_byte_in_a_form_is_refused_and_nothing_is_saved(client, officer, committee):
    from scraip.plans.models import ActionPlan

    client.force_login(officer)
    response = client.post(
        reverse("plans:plan_create"),
        {
            "title": "Partnerships\x00review",
            "committee": committee.pk,
            "publication_date_0": "1",
            "publication_date_1": "10",
            "publication_date_2": "2026",
        },
    )
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()
    assert not ActionPlan.objects.filter(title__startswith="Partnerships").exists()


def test_a_nul_byte_in_a_search_is_refused(client, officer):
    client.force_login(officer)
    response = client.get(reverse("plans:plan_list"), {"committee": "1\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2027", "Enter a real date"),
        ("1", "1", "99999999999999999999", "Enter a real date"),
        ("99999999999", "1", "2027", "Enter a real date"),
        ("1", "", "2027", "Enter the month"),
    ],
)
def test_impossible_dates_get_a_message_on_the_form(
    client, officer, committee, day, month, year, message
):
    from scraip.plans.models import ActionPlan

    client.force_login(officer)
    response = client.post(
        reverse("plans:plan_create"),
        {
            "title": "Review of partnerships",
            "committee": committee.pk,
            "publication_date_0": day,
            "publication_date_1": month,
            "publication_date_2": year,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert 'value="Review of partnerships"' in page  # what the user typed is kept
    assert not ActionPlan.objects.exists()


def test_an_over_long_username_is_a_failed_sign_in_not_an_error(client, officer):
    response = client.post(reverse("login"), {"username": "a" * 5000, "password": "x" * 20})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
