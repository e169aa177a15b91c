"""Recommendations and the parts the cabinet answers (its answers are in responses.py)."""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from scraip.common.prefetch import related_rows
from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.versioning import Versioned
from scraip.councils.models import Person, Portfolio, related_or_none
from scraip.councils.rules import authorities_for, person_of

from .plans import NOT_A_CHOICE, ActionPlan


class RecommendationQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(action_plan__authority__in=authorities)

    def of_live_plans(self):
        """Those whose plan is not deleted: a deleted one of these can be restored on its own."""
        return self.filter(action_plan__in=ActionPlan.objects.all())


# A council's own reference for a recommendation ("SR (25/26) 01"); seed 001 letters them A, B…
REFERENCE_MAX_LENGTH = 40


class Addressee(models.TextChoices):
    """Whom a recommendation asks to act, and so who answers it."""

    PORTFOLIO = "portfolio", "The cabinet member for a portfolio"
    CABINET = "cabinet", "The Cabinet as a whole"
    COUNCIL = "council", "Full Council"
    OFFICER = "officer", "A named officer"
    OUTSIDE = "outside", "An outside organisation"


class Recommendation(Versioned, SoftDeletable):
    """A recommendation with the report's own reference: seed 001's letters (A, B…) or a
    council's scheme ("SR (25/26) 01"). References and order are the report's own, even out of
    sequence. The field keeps the name `letter`, the default scheme, throughout the code."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="recommendations"
    )
    letter = models.CharField("reference", max_length=REFERENCE_MAX_LENGTH)
    position = models.PositiveIntegerField(
        default=0, help_text="Recommendations are listed in this order, lowest first."
    )
    text = models.TextField()
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text='For example "moved up the order for clarity".',
    )
    portfolio = models.ForeignKey(
        Portfolio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="cabinet portfolio",
    )
    addressed_to = models.CharField(
        max_length=10, choices=Addressee.choices, default=Addressee.PORTFOLIO
    )
    addressee_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations_addressed",
        verbose_name="officer addressed",
    )
    addressee_organisation = models.CharField("organisation addressed", max_length=200, blank=True)
    history = HistoricalRecords()

    objects = live_rows(RecommendationQuerySet)
    all_objects = all_rows(RecommendationQuerySet)
    deleted_objects = deleted_rows(RecommendationQuerySet)

    class Meta:
        ordering = ["action_plan_id", "position", "letter"]
        indexes = [
            # A plan's recommendations in order, for every list in plan order.
            models.Index(fields=["action_plan", "position"], name="recommendation_plan_order"),
        ]
        constraints = [
            # A deleted recommendation gives up its letter; restoring it checks it is free.
            models.UniqueConstraint(
                fields=["action_plan", "letter"],
                condition=NOT_DELETED,
                name="unique_recommendation_letter",
            ),
            models.CheckConstraint(condition=~Q(letter=""), name="recommendation_has_letter"),
            # A named officer is addressed only by name, an outside body only by its name.
            models.CheckConstraint(
                condition=Q(addressed_to="officer", addressee_officer__isnull=False)
                | (~Q(addressed_to="officer") & Q(addressee_officer__isnull=True)),
                name="recommendation_officer_addressed_by_name",
            ),
            models.CheckConstraint(
                condition=(Q(addressed_to="outside") & ~Q(addressee_organisation=""))
                | (~Q(addressed_to="outside") & Q(addressee_organisation="")),
                name="recommendation_outside_body_named",
            ),
        ]

    def __str__(self):
        return f"Recommendation {self.letter}"

    def get_absolute_url(self):
        return f"{self.action_plan.get_absolute_url()}#recommendation-{self.pk}"

    @staticmethod
    def normalise_letter(letter: str) -> str:
        """As the report gives it, spaces tidied; a letter of the default scheme in capitals
        (" g " is G), a council's own reference as typed ("SR (25/26) 01")."""
        letter = " ".join((letter or "").split())
        return letter.upper() if len(letter) <= 2 and letter.isalnum() else letter

    def clean(self):
        self.letter = self.normalise_letter(self.letter)
        errors = {}
        if self.letter and not any(character.isalnum() for character in self.letter):
            errors["letter"] = "Enter a reference with a letter or number in it, such as G or SR 01"
        elif self.letter and self.action_plan_id and self.letter_taken():
            errors["letter"] = f"This plan already has a recommendation {self.letter}"
        authority_id = getattr(related_or_none(self, "action_plan"), "authority_id", None)
        if self.portfolio_id and authority_id and authority_id != self.portfolio.authority_id:
            errors["portfolio"] = NOT_A_CHOICE
        errors.update(self._addressee_errors(authority_id))
        if wording := self.wording_problem():
            errors["text"] = wording
        if errors:
            raise ValidationError(errors)

    def _addressee_errors(self, authority_id) -> dict[str, str]:
        """A named officer of the council, or an outside organisation's name, as addressed;
        whatever the other addressees do not use is cleared."""
        self.addressee_organisation = " ".join((self.addressee_organisation or "").split())
        if self.addressed_to != Addressee.OUTSIDE:
            self.addressee_organisation = ""
        if self.addressed_to != Addressee.OFFICER:
            self.addressee_officer = None
        if self.addressed_to == Addressee.OUTSIDE and not self.addressee_organisation:
            return {"addressee_organisation": "Enter the name of the organisation addressed"}
        if self.addressed_to == Addressee.OFFICER:
            officer = related_or_none(self, "addressee_officer")
            if officer is None:
                return {
                    "addressee_officer": "Choose the officer the recommendation is addressed to"
                }
            if officer.kind != Person.Kind.OFFICER or (
                authority_id and officer.authority_id != authority_id
            ):
                return {"addressee_officer": NOT_A_CHOICE}
        return {}

    @property
    def addressee_display(self) -> str:
        """Whom it is addressed to, as the plan prints it."""
        if self.addressed_to == Addressee.PORTFOLIO:
            return self.portfolio.title if self.portfolio else "Not yet assigned"
        if self.addressed_to == Addressee.OFFICER and self.addressee_officer:
            return str(self.addressee_officer)
        if self.addressed_to == Addressee.OUTSIDE:
            return self.addressee_organisation
        return {Addressee.CABINET: "The Cabinet", Addressee.COUNCIL: "Full Council"}.get(
            self.addressed_to, ""
        )

    def sub_parts(self) -> list:
        """Its live sub-parts in order (read for every row at once: scraip.common.prefetch)."""
        return related_rows(self, "parts")

    @cached_property
    def shared_response(self):
        """The one answer the cabinet gave to all its sub-parts (each part stores the same
        decision, explanation, action, timetable and lead officer), printed once; None when it
        has no sub-parts or they are answered apart. Reads the parts prefetched."""
        parts = self.sub_parts()
        responses = [part.current_response for part in parts]
        if len(parts) < 2 or None in responses:
            return None
        return responses[0] if len({response.answer for response in responses}) == 1 else None

    @property
    def numerals(self) -> str:
        """Its sub-parts as a reader names them: "(i) and (ii)", "(i), (ii) and (iii)"."""
        names = [f"({part.numeral})" for part in self.sub_parts() if part.numeral]
        return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)

    def wording_problem(self) -> str | None:
        """Why the text cannot change as it stands: once any part is answered the cabinet has
        answered these words, so a change is only an amendment with its reason, which
        simple-history keeps in the history row (`_change_reason`)."""
        if self.pk is None or (getattr(self, "_change_reason", None) or "").strip():
            return None
        stored = Recommendation.all_objects.filter(pk=self.pk).values_list("text", flat=True)
        if stored.first() in (None, self.text):
            return None
        if not self.has_answers():
            return None
        return (
            "This recommendation has been answered, so its wording is locked: to correct it, "
            "give the reason for the amendment"
        )

    def has_answers(self) -> bool:
        return RecommendationPart.objects.filter(
            recommendation=self.pk, response__isnull=False
        ).exists()

    def amendments(self):
        """Its recorded amendments, newest first: the history rows that carry a reason."""
        return (
            self.history.exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .order_by("-history_date")
        )

    def letter_taken(self) -> bool:
        """Another live recommendation of the plan has this one's letter."""
        siblings = Recommendation.objects.filter(action_plan=self.action_plan_id)
        return siblings.filter(letter=self.letter).exclude(pk=self.pk).exists()


