"""A council's own setup pages, for its council administrator (and the service's superusers):
committees, portfolios and who holds them term by term, people and their sign-ins. Each view
names the rules permission that guards it; records come through views.fetch."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from scraip.common.history import Entry, history_entries, who_is
from scraip.common.views import done, saved, submitted

from .. import services
from ..forms import (
    AuthoritySettingsForm,
    CommitteeForm,
    PersonForm,
    PortfolioForm,
    TermEndForm,
    TermForm,
)
from ..models import Committee, Person, Portfolio, PortfolioTerm
from ..rules import administered_authorities
from .fetch import get_authority_for_setup, get_for_setup

PEOPLE_PER_PAGE = 50


@login_required
@require_safe
def setup_home(request):
    """Permission: councils.setup. The councils this person sets up (their own; every council
    for a superuser), each with what it has set up so far."""
    if not request.user.has_perm("councils.setup"):
        raise PermissionDenied
    authorities = administered_authorities(request.user).annotate(
        committee_count=Count("committees", distinct=True),
        portfolio_count=Count("portfolios", distinct=True),
        people_count=Count("people", distinct=True),
    )
    return render(request, "councils/setup_home.html", {"authorities": authorities})


def _setup_page(request, authority, template, **context):
    return render(request, template, {"authority": authority, **context})


@login_required
def authority_settings(request, authority):
    """Permission: councils.administer_authority. How the council works: the cabinet's
    response period and whether an acceptance needs an action, a timetable and a lead officer."""
    authority = get_authority_for_setup(request, authority)
    form = AuthoritySettingsForm(request.POST or None, instance=authority)
    if submitted(request, form) and saved(form, form.save):
        messages.success(request, "Council settings saved.")
        return redirect("councils:setup_home")
    return _setup_page(
        request,
        authority,
        "councils/setup_form.html",
        form=form,
        title="Council settings",
        back_url=reverse("councils:setup_home"),
    )


@login_required
@require_safe
def committee_list(request, authority):
    """Permission: councils.administer_authority."""
    authority = get_authority_for_setup(request, authority)
    committees = Committee.objects.filter(authority=authority).select_related("successor")
    return _setup_page(request, authority, "councils/committee_list.html", committees=committees)


def _committee_form(request, authority, committee=None):
    form = CommitteeForm(request.POST or None, instance=committee, authority=authority)
    if submitted(request, form) and saved(form, form.save):
        messages.success(request, f"{form.instance.name} saved.")
        return redirect("councils:committee_list", authority.pk)
    return _setup_page(
        request,
        authority,
        "councils/setup_form.html",
        form=form,
        record=committee,
        title="Change committee" if committee else "Add a committee",
        back_url=reverse("councils:committee_list", args=[authority.pk]),
    )


@login_required
def committee_add(request, authority):
    """Permission: councils.administer_authority."""
    return _committee_form(request, get_authority_for_setup(request, authority))


@login_required
def committee_edit(request, pk):
    """Permission: councils.administer_authority, of the committee's council."""
    committee = get_for_setup(request, Committee.objects.select_related("authority"), pk)
    return _committee_form(request, committee.authority, committee)


@login_required
@require_safe
def portfolio_list(request, authority):
    """Permission: councils.administer_authority. Each portfolio with today's holder."""
    authority = get_authority_for_setup(request, authority)
    terms = PortfolioTerm.objects.select_related("holder")
    portfolios = Portfolio.objects.filter(authority=authority).prefetch_related(
        Prefetch("terms", queryset=terms)
    )
    return _setup_page(
        request,
        authority,
        "councils/portfolio_list.html",
        portfolios=portfolios,
        today=timezone.localdate(),
    )


def _portfolio_form(request, authority, portfolio=None):
    form = PortfolioForm(request.POST or None, instance=portfolio, authority=authority)
    if submitted(request, form) and saved(form, form.save):
        messages.success(request, f"{form.instance.title} saved.")
        return redirect("councils:portfolio_detail", form.instance.pk)
    back = (
        reverse("councils:portfolio_detail", args=[portfolio.pk])
        if portfolio
        else reverse("councils:portfolio_list", args=[authority.pk])
    )
    return _setup_page(
        request,
        authority,
        "councils/setup_form.html",
        form=form,
        record=portfolio,
        title="Change the portfolio’s title" if portfolio else "Add a portfolio",
        back_url=back,
    )


@login_required
def portfolio_add(request, authority):
    """Permission: councils.administer_authority."""
    return _portfolio_form(request, get_authority_for_setup(request, authority))


def _get_portfolio(request, pk):
    return get_for_setup(request, Portfolio.objects.select_related("authority"), pk)


@login_required
def portfolio_edit(request, pk):
    """Permission: councils.administer_authority, of the portfolio's council."""
    portfolio = _get_portfolio(request, pk)
    return _portfolio_form(request, portfolio.authority, portfolio)


@login_required
@require_safe
def portfolio_detail(request, pk):
    """Permission: councils.administer_authority. The portfolio's holders, term by term."""
    portfolio = _get_portfolio(request, pk)
    terms = portfolio.terms.select_related("holder")
    return _setup_page(
        request,
        portfolio.authority,
        "councils/portfolio_detail.html",
        portfolio=portfolio,
        terms=terms,
    )


