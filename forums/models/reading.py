"""What a member follows, mutes and has read.

Read state is one row per member and thread holding the last post number they have read, written as one
``INSERT … ON CONFLICT DO UPDATE SET last_read_number = GREATEST(…)`` (Discourse's ``topic_users``): reading
never moves it back and never touches the thread's row. Without a row, a thread counts as read when its last
activity is older than the member's cutoff — the later of READ_CUTOFF_DAYS ago, the member's joining the network,
and a "mark all read" of its category (``CategoryReadMark``, one row) — as Misago does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

READ_CUTOFF_DAYS = 90


class FollowLevel(models.TextChoices):
    FOLLOWING = "following", _("Following: notify me of new posts")
    MUTED = "muted", _("Muted: never notify me")


class ThreadFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("forums.Thread", on_delete=models.CASCADE, related_name="follows")
    level = models.CharField(
        _("level"), max_length=12, choices=FollowLevel.choices, default=FollowLevel.FOLLOWING
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed thread")
        verbose_name_plural = _("followed threads")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="thread_follow_once"),
            models.CheckConstraint(
                condition=models.Q(level__in=FollowLevel.values), name="thread_follow_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.thread_id}"


class CategoryFollow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("forums.Category", on_delete=models.CASCADE, related_name="follows")
    level = models.CharField(
        _("level"), max_length=12, choices=FollowLevel.choices, default=FollowLevel.FOLLOWING
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed category")
        verbose_name_plural = _("followed categories")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="category_follow_once"),
            models.CheckConstraint(
                condition=models.Q(level__in=FollowLevel.values), name="category_follow_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.category_id}"


class ReadState(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("forums.Thread", on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("read position")
        verbose_name_plural = _("read positions")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="read_state_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_number}"


class CategoryReadMark(models.Model):
    """ "Mark all read" for a category: threads with no activity after ``marked_at`` count as read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey("forums.Category", on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("category marked read")
        verbose_name_plural = _("categories marked read")
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="category_read_mark_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.category_id} at {self.marked_at:%Y-%m-%d}"


def unread_annotations(user: Any) -> dict[str, Any]:
    """What ``Thread.objects.with_unread(user)`` adds to each thread, in the thread's own query (subqueries on
    the unique (user, thread) and (user, category) indexes — never a query per thread):

    - ``read_number``: the member's last read post number (0 without a row);
    - ``read_cutoff``: the later of READ_CUTOFF_DAYS ago, the member's approval (Membership.decided_at, or the
      account's creation for staff without a membership) and the member's "mark all read" of the category;
    - ``is_unread``: activity after the cutoff and a last visible post beyond the read position;
    - ``unread_count``: ``last_post_number - read_number`` when unread, else 0. Approximate: post numbers count
      hidden and pending posts too, so it may be a little high when some were hidden;
    - ``first_unread_number``: the number after the read position (the anchor "jump to first unread" targets).
    """
    from network.models import Membership

    if not getattr(user, "is_authenticated", False):
        return {
            "read_number": models.Value(0, output_field=models.IntegerField()),
            "read_cutoff": models.Value(None, output_field=models.DateTimeField()),
            "is_unread": models.Value(False, output_field=models.BooleanField()),
            "unread_count": models.Value(0, output_field=models.IntegerField()),
            "first_unread_number": models.Value(1, output_field=models.IntegerField()),
        }
    horizon = timezone.now() - timedelta(days=READ_CUTOFF_DAYS)
    approved_at = Membership.objects.filter(user=user.pk, decided_at__isnull=False).values("decided_at")[:1]
    marked_at = CategoryReadMark.objects.filter(user=user.pk, category=OuterRef("category_id")).values(
        "marked_at"
    )[:1]
    read_number = ReadState.objects.filter(user=user.pk, thread=OuterRef("pk")).values("last_read_number")[:1]
    dt = models.DateTimeField()
    read_cutoff = Greatest(
        models.Value(horizon, output_field=dt),
        Coalesce(Subquery(approved_at, output_field=dt), models.Value(user.date_joined, output_field=dt)),
        Coalesce(Subquery(marked_at, output_field=dt), models.Value(horizon, output_field=dt)),
    )
    is_unread = models.Q(last_post_at__gt=models.F("read_cutoff")) & models.Q(
        last_post_number__gt=models.F("read_number")
    )
    return {
        "read_number": Coalesce(Subquery(read_number, output_field=models.IntegerField()), 0),
        "read_cutoff": read_cutoff,
        "is_unread": models.Case(
            models.When(is_unread, then=models.Value(True)), default=models.Value(False)
        ),
        "unread_count": models.Case(
            models.When(is_unread, then=models.F("last_post_number") - models.F("read_number")),
            default=models.Value(0),
            output_field=models.IntegerField(),
        ),
        "first_unread_number": models.F("read_number") + 1,
    }
