"""Members flag posts; moderators work the flags in the admin queue. Staff set the forum's switches."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive or harassing")
    EXTREMIST = "extremist", _("Promotes violence or extremist content")
    PERSONAL_DATA = "personal-data", _("Reveals someone's personal information")
    OFF_TOPIC = "off-topic", _("Off topic")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    UPHELD = "upheld", _("Upheld: the post was hidden")
    DISMISSED = "dismissed", _("Dismissed")


class FlagQuerySet(models.QuerySet["Flag"]):
    def waiting(self) -> FlagQuerySet:
        """Flags no moderator has decided yet (the flag queue)."""
        return self.filter(status=FlagStatus.OPEN)


class Flag(Workflow, models.Model):
    Status = FlagStatus

    TRANSITIONS = transitions(
        Transition("uphold", _("Uphold (hide the post)"), frozenset({FlagStatus.OPEN}), FlagStatus.UPHELD),
        Transition("dismiss", _("Dismiss"), frozenset({FlagStatus.OPEN}), FlagStatus.DISMISSED),
    )

    post = models.ForeignKey(
        "forums.Post", on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    created_at = models.DateTimeField(_("flagged at"), default=timezone.now, db_index=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at", "pk"]
        constraints = [
            status_constraint(FlagStatus, name="flag_status_valid"),
            models.UniqueConstraint(
                fields=["post", "flagged_by"], condition=models.Q(status="open"), name="flag_open_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} #{self.post_id}"

    def notification_recipient(self) -> Any:
        return self.flagged_by


class FlagEvent(AuditEvent):
    SUBJECT_FIELD = "flag"

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="events", verbose_name=_("flag"))

    class Meta(AuditEvent.Meta):
        verbose_name = _("flag decision")
        verbose_name_plural = _("flag decisions")


class ForumSettings(models.Model):
    """The forum's switches, one row (pk 1), edited by staff in the admin."""

    premoderate_first_posts = models.PositiveSmallIntegerField(
        _("new members' posts waiting for approval"),
        default=0,
        help_text=_("A new member's first N posts wait for a moderator's approval; 0 turns this off."),
    )
    edit_window_minutes = models.PositiveSmallIntegerField(
        _("edit window (minutes)"), default=30, help_text=_("How long authors may edit their post.")
    )

    class Meta:
        verbose_name = _("forum settings")
        verbose_name_plural = _("forum settings")

    def __str__(self) -> str:
        return str(_("Forum settings"))

    @classmethod
    def current(cls) -> ForumSettings:
        """The saved switches, or the defaults while staff have saved none (a read never writes)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
