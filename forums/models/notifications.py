"""In-app notifications (replies in followed threads, mentions, quotes, moderation decisions), each also emailed
at once through the shared send-once path when the member asked for immediate emails; otherwise the digest
reads the unread ones. Never created for a hidden or pending post, nor for someone who cannot see it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import MemberPreferences
from network.notifications import NotificationEmail, SendOnceQuerySet
from network.permissions import is_member
from network.unsubscribe import UnsubscribeKind

# Emailed one by one when the member asked for it; a moderation decision is emailed by its audit row instead.
IMMEDIATE_EMAIL_KINDS = ("reply", "mention", "quote", "consultation")


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("New post in a thread you follow")
    MENTION = "mention", _("Mention")
    QUOTE = "quote", _("Quote of your post")
    MODERATION = "moderation", _("Moderation decision")
    CONSULTATION = "consultation", _("E-discussion opened or closed")


class NotificationQuerySet(SendOnceQuerySet):
    def for_user(self, user: Any) -> Self:
        return self.filter(recipient=user)  # type: ignore[return-value]

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)  # type: ignore[return-value]

    def for_notification(self) -> Self:
        return self.select_related("recipient", "actor", "thread", "post")  # type: ignore[return-value]

    def notification_due(self, *, min_age: timedelta, max_age: timedelta) -> SendOnceQuerySet:
        """Only rows of members who want each notification emailed at once; the others wait for the digest."""
        return (
            super()
            .notification_due(min_age=min_age, max_age=max_age)
            .filter(kind__in=IMMEDIATE_EMAIL_KINDS, recipient__preferences__email_immediately=True)
        )


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey("forums.Thread", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("forums.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Send-once email (network/notifications.py); only rows whose recipient wants immediate emails are queued.
    notified_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    notify_claimed_at = models.DateTimeField(_("email claimed at"), null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "post", "kind"], name="notification_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=NotificationKind.values), name="notification_kind"
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    def get_absolute_url(self) -> str:
        return self.post.get_absolute_url() if self.post is not None else self.thread.get_absolute_url()

    def notification_email(self) -> NotificationEmail | None:
        """The email of a reply, mention, quote or e-discussion notice, in the recipient's language, if they
        asked for immediate emails, have not read it already, and may still see what it is about."""
        from .threads import Post, Thread

        recipient = self.recipient
        if self.kind not in IMMEDIATE_EMAIL_KINDS or self.read_at is not None:
            return None
        if not MemberPreferences.for_user(recipient).email_immediately or not is_member(recipient):
            return None
        if self.post_id is not None:
            if not Post.objects.visible_to(recipient).filter(pk=self.post_id, status="visible").exists():
                return None
        elif not Thread.objects.visible_to(recipient).filter(pk=self.thread_id).exists():
            return None
        return NotificationEmail(
            recipient=recipient,
            template="forum_notification",
            context={"notification": self, "thread": self.thread, "post": self.post, "actor": self.actor},
            unsubscribe_kind=UnsubscribeKind.NOTIFICATIONS,
        )

    @property
    def about_closing(self) -> bool:
        """An e-discussion notice written when (or after) it closed, rather than when it opened."""
        consultation = getattr(self.thread, "consultation", None)
        if self.kind != NotificationKind.CONSULTATION or consultation is None:
            return False
        closed_at = consultation.closed_at or consultation.closes_at
        return bool(closed_at and self.created_at >= closed_at)
