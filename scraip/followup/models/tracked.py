"""The tracked-item interface: what a record must provide for the committee to follow it.

One follow-up engine (the views in scraip.followup.views.items, the forms in
scraip.followup.forms, the templates in templates/followup/progress_*.html) serves every kind
of tracked item through the members declared here and nothing else: no page asks which kind an
item is. A kind is a model that inherits TrackedItem and provides every member marked
`@abstractmethod` below; it is registered with `scraip.followup.registry.register` in its
app's `ready()`, and its app's urls.py includes `scraip.followup.routes.tracked_item_urls`.
`registry.register` refuses a kind that leaves a member out, and
scraip/followup/tests/test_tracked_kinds.py checks every registered kind.

Progress updates, verdicts and target date changes point at their item through a generic
foreign key, so followup never imports the apps whose items it tracks. Where an item stands
(closed, its latest status, past its target…) is decided by the database:
scraip.followup.models.state.with_state(queryset) annotates any kind's items, and a list reads
only the latest update and verdict of the rows it shows (state.attach_latest) before printing
each with templates/includes/progress_status.html. An item's own page reads its whole history
with scraip.followup.progress.prefetch_progress(queryset).
"""

import datetime
import inspect
from abc import abstractmethod
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from scraip.common.fuzzydates import format_fuzzy_date

from .state import state_of


@dataclass(frozen=True)
class ItemPermissions:
    """The rules permissions guarding an item's follow-up pages."""

    view: str  # checked on item.tracked_parent: read the item, its updates and evidence
    report: str  # on the item: give a progress update
    target: str  # on the item: move its target date
    verdict: str  # on the item: record the committee's verdict
    edit_update: str  # on one of its progress updates: correct it


@dataclass(frozen=True)
class Passage:
    """A paragraph saying what the item is. `lead` prints in bold before the text."""

    text: str
    lead: str = ""
    pre_line: bool = True  # keep the line breaks the text was typed with


@dataclass(frozen=True)
class Fact:
    """A row of the summary at the top of the item's page. With `colour`, a GOV.UK tag."""

    label: str
    text: str
    colour: str = ""
    pre_line: bool = False


