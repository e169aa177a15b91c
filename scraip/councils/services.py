"""Setting up a council: the workflows of its setup pages that touch more than one row or send
email. Each is keyword-only and runs in one transaction; a refusal is a WorkflowError whose
message is fit for the page. Bulk setup from spreadsheets is in bulk.py."""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from scraip.common.text import one_line
from scraip.common.versioning import WorkflowError

from .models import PasswordLinkAsked, Person, Portfolio, PortfolioTerm

INVITED = "Invited to sign in"
DEACTIVATED = "Sign-in deactivated"
REACTIVATED = "Sign-in reactivated"


def _saved_with_reason(person: Person, reason: str) -> None:
    """A change to someone's sign-in is kept in the person's history, with what happened."""
    person._change_reason = reason
    person.save()


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Save a person by the model's rules; their sign-in's email address follows theirs."""
    person.full_clean()
    person.save()
    user = person.user
    if user is not None and person.email and user.email != person.email:
        user.email = person.email
        user.save(update_fields=["email"])
    return person


@transaction.atomic
def term_add(
    *, portfolio: Portfolio, holder: Person, starts_on: datetime.date, ends_on=None
) -> PortfolioTerm:
    """A new term of a portfolio. The portfolio is locked first, so two people adding terms at
    once cannot both pass the overlap check."""
    Portfolio.objects.select_for_update().filter(pk=portfolio.pk).first()
    term = PortfolioTerm(portfolio=portfolio, holder=holder, starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    return term


@transaction.atomic
def term_end(*, term: PortfolioTerm, ends_on: datetime.date) -> PortfolioTerm:
    Portfolio.objects.select_for_update().filter(pk=term.portfolio_id).first()
    term.ends_on = ends_on
    term.full_clean()
    term.save()
    return term


def _refuse_staff(user, by) -> None:
    if user is not None and (user.is_staff or user.is_superuser) and not by.is_superuser:
        raise WorkflowError(
            "This sign-in belongs to a service administrator: ask them to change it"
        )


@transaction.atomic
def sign_in_invite(*, person: Person, by, site_url: str) -> None:
    """Give the person a sign-in (their email address is the username) if they have none, and
    email them a link to choose their password. The link is Django's password reset link: it
    works once, and for PASSWORD_RESET_TIMEOUT. Asking again sends a new link, until they
    have chosen a password (then "Forgot your password" is theirs to use)."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if not person.email:
        raise WorkflowError(f"Add {person}’s email address before inviting them")
    user = person.user
    _refuse_staff(user, by)
    if user is not None and user.has_usable_password():
        raise WorkflowError(
            f"{person} has already chosen a password: they can use “Forgot your password” on "
            "the sign-in page"
        )
    if user is not None and not user.is_active:
        raise WorkflowError(f"{person}’s sign-in is deactivated: reactivate it first")
    if user is None:
        username = person.email.lower()
        users = get_user_model().objects
        if users.filter(username__iexact=username).exists():
            raise WorkflowError(
                f"There is already a sign-in called {username}: it belongs to someone else"
            )
        user = users.create_user(username=username, email=person.email)
        user.set_unusable_password()
        user.save()
        person.user = user
    _saved_with_reason(person, INVITED)
    _send_invitation(person, user, site_url)


def set_password_url(user, site_url: str) -> str:
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url.rstrip("/") + path


def _send_invitation(person: Person, user, site_url: str) -> None:
    context = {
        "person": person,
        "username": user.get_username(),
        "url": set_password_url(user, site_url),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        "authority": person.authority,
    }
    send_mail(
        subject=one_line(render_to_string("registration/invitation_subject.txt", context)),
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


@transaction.atomic
def sign_in_set_active(*, person: Person, active: bool, by) -> None:
    """Deactivate a sign-in (the person can no longer sign in, from their next request) or
    reactivate it. Nobody deactivates their own."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    user = person.user
    if user is None:
        raise WorkflowError(f"{person} has no sign-in")
    _refuse_staff(user, by)
    if not active and user.pk == by.pk:
        raise WorkflowError("You cannot deactivate your own sign-in")
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    _saved_with_reason(person, REACTIVATED if active else DEACTIVATED)


# "Forgot your password?" links: at most LINKS_PER_ADDRESS emailed to one address, and at most
# ASKS_PER_CLIENT requests from one machine, in any LINK_WINDOW.
LINK_WINDOW = datetime.timedelta(hours=1)
LINKS_PER_ADDRESS = 3
ASKS_PER_CLIENT = 10
TOO_MANY_ASKS = (
    "You have asked for too many links from this device. Wait an hour, then try again, or ask "
    "your council's SCRAIP administrator to send you an invitation."
)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def password_link_refusal(*, client: str | None, now: datetime.datetime) -> str | None:
    """Why a machine may not ask for another link now (too many asked in the last hour)."""
    if client is None:
        return None
    recent = PasswordLinkAsked.objects.filter(client=client, asked_at__gt=now - LINK_WINDOW)
    return TOO_MANY_ASKS if recent.count() >= ASKS_PER_CLIENT else None


@transaction.atomic
def password_link_asked(*, email: str, client: str | None, now: datetime.datetime) -> bool:
    """Record the request; True if a link may be emailed to `email`, False when the address
    has had its share this hour (the page's answer is the same either way, so nobody learns
    whether an address has a sign-in). Requests older than a day are forgotten."""
    PasswordLinkAsked.objects.filter(asked_at__lt=now - datetime.timedelta(days=1)).delete()
    digest = _digest(email)
    sent = PasswordLinkAsked.objects.filter(address_digest=digest, asked_at__gt=now - LINK_WINDOW)
    allowed = sent.count() < LINKS_PER_ADDRESS
    PasswordLinkAsked.objects.create(address_digest=digest, client=client, asked_at=now)
    return allowed
