"""The evidence plan: its steps (sessions, evidence days, surveys…), their lettered parts, and the
witnesses asked to each part.

Parts and witnesses are soft-deletable like their activity, so removing an activity, or the
review, hides them everywhere (the witness directory included) and restoring brings them back.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date, period_end_field
from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.versioning import Versioned
from scraip.councils.models import Person

from .reviews import Review

NO_WITNESS = "Choose a witness, or give a new witness's name or an organisation"


class ActivityQuerySet(SoftDeleteQuerySet):
    def with_parts(self, *, witnesses: bool = True):
        """Each activity's lettered parts, and, if asked, each part's witnesses."""
        parts = ActivityPart.objects.all()
        if witnesses:
            people = Witness.objects.select_related("person__authority")
            parts = parts.prefetch_related(Prefetch("witnesses", queryset=people))
        return self.prefetch_related(Prefetch("parts", queryset=parts))


class Activity(Versioned, SoftDeletable):
    """A step of the evidence plan: a numbered session, an evidence day, a survey, a visit."""

    class Kind(models.TextChoices):
        SESSION = "session", "Evidence session"
        EVIDENCE_DAY = "evidence_day", "Evidence day (select committee style)"
        SURVEY = "survey", "Survey"
        SITE_VISIT = "site_visit", "Site visit"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other activity"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text='Optional for a session. For example "Start a members\' survey".',
    )
    description = models.TextField(blank=True)
    planned_on = models.DateField(null=True, blank=True)
    planned_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    planned_end = period_end_field()
    held = models.BooleanField(default=False)
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = live_rows(ActivityQuerySet)
    all_objects = all_rows(ActivityQuerySet)
    deleted_objects = deleted_rows(ActivityQuerySet)

    class Meta:
        verbose_name_plural = "activities"
        ordering = [models.F("planned_on").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | Q(held=True),
                name="activity_with_a_date_held_is_held",
                violation_error_message="An activity with the date it was held has been held",
            )
        ]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": "The date it was held must be today or earlier"})
        if self.held_on:
            self.held = True

    @property
    def is_session(self) -> bool:
        return self.kind == self.Kind.SESSION

    @property
    def planned_display(self) -> str:
        return format_fuzzy_date(self.planned_on, self.planned_precision, self.planned_end)

    @property
    def label(self) -> str:
        """ "Session 3", or the activity's own title. `number_steps` sets session numbers."""
        number = getattr(self, "session_number", None)
        if self.is_session:
            name = f"Session {number}" if number else "Session"
            return f"{name}: {self.title}" if self.title else name
        return self.title or self.get_kind_display()


def number_steps(activities) -> list[Activity]:
    """Number the plan's steps 1, 2, 3… in date order, and its sessions Session 1, 2… apart."""
    numbered = list(activities)
    session = 0
    for step, activity in enumerate(numbered, start=1):
        activity.step = step
        if activity.is_session:
            session += 1
            activity.session_number = session
    return numbered