class TrackedItem(models.Model):
    """Any record whose progress the committee follows: a mixin that adds no database column."""

    progress_updates = GenericRelation("followup.ProgressUpdate")
    verdicts = GenericRelation("followup.Verdict")
    target_date_changes = GenericRelation("followup.TargetDateChange")
    # Its latest update and verdict, kept by the database (itemstate.ItemState): state.with_state
    # joins it.
    item_state = GenericRelation("followup.ItemState")

    # Where the database finds the target date and the lead officer (state.with_state), as
    # lookups from the item's own table: the target date field itself unless told, no lead
    # unless told (FollowedPart: "response__timetable", "response__lead_officer").
    target_lookup: str = ""
    lead_lookup: str = ""

    class Meta:
        abstract = True

    # The interface. A class attribute may stand for a property (`target_fields = (...)`).

    @property
    @abstractmethod
    def target_fields(self) -> tuple[str, str]:
        """The (date field, precision field, end field) on `target_record()` holding the
        target date; the end field keeps the last month of a span ("January–March 2027")."""
        raise NotImplementedError

    @property
    @abstractmethod
    def progress_permissions(self) -> ItemPermissions:
        raise NotImplementedError

    @property
    @abstractmethod
    def on_meeting_agenda(self) -> bool:
        """True: the item is on the agenda of the meeting it reports back to, whose page
        records the committee's verdicts, and the verdict page returns there. False: the
        item's own page offers the council's recent meetings to record a verdict at."""
        raise NotImplementedError

    @property
    @abstractmethod
    def takes_progress(self) -> bool:
        """Whether the committee follows the item at all (a rejected recommendation is not)."""
        raise NotImplementedError

    @abstractmethod
    def progress_lead(self):
        """The Person who owes progress updates on this item, if any."""
        raise NotImplementedError

    @abstractmethod
    def target_record(self):
        """The row holding the target date (the item itself, or e.g. its response), or None."""
        raise NotImplementedError

    @property
    @abstractmethod
    def tracked_authority_id(self) -> int:
        """The council the item belongs to: its officers report for it and its committees
        give verdicts on it."""
        raise NotImplementedError

    @property
    @abstractmethod
    def tracked_parent(self):
        """The record whose page the item belongs to (an action plan, a partnership), on which
        `progress_permissions.view` is checked."""
        raise NotImplementedError

    @property
    @abstractmethod
    def tracked_caption(self) -> str:
        """The caption above the item's headings: its parent's title."""
        raise NotImplementedError

    @abstractmethod
    def tracked_breadcrumbs(self) -> list[tuple[str, str]]:
        """(label, address) of each page above the item's own, outermost first."""
        raise NotImplementedError

    @abstractmethod
    def tracked_passages(self) -> list[Passage]:
        """What the item is, as its page prints it."""
        raise NotImplementedError

    @abstractmethod
    def tracked_facts(self) -> list[Fact]:
        """The summary rows its page prints before the target date and where it stands."""
        raise NotImplementedError

    @abstractmethod
    def tracked_task(self) -> Passage:
        """What is being done, as a reminder above the progress update form."""
        raise NotImplementedError

    @abstractmethod
    def report_backs_open(self, update=None):
        """The report-backs an update may be for (those still open, and `update`'s own), or
        None when the item does not report back to the committee on a schedule."""
        raise NotImplementedError

    @abstractmethod
    def report_back_at(self, meeting):
        """The report-back a verdict at `meeting` belongs to, if any."""
        raise NotImplementedError

    @abstractmethod
    def after_verdict(self) -> None:
        """What follows a verdict on the item, in the same transaction (closing its plan)."""
        raise NotImplementedError

    @classmethod
    @abstractmethod
    def for_progress_pages(cls) -> models.QuerySet:
        """The items, with what their follow-up pages print selected in the same query."""
        raise NotImplementedError

    # What every kind gets from the interface.

    @property
    def current_target(self) -> tuple[datetime.date | None, str, datetime.date | None]:
        """(date, precision, end) of the target date; (None, "", None) if it has none."""
        record = self.target_record()
        if record is None:
            return None, "", None
        return tuple(getattr(record, field) for field in self.target_fields)

    @property
    def target_display(self) -> str:
        return format_fuzzy_date(*self.current_target)

    # Where the item stands, as the database decided it (state.with_state): read from the row's
    # annotations, or asked of the database for an item fetched on its own.

    @property
    def is_closed(self) -> bool:
        """Only the committee closes an item: its latest verdict says so."""
        return bool(state_of(self, "closed"))

    def is_past_target(self) -> bool:
        """Its target date has passed, and it is neither closed nor reported implemented."""
        return bool(state_of(self, "past_target"))

    # The records themselves. A list attaches the latest update and verdict of the rows it shows
    # (state.attach_latest); an item's page prefetches them all (progress.prefetch_progress),
    # newest first.

    @property
    def updates_newest_first(self) -> list:
        return list(self.progress_updates.all())

    @property
    def latest_update(self):
        if "attached_latest_update" in self.__dict__:
            return self.attached_latest_update
        updates = self.updates_newest_first
        return updates[0] if updates else None

    @property
    def previous_update(self):
        if "attached_previous_update" in self.__dict__:
            return self.attached_previous_update
        updates = self.updates_newest_first
        return updates[1] if len(updates) > 1 else None

    @property
    def latest_verdict(self):
        if "attached_latest_verdict" in self.__dict__:
            return self.attached_latest_verdict
        verdicts = list(self.verdicts.all())
        return verdicts[0] if verdicts else None

    def verdict_at(self, meeting):
        for verdict in self.verdicts.all():
            if verdict.meeting_id == meeting.pk:
                return verdict
        return None


def interface_members() -> list[str]:
    """The names every kind of tracked item must provide."""
    return [
        name
        for name, member in vars(TrackedItem).items()
        if getattr(member, "__isabstractmethod__", False)
    ]


def missing_members(model: type) -> list[str]:
    """The members of the interface `model` leaves out."""
    return [
        name
        for name in interface_members()
        if getattr(inspect.getattr_static(model, name), "__isabstractmethod__", False)
    ]