class RecommendationPartQuerySet(SoftDeleteQuerySet):
    def visible_to(self, user):
        """Parts of the plans the user may see (see ActionPlanQuerySet.visible_to)."""
        return self.filter(recommendation__action_plan__in=ActionPlan.objects.visible_to(user))

    def answerable_by(self, user, held=None):
        """A scrutiny officer answers for their councils' cabinet members; anyone else only for
        the portfolios they hold today: `held`, when the caller has read them already (their
        ids then reach the database as a list, which PostgreSQL starts from, through the
        recommendations' portfolio index; as a subquery it reads every recommendation of the
        network's plans awaiting a response first)."""
        if user.has_perm("plans.add_actionplan"):
            return self.filter(recommendation__action_plan__authority__in=authorities_for(user))
        person = person_of(user)
        if held is None:
            held = Portfolio.objects.held_by(person) if person else Portfolio.objects.none()
        held_ids = [portfolio.pk for portfolio in held]
        answerable = Q(recommendation__portfolio__in=held_ids)
        if person is not None:
            # Addressed to them by name, or, for a cabinet member, to the Cabinet as a whole.
            answerable |= Q(
                recommendation__addressed_to=Addressee.OFFICER,
                recommendation__addressee_officer=person,
            )
            if held_ids:
                answerable |= Q(
                    recommendation__addressed_to=Addressee.CABINET,
                    recommendation__action_plan__authority=person.authority_id,
                )
        return self.filter(answerable)

    def awaiting_response(self):
        return self.filter(
            response__isnull=True,
            recommendation__action_plan__status=ActionPlan.Status.AWAITING_RESPONSE,
        )

    def awaiting_counts(self, today: datetime.date | None = None) -> dict[str, int]:
        """How many of these await a response ("awaiting"), and how many of those are past the
        deadline ("overdue"): both in one query."""
        overdue = Q(
            recommendation__action_plan__response_deadline__lt=today or timezone.localdate()
        )
        return self.awaiting_response().aggregate(
            awaiting=Count("pk"), overdue=Count("pk", filter=overdue)
        )

    def for_portfolios(self, portfolios):
        return self.filter(recommendation__portfolio__in=portfolios)

    def overdue(self, today: datetime.date | None = None):
        return self.awaiting_response().filter(
            recommendation__action_plan__response_deadline__lt=today or timezone.localdate()
        )

    def trackable(self):
        """The items whose progress the committee follows: accepted, wholly or in part."""
        from .responses import Response  # the answers build on the parts

        return self.filter(response__decision__in=Response.FOLLOWED_UP)

    def with_plan(self):
        return self.select_related(
            "recommendation__action_plan__authority",
            "recommendation__portfolio",
            "recommendation__addressee_officer",
            "response__lead_officer",
            "response__responded_by",
        )

    def in_plan_order(self):
        return self.order_by(
            "-recommendation__action_plan__publication_date",
            "recommendation__action_plan_id",
            "recommendation__position",
            "position",
        )

    def by_deadline(self):
        return self.order_by(
            "recommendation__action_plan__response_deadline",
            "recommendation__action_plan_id",
            "recommendation__position",
            "position",
        )