class ActivityPart(SoftDeletable):
    """A lettered part of a session (1A, 1B…), or a morning, afternoon or case study."""

    class Kind(models.TextChoices):
        PART = "part", "Part"
        MORNING = "morning", "Morning session"
        AFTERNOON = "afternoon", "Afternoon session"
        CASE_STUDY = "case_study", "Case study"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="parts")
    letter = models.CharField(
        max_length=4, error_messages={"blank": "Enter the part's letter, such as A"}
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PART)
    heading = models.CharField(max_length=200, blank=True)
    description = models.TextField(
        "what happens", error_messages={"blank": "Say what happens in this part"}
    )
    aim = models.TextField("aim of this part", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity_id", "position", "letter"]
        constraints = [
            # A removed part's letter may be given to a new one.
            models.UniqueConstraint(
                fields=["activity", "letter"],
                condition=NOT_DELETED,
                name="unique_activity_part",
                violation_error_message="Give each part its own letter",
            ),
            models.CheckConstraint(
                condition=~Q(letter=""),
                name="activity_part_has_a_letter",
                violation_error_message="Enter the part's letter, such as A",
            ),
        ]

    def __str__(self):
        return f"Part {self.letter}"

    def clean_fields(self, exclude=None):
        self.letter = (self.letter or "").strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        if self.letter and not self.letter.isalnum():
            raise ValidationError({"letter": "Use a letter such as A or B"})

    @property
    def heading_display(self) -> str:
        if self.kind == self.Kind.PART:
            return self.heading
        kind = self.get_kind_display()
        return f"{kind}: {self.heading}" if self.heading else kind


class WitnessQuerySet(SoftDeleteQuerySet):
    def gave_evidence(self):
        return self.filter(part__activity__held=True)

    def of_activity(self, activity):
        return self.filter(part__activity=activity).select_related("part")

    def directory_keys(self):
        """One row a witness, not one an appearance: a person, or an organisation not yet
        naming its speaker, in name order (the directory's pages), read in the order of the
        index on the stored key (witness_directory), so a page does not sort every witness."""
        return self.values(*Witness.DIRECTORY_KEY).distinct().order_by(*Witness.DIRECTORY_KEY)

    def appearances_of(self, keys, latest: int | None = None) -> list:
        """The appearances of these directory entries' names, with the review each was for
        (through the index on the key; the view matches each to its entry), in date order. With
        `latest`, only each entry's `latest` most recent, each knowing how many its entry has in
        all (`appearances_in_all`): the database numbers them, reading only their ids, and then
        the chosen rows are read."""
        rows = self.filter(directory_name__in={key["directory_name"] for key in keys})
        in_all = {}
        if latest is not None:
            entry = [F(field) for field in Witness.DIRECTORY_KEY]
            newest = F("part__activity__planned_on").desc(nulls_last=True)
            numbered = rows.annotate(
                place=Window(RowNumber(), partition_by=entry, order_by=[newest, F("pk").desc()]),
                appearances_in_all=Window(Count("pk"), partition_by=entry),
            ).filter(place__lte=latest)
            in_all = dict(numbered.values_list("pk", "appearances_in_all"))
            rows = self.filter(pk__in=in_all)
        chosen = list(
            rows.select_related("person__authority", "part__activity__review").order_by(
                "part__activity__planned_on", "pk"
            )
        )
        for appearance in chosen:
            appearance.appearances_in_all = in_all.get(appearance.pk)
        return chosen

    def refresh_directory_keys(self, batch: int = 2000) -> int:
        """Work out these witnesses' directory keys again, as save() does (in Python, so that
        every database lowers names alike: SQLite's lower() leaves "É" as it is), in batches:
        after rows are inserted in bulk, or people renamed in bulk. How many were changed."""
        changed = []
        rows = self.select_related("person").only(
            "person__name", "organisation", "directory_name", "directory_organisation"
        )
        for witness in rows.iterator(chunk_size=batch):
            before = (witness.directory_name, witness.directory_organisation)
            witness.set_directory_key()
            if (witness.directory_name, witness.directory_organisation) != before:
                changed.append(witness)
        fields = ["directory_name", "directory_organisation"]
        Witness._base_manager.bulk_update(changed, fields, batch_size=batch)
        return len(changed)


class Witness(SoftDeletable):
    """Someone asked to give evidence to one part of a session: a person, or an organisation
    not yet represented by anyone in particular ("a national body, such as the LGA")."""

    part = models.ForeignKey(ActivityPart, on_delete=models.CASCADE, related_name="witnesses")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_given"
    )
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(
        max_length=200, blank=True, help_text='For example "Mid Kent Services Director".'
    )
    topics = models.CharField(
        "subjects they can speak on",
        max_length=300,
        blank=True,
        help_text="Comma-separated, for example: governance, shared services",
    )
    # The directory's key, kept by save() (and refresh_directory_keys): the name it is sorted
    # by (the person's, or the organisation's, in lower case) and, for an organisation not yet
    # naming its speaker, the organisation; one directory entry a (name, person, organisation).
    directory_name = models.CharField(max_length=200, editable=False, blank=True, default="")
    directory_organisation = models.CharField(
        max_length=200, editable=False, blank=True, default=""
    )
    history = HistoricalRecords(excluded_fields=["directory_name", "directory_organisation"])

    DIRECTORY_KEY = ("directory_name", "person_id", "directory_organisation")

    objects = live_rows(WitnessQuerySet)
    all_objects = all_rows(WitnessQuerySet)
    deleted_objects = deleted_rows(WitnessQuerySet)

    class Meta:
        verbose_name_plural = "witnesses"
        ordering = ["part_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(organisation=""),
                name="witness_is_a_person_or_an_organisation",
                violation_error_message=NO_WITNESS,
            )
        ]
        indexes = [
            # The witness directory pages through this in order, without sorting every row.
            models.Index(
                fields=["directory_name", "person", "directory_organisation"],
                name="witness_directory",
                condition=NOT_DELETED,
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_directory_key()
        super().save(*args, **kwargs)

    def set_directory_key(self) -> None:
        """The directory's sort name and key from the person or organisation named (a copy,
        kept in step when the person is renamed: see _witnesses_follow_their_person)."""
        self.directory_name = (self.person.name if self.person else self.organisation).lower()
        self.directory_organisation = "" if self.person else self.organisation

    def clean(self):
        super().clean()
        if self.person is None and not self.organisation:
            raise ValidationError({"person": NO_WITNESS})

    def validate_constraints(self, exclude=None):
        # Someone new, named on the page, is saved with the witness (by the service): until
        # then the database has no row to point at, and clean() has checked there is someone.
        if self.person is not None and self.person.pk is None:
            exclude = {*(exclude or ()), "person"}
        super().validate_constraints(exclude=exclude)

    @property
    def name(self) -> str:
        return self.person.name if self.person else self.organisation

    @property
    def organisation_display(self) -> str:
        if self.organisation:
            return self.organisation
        if self.person:
            return self.person.organisation or str(self.person.authority or "")
        return ""


@receiver(post_save, sender=Person, dispatch_uid="witnesses-follow-their-person")
def _witnesses_follow_their_person(sender, instance, created=False, raw=False, **kwargs):
    """A person renamed is sorted under their new name in the witness directory: one UPDATE of
    their witnesses' copy. A signal, as people are saved by the councils app, which cannot know
    of witnesses; people renamed by a bulk update need Witness.all_objects.filter(person__in=…)
    .refresh_directory_keys()."""
    if created or raw:
        return
    name = instance.name.lower()
    Witness.all_objects.filter(person=instance).exclude(directory_name=name).update(
        directory_name=name
    )