@login_required
def term_add(request, pk):
    """Permission: councils.administer_authority. No two terms of a portfolio overlap (the
    model's rule, checked by the service under a lock)."""
    portfolio = _get_portfolio(request, pk)
    form = TermForm(request.POST or None, authority=portfolio.authority)
    if submitted(request, form) and _model_saved(
        form, lambda: services.term_add(portfolio=portfolio, **form.cleaned_data)
    ):
        messages.success(request, f"Term added to {portfolio.title}.")
        return redirect("councils:portfolio_detail", portfolio.pk)
    return _setup_page(
        request,
        portfolio.authority,
        "councils/setup_form.html",
        form=form,
        title="Add a term",
        caption=portfolio.title,
        back_url=reverse("councils:portfolio_detail", args=[portfolio.pk]),
    )


def _model_saved(form, save) -> bool:
    """Run `save`; the model's refusals go on the boxes they concern."""
    try:
        save()
    except ValidationError as error:
        for name, messages_ in error.message_dict.items():
            target = name if name in form.fields else None
            for message in messages_:
                form.add_error(target, message)
        return False
    return True


@login_required
def term_end(request, pk):
    """Permission: councils.administer_authority, of the term's council."""
    term = get_for_setup(
        request,
        PortfolioTerm.objects.select_related("portfolio__authority", "holder"),
        pk,
        "portfolio__authority",
    )
    form = TermEndForm(request.POST or None)
    if submitted(request, form) and _model_saved(
        form, lambda: services.term_end(term=term, **form.cleaned_data)
    ):
        messages.success(request, f"{term.holder}’s term as {term.portfolio.title} ended.")
        return redirect("councils:portfolio_detail", term.portfolio_id)
    return _setup_page(
        request,
        term.portfolio.authority,
        "councils/setup_form.html",
        form=form,
        title="End a term",
        caption=f"{term.holder}, {term.portfolio.title}",
        back_url=reverse("councils:portfolio_detail", args=[term.portfolio_id]),
    )


@login_required
@require_safe
def person_list(request, authority):
    """Permission: councils.administer_authority. A page of people at a time, with whether
    each can sign in."""
    authority = get_authority_for_setup(request, authority)
    people = (
        Person.objects.filter(authority=authority).select_related("user").order_by("name", "pk")
    )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return _setup_page(
        request,
        authority,
        "councils/person_list.html",
        page_obj=page,
        is_paginated=page.has_other_pages(),
    )


def _person_form(request, authority, person=None):
    form = PersonForm(request.POST or None, instance=person, authority=authority)
    if submitted(request, form) and _model_saved(
        form, lambda: services.person_save(person=form.instance)
    ):
        messages.success(request, f"{form.instance} saved.")
        return redirect("councils:person_edit", form.instance.pk)
    return _setup_page(
        request,
        authority,
        "councils/person_form.html",
        form=form,
        person=person,
        title=f"Change {person}" if person else "Add a person",
        back_url=reverse("councils:person_list", args=[authority.pk]),
    )


@login_required
def person_add(request, authority):
    """Permission: councils.administer_authority."""
    return _person_form(request, get_authority_for_setup(request, authority))


def _get_person(request, pk):
    return get_for_setup(request, Person.objects.select_related("authority", "user"), pk)


@login_required
def person_edit(request, pk):
    """Permission: councils.administer_authority, of the person's council."""
    person = _get_person(request, pk)
    return _person_form(request, person.authority, person)


@login_required
@require_POST
def person_invite(request, pk):
    """Permission: councils.administer_authority. Emails a single-use link to set a password."""
    person = _get_person(request, pk)
    site_url = request.build_absolute_uri("/")
    if done(
        request,
        lambda: services.sign_in_invite(person=person, by=request.user, site_url=site_url),
        "Nobody was invited.",
    ):
        messages.success(request, f"{person} has been emailed a link to set their password.")
    return redirect("councils:person_edit", person.pk)


@login_required
@require_POST
def person_sign_in(request, pk):
    """Permission: councils.administer_authority. Deactivates or reactivates a sign-in."""
    person = _get_person(request, pk)
    active = request.POST.get("active") == "1"
    if done(
        request, lambda: services.sign_in_set_active(person=person, active=active, by=request.user)
    ):
        state = "reactivated" if active else "deactivated"
        messages.success(request, f"{person}’s sign-in has been {state}.")
    return redirect("councils:person_edit", person.pk)


HISTORIES = {
    "committee": (Committee.objects.select_related("authority"), "councils:committee_list"),
    "portfolio": (Portfolio.objects.select_related("authority"), "councils:portfolio_list"),
    "person": (Person.objects.select_related("authority"), "councils:person_list"),
}


def _with_reasons(record) -> list[Entry]:
    """The record's history, each entry saved with a reason (an invitation, a deactivated or
    reactivated sign-in: saves that may change no field) saying it."""
    entries = history_entries(record)
    by_when = {entry.when: index for index, entry in enumerate(entries)}
    explained = record.history.exclude(history_change_reason=None).select_related(
        "history_user__person"
    )
    for historical in explained:
        when = timezone.localtime(historical.history_date)
        reason = historical.history_change_reason
        if when in by_when:
            entry = entries[by_when[when]]
            entries[by_when[when]] = replace(entry, what=f"{entry.what}: {reason}")
        else:
            who = who_is(historical.history_user)
            entries.append(Entry(when=when, who=who, what=f"Changed: {reason}", changes=[]))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


@login_required
@require_safe
def setup_history(request, pk, kind):
    """Permission: councils.administer_authority. Every change to a committee, portfolio or
    person, with what happened to the person's sign-in."""
    queryset, list_route = HISTORIES[kind]
    record = get_for_setup(request, queryset, pk)
    return render(
        request,
        "common/history.html",
        {
            "title": f"History of {record}",
            "caption": record.authority.name,
            "entries": _with_reasons(record),
            "back_url": reverse(list_route, args=[record.authority_id]),
            "back_text": "Back",
        },
    )
