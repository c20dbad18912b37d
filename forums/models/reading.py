"""What a member follows, mutes and has read.

Read state is one row per member and thread holding the last post number they have read, written as one
``INSERT … ON CONFLICT DO UPDATE SET last_read_number = GREATEST(…)`` (Discourse's ``topic_users``): reading
never moves it back and never touches the thread's row. Without a row, a thread counts as read when its last
activity is older than the member's cutoff — the later of READ_CUTOFF_DAYS ago, the member's joining the network,
and a "mark all read" of its category (``CategoryReadMark``, one row) — as Misago does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
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
