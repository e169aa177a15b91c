"""The network's shared pages: a council's work programme, every council side by side, and the
directory of witnesses and experts. Each reads a page of rows in a fixed number of queries,
whatever the years of reviews in the network."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from scraip.common.prefetch import read_into_list
from scraip.councils.models import Authority
from scraip.councils.rules import person_of

from ..filters import NetworkFilter, ProgrammeFilter, WitnessFilter
from ..models import Review, Stage, Witness
from ..models.reviews import programme_cells
from .common import viewable

COUNCILS_PER_PAGE = 20
REVIEWS_PER_CELL = 5  # the latest of a council's reviews at a stage; its programme lists all


def visible_among(user, review_ids) -> set[int]:
    """Which of these reviews the user may open in full, asked of the database in one query
    (Review.objects.visible_to, the rules' reviews.view_review)."""
    return set(
        Review.objects.visible_to(user).filter(pk__in=review_ids).values_list("pk", flat=True)
    )


def review_links(review_ids, viewable_ids: set[int]) -> dict[int, str]:
    """Where a list links each review: to the review in full where the user may open it, else
    to its summary, which anyone in the network may read. Worked out once a page, so a long
    list's template only prints them."""
    return {
        pk: reverse("reviews:detail" if pk in viewable_ids else "reviews:summary", args=[pk])
        for pk in review_ids
    }


class ProgrammeView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. One council's work programme (the user's own
    unless they choose another), by committee and year: planned, in progress, reported."""

    permission_required = "reviews.view_programmes"
    filterset_class = ProgrammeFilter
    paginate_by = 50
    template_name = "reviews/programme.html"

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        person = person_of(self.request.user)
        data = kwargs["data"] or QueryDict()
        if "authority" not in data and person and person.authority_id:
            data = data.copy()
            data["authority"] = str(person.authority_id)
            kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return (
            Review.objects.with_people()
            .prefetch_related(read_into_list("commissioning_committees"))
            .in_programme_order()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        context["stages"] = [
            (stage.label, [review for review in page if review.stage == stage]) for stage in Stage
        ]
        links = review_links([review.pk for review in page], viewable(self.request.user, page))
        for review in page:
            review.href = links[review.pk]
        return context


class NetworkView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. Every council's reviews side by side, so no two
    councils review the same thing unawares (seed 000): twenty councils a page, and in each
    stage a council's latest reviews, with how many more its own programme lists."""

    permission_required = "reviews.view_programmes"
    filterset_class = NetworkFilter
    template_name = "reviews/network.html"

    def get_queryset(self):
        return Review.objects.all()

    def get_context_data(self, **kwargs):
        reviews = kwargs.pop("object_list")
        self.object_list = Review.objects.none()
        context = super().get_context_data(object_list=self.object_list, **kwargs)
        page = Paginator(Authority.objects.order_by("name", "pk"), COUNCILS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        entries, counts = programme_cells(reviews, list(page), per_cell=REVIEWS_PER_CELL)
        ids = {entry.review_id for entry in entries}
        links = review_links(ids, visible_among(self.request.user, ids))
        cells = {}
        for entry in entries:
            entry.href = links[entry.review_id]
            cells.setdefault((entry.authority_id, entry.stage), []).append(entry)
        programme = reverse("reviews:programme")
        year = {"year": self.request.GET["year"]} if self.request.GET.get("year") else {}
        context["rows"] = [
            (
                authority,
                # Where a cell holds more than it shows: the council's own programme.
                f"{programme}?{urlencode({'authority': authority.pk, **year})}",
                [
                    (
                        cells.get((authority.pk, stage.value), []),
                        counts.get((authority.pk, stage.value), 0),
                    )
                    for stage in Stage
                ],
            )
            for authority in page
        ]
        context.update(page_obj=page, is_paginated=page.has_other_pages())
        context["stage_names"] = Stage.labels
        context["per_cell"] = REVIEWS_PER_CELL
        return context


APPEARANCES_SHOWN = 5  # the reviews a directory page lists under each witness


class WitnessDirectoryView(PermissionRequiredMixin, FilterView):
    """Permission: reviews.view_programmes. The network's pool of witnesses and experts: each
    person or organisation once, with every review they gave evidence to."""

    permission_required = "reviews.view_programmes"
    filterset_class = WitnessFilter
    paginate_by = 25
    template_name = "reviews/witness_directory.html"

    def get_queryset(self):
        witnesses = Witness.objects.all()
        if self.one_witness:
            witnesses = witnesses.filter(directory_name=self.one_witness)
        return witnesses

    @property
    def one_witness(self) -> str:
        """?witness=<directory name>: one witness's entry, with every review they spoke to."""
        return self.request.GET.get("witness", "")[:200]

    def get_context_data(self, **kwargs):
        # One row a witness, not one an appearance: paginate their distinct keys.
        self.object_list = kwargs["object_list"] = kwargs["object_list"].directory_keys()
        context = super().get_context_data(**kwargs)
        context.update(self._entries(list(context["object_list"])))
        context["one_witness"] = self.one_witness
        return context

    def _entries(self, keys):
        # A page of the directory shows each witness's latest few reviews (a witness called
        # every year would otherwise list dozens); their own entry shows them all.
        latest = None if self.one_witness else APPEARANCES_SHOWN
        appearances = Witness.objects.appearances_of(keys, latest=latest)
        ids = {appearance.part.activity.review_id for appearance in appearances}
        links = review_links(ids, visible_among(self.request.user, ids))
        by_key = {}
        for appearance in appearances:
            key = tuple(getattr(appearance, field) for field in Witness.DIRECTORY_KEY)
            appearance.href = links[appearance.part.activity.review_id]
            by_key.setdefault(key, []).append(appearance)
        entries = []
        for key in keys:
            mine = by_key.get(tuple(key[field] for field in Witness.DIRECTORY_KEY))
            if mine:
                in_all = mine[0].appearances_in_all or len(mine)
                entries.append(
                    {
                        "witness": mine[0],
                        "appearances": mine,
                        "in_all": in_all,
                        "earlier": in_all - len(mine),
                        "key": key["directory_name"],
                    }
                )
        return {"entries": entries}
