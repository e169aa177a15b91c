"""Follow-up: the tracked-item interface, progress updates, the committee's verdicts and target
date changes on any tracked item, reminders sent and private calendar feeds."""

from .facts import PartFacts, rebuild_part_facts
from .feeds import CalendarFeed, CalendarFeedQuerySet, ReminderSent, new_feed_token
from .itemstate import ItemState, NextReportBack, rebuild_item_state
from .parts import FollowedPart, FollowedPartQuerySet
from .progress import (
    AboutItemQuerySet,
    ProgressUpdate,
    ProgressUpdateQuerySet,
    Standing,
    TargetDateChange,
    Verdict,
    VerdictQuerySet,
    progress_prefetches,
    records_about,
)
from .statuses import CouncilStatus
from .tracked import Fact, ItemPermissions, Passage, TrackedItem

__all__ = [
    "AboutItemQuerySet",
    "CalendarFeed",
    "CalendarFeedQuerySet",
    "CouncilStatus",
    "Fact",
    "FollowedPart",
    "FollowedPartQuerySet",
    "ItemPermissions",
    "ItemState",
    "NextReportBack",
    "PartFacts",
    "Passage",
    "ProgressUpdate",
    "ProgressUpdateQuerySet",
    "ReminderSent",
    "Standing",
    "TargetDateChange",
    "TrackedItem",
    "Verdict",
    "VerdictQuerySet",
    "new_feed_token",
    "progress_prefetches",
    "rebuild_item_state",
    "rebuild_part_facts",
    "records_about",
]
