"""In-app notifications (replies in followed threads, mentions, quotes, moderation decisions), each also emailed
at once through the shared send-once path when the member asked for immediate emails; otherwise the digest
reads the unread ones. Never created for a hidden or pending post, nor for someone who cannot see it."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.notifications import NotificationEmail, SendOnceQuerySet


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

    def notification_email(self) -> NotificationEmail | None:
        raise NotImplementedError  # forums/notify.py (helper) decides what the email says
