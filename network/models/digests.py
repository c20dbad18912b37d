"""Email digests: each scheduled sending (``DigestRun``) and each member's digest in it (``DigestDelivery``).

A delivery row is unique per member, frequency and period and is **claimed** (status ``sending``, committed)
before its email is handed to SMTP: a retried task, a second beat or a re-run never send the same period twice,
and a row left ``sending`` by a worker that died mid-send is never sent again automatically (the email may have
left); staff see it and may resend it. How the rows are planned and sent: network/services/digests.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


SCHEDULED_FREQUENCIES = (DigestFrequency.DAILY, DigestFrequency.WEEKLY)
PERIOD_LENGTH: dict[str, timedelta] = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}


def period_key(frequency: str, end: datetime) -> str:
    """The period a run covers, named by its end: ``2026-11-26`` (daily) or ``2026-W48`` (weekly, ISO week)."""
    if frequency == DigestFrequency.WEEKLY:
        year, week, _weekday = end.isocalendar()
        return f"{year}-W{week:02d}"
    return end.date().isoformat()


class DigestRunQuerySet(models.QuerySet["DigestRun"]):
    def with_counts(self) -> Self:
        """Planned, sent, skipped (nothing new, active on the site, no longer receiving) and failed deliveries."""
        status = DeliveryStatus
        count = models.Count
        return self.annotate(
            planned=count("deliveries"),
            sent=count("deliveries", filter=models.Q(deliveries__status=status.SENT)),
            skipped_empty=count("deliveries", filter=models.Q(deliveries__status=status.EMPTY)),
            skipped_active=count("deliveries", filter=models.Q(deliveries__status=status.ACTIVE)),
            skipped_other=count("deliveries", filter=models.Q(deliveries__status=status.SKIPPED)),
            failed=count("deliveries", filter=models.Q(deliveries__status=status.FAILED)),
            waiting=count(
                "deliveries", filter=models.Q(deliveries__status__in=[status.PLANNED, status.SENDING])
            ),
        )


class DigestRun(models.Model):
    """One frequency's digest for one period: planned by the beat (or ``send_digests``), sent in chunks."""

    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=[(f.value, f.label) for f in SCHEDULED_FREQUENCIES],
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateTimeField(_("covers from"))
    period_end = models.DateTimeField(_("covers until"))
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)

    objects = DigestRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-period_end", "frequency"]
        constraints = [
            models.UniqueConstraint(fields=["frequency", "period"], name="digest_run_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} {self.period}"


class DeliveryStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SENDING = "sending", _("Being sent")
    SENT = "sent", pgettext_lazy("digest delivery status", "Sent")
    EMPTY = "empty", _("Nothing new: not sent")
    ACTIVE = "active", _("Active on the site: not sent")
    SKIPPED = "skipped", _("No longer receives digests: not sent")
    FAILED = "failed", pgettext_lazy("digest delivery status", "Failed")


# Statuses after which the member is up to date until the run's end: the next digest starts there.
COVERED_STATUSES = (DeliveryStatus.SENT, DeliveryStatus.EMPTY, DeliveryStatus.ACTIVE)


class DigestDeliveryQuerySet(models.QuerySet["DigestDelivery"]):
    def planned(self) -> Self:
        return self.filter(status=DeliveryStatus.PLANNED)

    def failed(self) -> Self:
        return self.filter(status=DeliveryStatus.FAILED)


class DigestDelivery(models.Model):
    """One member's digest for one run: what it covered, whether and when it was sent, and why not."""

    run = models.ForeignKey(
        DigestRun, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("run")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
        verbose_name=_("member"),
    )
    # Copied from the run so that the database itself refuses a second delivery for the same period.
    frequency = models.CharField(_("frequency"), max_length=10)
    period = models.CharField(_("period"), max_length=10)
    since = models.DateTimeField(_("new since"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PLANNED
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    # [{"key": "practices", "total": 4}, …]: what the email held (no titles: the member's data stays in the mail).
    sections = models.JSONField(_("sections"), default=list, blank=True)

    objects = DigestDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-run__period_end", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "frequency", "period"], name="digest_delivery_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="digest_delivery_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["run", "status"], name="digest_delivery_run_status")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.frequency} {self.period}"


class EmailChoiceSource(models.TextChoices):
    SETTINGS = "settings", _("The member's settings page")
    ONE_CLICK = "one-click", _("The unsubscribe link of an email")
    BOUNCE = "bounce", _("The address was refused")
    STAFF = "staff", _("Staff")


class EmailChoiceEvent(models.Model):
    """A recorded change of what the network emails a member: the digest frequency, its sections, immediate
    notifications, an unsubscribe from an email's link, an address set aside after a refusal."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_choice_events",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("what"), max_length=30)
    old_value = models.CharField(_("from"), max_length=200, blank=True)
    new_value = models.CharField(_("to"), max_length=200, blank=True)
    source = models.CharField(_("how"), max_length=10, choices=EmailChoiceSource.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("email choice")
        verbose_name_plural = _("email choices")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind}: {self.old_value} → {self.new_value}"
