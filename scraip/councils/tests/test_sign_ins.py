"""Sign-ins: an administrator invites a person (a single-use link to choose a password),
deactivates and reactivates them; anyone resets a forgotten password or changes their own."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from scraip.councils.models import PasswordLinkAsked, Person
from scraip.councils.services import DEACTIVATED, INVITED
from scraip.councils.tests.factories import PASSWORD, CouncillorFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-passphrase-2026"


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def jo(authority):
    return CouncillorFactory(authority=authority, name="Jo Green", email="Jo.Green@example.gov.uk")


def _signs_in(client, username: str, password: str) -> bool:
    """Through the sign-in page, as a person would (and through django-axes)."""
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": password})
    client.logout()
    return response.status_code == 302


def _invite(client, person):
    return client.post(reverse("councils:person_invite", args=[person.pk]), follow=True)


def test_an_invitation_creates_the_sign_in_and_emails_a_single_use_link(client, council_admin, jo):
    client.force_login(council_admin)
    page = _invite(client, jo).content.decode()
    assert "Jo Green has been emailed a link" in page
    jo.refresh_from_db()
    assert jo.user.username == "jo.green@example.gov.uk"
    assert not jo.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["Jo.Green@example.gov.uk"]
    assert "jo.green@example.gov.uk" in message.body
    assert jo.history.first().history_change_reason == INVITED
    history = client.get(reverse("councils:person_history", args=[jo.pk])).content.decode()
    assert "Changed: Invited to sign in" in history

    client.logout()
    link = _path(_link(message))
    form = client.get(link, follow=True)
    assert "Choose your password" in form.content.decode()
    saved = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been saved" in saved.content.decode()
    assert _signs_in(client, "jo.green@example.gov.uk", NEW_PASSWORD)
    again = client.get(link, follow=True).content.decode()
    assert "This link has expired" in again


def test_nobody_is_invited_without_an_email_address(client, council_admin, authority):
    person = CouncillorFactory(authority=authority, email="")
    client.force_login(council_admin)
    page = _invite(client, person).content.decode()
    assert "Add Cllr" in page and "email address before inviting them" in page
    assert mail.outbox == []
    assert Person.objects.get(pk=person.pk).user is None


def test_a_person_who_has_chosen_a_password_is_pointed_to_forgot_password(
    client, council_admin, jo
):
    jo.user = UserFactory(username="jo", email=jo.email)
    jo.save()
    client.force_login(council_admin)
    assert "Forgot your password" in _invite(client, jo).content.decode()
    assert mail.outbox == []


def test_an_invitation_never_takes_over_someone_elses_username(client, council_admin, jo):
    UserFactory(username="jo.green@example.gov.uk")
    client.force_login(council_admin)
    assert "belongs to someone else" in _invite(client, jo).content.decode()
    assert Person.objects.get(pk=jo.pk).user is None


def test_a_deactivated_sign_in_is_refused_and_reactivated(client, council_admin, cabinet_a):
    person = cabinet_a.person
    client.force_login(council_admin)
    url = reverse("councils:person_sign_in", args=[person.pk])
    client.post(url, {"active": "0"})
    cabinet_a.refresh_from_db()
    assert not cabinet_a.is_active
    assert person.history.first().history_change_reason == DEACTIVATED
    assert not _signs_in(client, "leader", PASSWORD)
    client.force_login(council_admin)
    page = client.get(reverse("councils:person_history", args=[person.pk])).content.decode()
    assert "Changed: Sign-in deactivated" in page
    client.post(url, {"active": "1"})
    assert _signs_in(client, "leader", PASSWORD)


def test_nobody_deactivates_their_own_sign_in(client, council_admin):
    client.force_login(council_admin)
    person = council_admin.person
    page = client.post(
        reverse("councils:person_sign_in", args=[person.pk]), {"active": "0"}, follow=True
    ).content.decode()
    assert "You cannot deactivate your own sign-in" in page
    council_admin.refresh_from_db()
    assert council_admin.is_active


def test_a_service_administrators_sign_in_is_theirs_to_change(client, council_admin, authority):
    staff = UserFactory(username="operator", is_staff=True, is_superuser=True)
    person = CouncillorFactory(authority=authority, user=staff)
    client.force_login(council_admin)
    client.post(reverse("councils:person_sign_in", args=[person.pk]), {"active": "0"})
    staff.refresh_from_db()
    assert staff.is_active


def test_forgot_password_emails_a_link_that_works_once(client, cabinet_a):
    cabinet_a.email = "leader@example.gov.uk"
    cabinet_a.save()
    sign_in = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in sign_in
    sent = client.post(reverse("password_reset"), {"email": "leader@example.gov.uk"}, follow=True)
    assert "Check your email" in sent.content.decode()
    (message,) = mail.outbox
    form = client.get(_path(_link(message)), follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert _signs_in(client, "leader", NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    sent = client.post(reverse("password_reset"), {"email": "nobody@example.gov.uk"}, follow=True)
    assert "Check your email" in sent.content.decode()
    assert mail.outbox == []


def test_a_short_password_is_refused_with_a_message(client, cabinet_a):
    client.force_login(cabinet_a)
    page = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    ).content.decode()
    assert "This password is too short" in page
    assert get_user_model().objects.get(pk=cabinet_a.pk).check_password(PASSWORD)


def test_a_signed_in_person_changes_their_password(client, cabinet_a):
    client.force_login(cabinet_a)
    assert reverse("password_change") in client.get(reverse("plans:home")).content.decode()
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    assert get_user_model().objects.get(pk=cabinet_a.pk).check_password(NEW_PASSWORD)


def test_one_address_gets_three_links_an_hour_and_the_same_answer_after(client, cabinet_a):
    cabinet_a.email = "leader@example.gov.uk"
    cabinet_a.save()
    for _ in range(5):
        sent = client.post(
            reverse("password_reset"), {"email": "Leader@Example.gov.uk "}, follow=True
        )
        assert "Check your email" in sent.content.decode()
    assert len(mail.outbox) == 3
    # An hour later the address may have another.
    with time_machine.travel(datetime.timedelta(hours=1, minutes=1)):
        client.post(reverse("password_reset"), {"email": "leader@example.gov.uk"})
    assert len(mail.outbox) == 4


def test_one_machine_asking_for_many_links_is_told_to_wait(client, cabinet_a):
    for number in range(10):
        client.post(
            reverse("password_reset"),
            {"email": f"person{number}@example.gov.uk"},
            REMOTE_ADDR="203.0.113.9",
        )
    refused = client.post(
        reverse("password_reset"), {"email": "leader@example.gov.uk"}, REMOTE_ADDR="203.0.113.9"
    )
    assert refused.status_code == 200
    assert "You have asked for too many links from this device" in refused.content.decode()
    assert mail.outbox == []
    # Another machine is not held back by it.
    other = client.post(
        reverse("password_reset"), {"email": "leader@example.gov.uk"}, REMOTE_ADDR="203.0.113.10"
    )
    assert other.status_code == 302
    # Nothing of the address is kept but a digest, and nothing for over a day.
    assert not PasswordLinkAsked.objects.filter(address_digest__contains="@").exists()
    with time_machine.travel(datetime.timedelta(days=1, minutes=1)):
        client.post(reverse("password_reset"), {"email": "leader@example.gov.uk"})
    assert PasswordLinkAsked.objects.count() == 1
