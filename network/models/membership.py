"""Membership of the network: an application, staff decisions, and the audit trail of every decision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions


class MembershipQuerySet(models.QuerySet["Membership"]):
    def pending(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.APPLIED)

    def approved(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.APPROVED, user__is_active=True)

    def for_admin(self) -> MembershipQuerySet:
        return self.select_related("user", "country", "decided_by")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class Membership(Workflow, models.Model):
    Status = MembershipStatus

    # Which decision may follow which; only transition_apply (network/workflow.py) changes the status, and the
    # email a member receives is named by the transition, not worked out in the template.
    TRANSITIONS = transitions(
        Transition(
            "approve", _("Approve"), frozenset({Status.APPLIED}), Status.APPROVED, "membership_approved"
        ),
        Transition(
            "reject", _("Reject"), frozenset({Status.APPLIED}), Status.REJECTED, "membership_rejected"
        ),
        Transition(
            "suspend", _("Suspend"), frozenset({Status.APPROVED}), Status.SUSPENDED, "membership_suspended"
        ),
        Transition(
            "reinstate",
            _("Reinstate"),
            frozenset({Status.SUSPENDED}),
            Status.APPROVED,
            "membership_reinstated",
        ),
        Transition("apply_again", _("Apply again"), frozenset({Status.REJECTED}), Status.APPLIED),
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLIED)
    country = models.ForeignKey(
        "network.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    themes = models.ManyToManyField("network.Theme", related_name="+", verbose_name=_("themes of expertise"))
    motivation = models.TextField(_("motivation"))
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_(
            "A national or institutional focal point, flagged by staff: shown with a badge; may endorse"
            " practices."
        ),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["applied_at"]
        indexes = [
            models.Index(fields=["status", "applied_at"]),
            # The members' home lists the newest members: read in order from here, not sorted from all of them.
            models.Index(fields=["status", "-decided_at"], name="membership_newest"),
        ]
        permissions = [("decide_membership", _("Can approve, reject, suspend or reinstate memberships"))]
        constraints = [
            status_constraint(MembershipStatus, name="membership_status_valid"),
            models.CheckConstraint(
                condition=models.Q(status="applied") | models.Q(decided_at__isnull=False),
                name="membership_decision_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    def notification_recipient(self) -> Any:
        return self.user

    @property
    def accepts_application(self) -> bool:
        """The applicant may still edit it (waiting) or apply again (a transition back to applied)."""
        return self.status == self.Status.APPLIED or self.can_become(self.Status.APPLIED)


class MembershipEvent(AuditEvent):
    """One row per state change of a membership (or details change, from == to): who, from → to, why, when."""

    SUBJECT_FIELD = "membership"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=Membership.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Membership.Status.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