class RecommendationPart(SoftDeletable):
    """The unit the cabinet answers: a sub-part (i), (ii)…, or the whole recommendation.

    A recommendation without sub-parts has exactly one part with no numeral and no text of its
    own; `services.recommendation_save` keeps that so. Once accepted, the committee follows
    its progress: see scraip.followup.models.FollowedPart.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="parts"
    )
    numeral = models.CharField(max_length=8, blank=True, help_text="i, ii, iii…")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = live_rows(RecommendationPartQuerySet)
    all_objects = all_rows(RecommendationPartQuerySet)
    deleted_objects = deleted_rows(RecommendationPartQuerySet)

    class Meta:
        ordering = ["recommendation_id", "position", "numeral"]
        indexes = [
            # A recommendation's live parts in order, read from the index alone: lists that
            # start from a portfolio's or a plan's recommendations (the cabinet member's
            # dashboard) reach their parts through it instead of reading every part.
            models.Index(
                fields=["recommendation", "position", "id"],
                condition=NOT_DELETED,
                name="part_live_in_order",
            ),
            # The same read by the part's id, for lists that start from the responses (the
            # lead officer's dashboard): the primary key would fetch each row from the table,
            # which the planner prices above reading the whole table.
            models.Index(
                fields=["id", "recommendation", "position"],
                condition=NOT_DELETED,
                name="part_live_by_id",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "numeral"],
                condition=NOT_DELETED,
                name="unique_part_numeral",
            ),
            # A sub-part has a numeral and its text; the whole has neither.
            models.CheckConstraint(
                condition=Q(numeral="", text="") | (~Q(numeral="") & ~Q(text="")),
                name="part_numeral_and_text_go_together",
            ),
        ]

    def __str__(self):
        if self.numeral:
            return f"{self.recommendation} ({self.numeral})"
        return str(self.recommendation)

    @staticmethod
    def normalise_numeral(numeral: str) -> str:
        """As written, without brackets, in small letters: "(II)" is ii."""
        return (numeral or "").strip().strip("()").lower()

    def clean(self):
        self.numeral = self.normalise_numeral(self.numeral)
        errors = {}
        if self.numeral and not self.numeral.isalnum():
            errors["numeral"] = "Use a numeral such as i, ii or iii"
        elif self.text and not self.numeral:
            errors["numeral"] = "Enter the sub-part's numeral, such as i or ii"
        if self.numeral and not self.text:
            errors["text"] = "Enter the text of the sub-part"
        if not errors and (wording := self.wording_problem()):
            errors["text"] = wording
        if errors:
            raise ValidationError(errors)

    def wording_problem(self) -> str | None:
        """Why the sub-part's numeral and text cannot change as they stand: the cabinet has
        answered these words, so a change is an amendment whose reason simple-history keeps
        (`_change_reason`), as for the recommendation's own text."""
        if self.pk is None or (getattr(self, "_change_reason", None) or "").strip():
            return None
        stored = RecommendationPart.all_objects.filter(pk=self.pk).values_list("numeral", "text")
        if stored.first() in (None, (self.numeral, self.text)):
            return None
        from .responses import Response  # the answers build on the parts

        if not Response.objects.filter(part=self.pk).exists():
            return None
        return (
            f"Sub-part ({stored.first()[0]}) has been answered, so its wording is locked: to "
            "correct it, give the reason for the amendment"
        )

    @cached_property
    def current_response(self):
        try:
            return self.response
        except ObjectDoesNotExist:
            return None

    @property
    def is_answered(self) -> bool:
        return self.current_response is not None

    def removal_problem(self) -> str | None:
        """Why this sub-part cannot be taken off its recommendation, if it cannot: its answer
        would go with it."""
        if self.is_answered:
            return f"Sub-part ({self.numeral}) has a response, so it cannot be removed"
        return None

    @property
    def is_trackable(self) -> bool:
        response = self.current_response
        return bool(response and not response.is_rejected)
