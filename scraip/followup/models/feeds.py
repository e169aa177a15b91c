"""Reminders sent and private calendar feeds."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from scraip.councils.models import Committee, Person


class ReminderSent(models.Model):
    """One reminder email, so `send_reminders` run twice on a day sends nothing twice."""

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "sent_on"],
                name="one_reminder_per_day",
            )
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient} on {self.sent_on}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A private iCalendar address: whoever has the token reads this one feed and nothing else.

    The token is the only credential, so it is long and random, shown only to its owner, and
    revoking the feed makes the address answer 404 at once.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="feeds"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=True, person__isnull=False)
                | Q(committee__isnull=False, person__isnull=True),
                name="feed_is_for_a_committee_or_a_person",
                violation_error_message="A calendar is of one committee or of one person's dates",
            )
        ]

    def __str__(self):
        return f"Calendar of {self.committee or self.person}"
