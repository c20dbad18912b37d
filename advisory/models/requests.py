"""Advisory requests: a member (a focal point may file for their institution) asks the network for help; UNOCT
staff triage the request, match it with experts and published offers, and record its outcome.

A request is confidential: only its requester, the network's staff and — when the requester allows it — the
experts invited to help ever see it (``AdvisoryRequestQuerySet.visible_to``). Its status changes only through the
shared workflow (``network.workflow.transition_apply``) via advisory/services/.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experts.models import SPOKEN_LANGUAGES
from network.markdown import markdown_fields
from network.models import Pillar
from network.notifications import NotificationEmail
from network.permissions import is_member
from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    MATCHING = "matching", _("Finding experts")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Modality(models.TextChoices):
    REMOTE_ADVICE = "remote-advice", _("Remote advice")
    IN_COUNTRY_TRAINING = "in-country-training", _("In-country training")
    POLICY_REVIEW = "policy-review", _("Policy or legislation review")
    PEER_EXCHANGE = "peer-exchange", _("Peer exchange or study visit")
    MENTORING = "mentoring", _("Mentoring")


class Timeframe(models.TextChoices):
    URGENT = "urgent", _("Urgent: within a month")
    QUARTER = "quarter", _("Within three months")
    HALF_YEAR = "half-year", _("Within six months")
    YEAR = "year", _("Within a year")
    FLEXIBLE = "flexible", _("Flexible")


class Confidentiality(models.TextChoices):
    STAFF = "staff", _("The network's staff only")
    MATCHED = "matched", _("The network's staff and the experts invited to help")


_S = RequestStatus
# Statuses in which the request waits for staff: the triage queue ("waiting since" = status_changed_at).
OPEN_STATUSES = frozenset({_S.NEW, _S.TRIAGED, _S.MATCHING, _S.IN_PROGRESS})
CLOSED_STATUSES = frozenset({_S.COMPLETED, _S.DECLINED, _S.WITHDRAWN})


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


class AdvisoryRequestQuerySet(models.QuerySet["AdvisoryRequest"]):
    def visible_to(self, user: Any) -> Self:
        """Staff see every request; a member sees their own requests and, when the requester allowed it, the
        requests they are invited to (still invited or accepted). Nobody else sees any: not other members, not
        visitors, applicants or suspended members (not even their own requests while suspended)."""
        if _is_staff(user):
            return self.all()
        if not is_member(user):
            return self.none()
        invited = Invitation.objects.filter(
            request=models.OuterRef("pk"),
            expert__user=user,
            status__in=[InvitationStatus.INVITED, InvitationStatus.ACCEPTED],
        )
        return self.filter(
            models.Q(requested_by=user)
            | models.Q(models.Exists(invited), confidentiality=Confidentiality.MATCHED)
        )

    def requested_by(self, user: Any) -> Self:
        return self.filter(requested_by=user)

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def awaiting_staff(self) -> Self:
        """What the triage queue counts as waiting for a decision."""
        return self.filter(status__in=[_S.NEW, _S.TRIAGED, _S.MATCHING])

    def completed(self) -> Self:
        return self.filter(status=_S.COMPLETED)


class AdvisoryRequest(Workflow, models.Model):
    """A request for advisory services, training or a peer exchange, in the requester's words."""

    Status = RequestStatus

    TRANSITIONS = transitions(
        # "file" is the creation step (no status before it): the requester is told their request arrived.
        Transition("file", _("File"), frozenset({""}), _S.NEW, "advisory_request_received"),
        Transition("triage", _("Triage"), frozenset({_S.NEW}), _S.TRIAGED, "advisory_request_triaged"),
        Transition(
            "start_matching",
            _("Start finding experts"),
            frozenset({_S.TRIAGED}),
            _S.MATCHING,
            "advisory_request_matching",
        ),
        Transition(
            "start", _("Start the work"), frozenset({_S.MATCHING}), _S.IN_PROGRESS, "advisory_request_started"
        ),
        Transition(
            "complete",
            _("Complete"),
            frozenset({_S.IN_PROGRESS}),
            _S.COMPLETED,
            "advisory_request_completed",
        ),
        Transition(
            "decline",
            _("Decline"),
            frozenset({_S.NEW, _S.TRIAGED, _S.MATCHING}),
            _S.DECLINED,
            "advisory_request_declined",
        ),
        # The requester withdraws; nobody needs an email for it (staff see it in the queue).
        Transition("withdraw", _("Withdraw"), frozenset({_S.NEW, _S.TRIAGED, _S.MATCHING}), _S.WITHDRAWN),
    )

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="advisory_requests",
        verbose_name=_("requested by"),
        help_text=_("Empty once the requester deleted their account."),
    )
    on_behalf_of_institution = models.BooleanField(
        _("filed by a focal point for their institution"), default=False
    )
    institution = models.CharField(
        _("requesting institution"),
        max_length=200,
        help_text=_("The ministry, agency or organisation that needs the help."),
    )
    country = models.ForeignKey(
        "network.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    title = models.CharField(
        _("request in one line"),
        max_length=160,
        help_text=_("E.g. “Review of our draft national action plan on preventing violent extremism”."),
    )
    # The form's help: what is needed, for whom, what has been tried, what would count as success.
    need, need_html = markdown_fields(_("the need, in your words"))
    themes = models.ManyToManyField("network.Theme", related_name="+", verbose_name=_("themes"), blank=True)
    pillars = ArrayField(
        models.PositiveSmallIntegerField(choices=Pillar.choices),
        verbose_name=_("pillars of the Strategy"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=8, choices=SPOKEN_LANGUAGES),
        verbose_name=_("preferred languages"),
        default=list,
        blank=True,
    )
    modality = models.CharField(_("kind of help"), max_length=30, choices=Modality.choices)
    timeframe = models.CharField(
        _("timeframe"), max_length=20, choices=Timeframe.choices, default=Timeframe.FLEXIBLE
    )
    confidentiality = models.CharField(
        _("who may read this request"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.STAFF,
        help_text=_("No other member ever sees your request."),
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=_S.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
        verbose_name=_("staff owner"),
    )
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Outcome: staff record what was delivered when they complete it; the requester rates it afterwards.
    outcome_summary = models.TextField(_("outcome recorded by staff"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("requester's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    what_changed = models.TextField(_("what changed, in the requester's words"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    objects = AdvisoryRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("advisory request")
        verbose_name_plural = _("advisory requests")
        ordering = ["-created_at", "-pk"]
        permissions = [("triage_advisoryrequest", _("Can triage, match and close advisory requests"))]
        constraints = [
            status_constraint(RequestStatus, name="advisory_request_status_valid"),
            models.CheckConstraint(
                condition=models.Q(modality__in=Modality.values), name="advisory_request_modality_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(timeframe__in=Timeframe.values), name="advisory_request_timeframe_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(confidentiality__in=Confidentiality.values),
                name="advisory_request_confidentiality_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="advisory_request_rating_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="advisory_request_queue"),
            GinIndex(fields=["pillars"], name="advisory_request_pillars"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("advisory:request_detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        """What staff and the requester quote in emails: ADV-2026-0042."""
        return f"ADV-{self.created_at:%Y}-{self.pk or 0:04d}"

    def get_pillars_display(self) -> list[Pillar]:
        return [Pillar(value) for value in self.pillars]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def can_be_rated(self) -> bool:
        return self.status == _S.COMPLETED and self.rated_at is None

    def notification_recipient(self) -> Any:
        return self.requested_by


class AdvisoryRequestEvent(AuditEvent):
    """A status change of a request (or, from == to, an audited change: owner, details), with the staff note."""

    SUBJECT_FIELD = "request"

    request = models.ForeignKey(
        AdvisoryRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("advisory request")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("request event")
        verbose_name_plural = _("request history")


class RequestNote(models.Model):
    """A staff member's internal note on a request: never shown to the requester or the experts."""

    request = models.ForeignKey(
        AdvisoryRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("advisory request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    body = models.TextField(_("internal note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


_I = InvitationStatus


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def for_expert(self, user: Any) -> Self:
        return self.filter(expert__user=user)

    def pending(self) -> Self:
        return self.filter(status=_I.INVITED)

    def accepted(self) -> Self:
        return self.filter(status=_I.ACCEPTED)


class Invitation(Workflow, models.Model):
    """Staff invite an expert to help with a request; the expert accepts or declines from a signed link."""

    Status = InvitationStatus

    TRANSITIONS = transitions(
        # The creation step: the expert is emailed the invitation with its signed link.
        Transition("invite", _("Invite"), frozenset({""}), _I.INVITED, "advisory_invitation"),
        Transition(
            "accept", _("Accept"), frozenset({_I.INVITED}), _I.ACCEPTED, "advisory_invitation_accepted"
        ),
        Transition(
            "decline", _("Decline"), frozenset({_I.INVITED}), _I.DECLINED, "advisory_invitation_declined"
        ),
        Transition(
            "withdraw",
            _("Withdraw the invitation"),
            frozenset({_I.INVITED, _I.ACCEPTED}),
            _I.WITHDRAWN,
            "advisory_invitation_withdrawn",
        ),
    )

    # The link in the invitation email carries the invitation and the invited member, signed with this salt.
    TOKEN_SALT = "advisory.invitation"  # noqa: S105 (a namespace for signing, not a secret)

    request = models.ForeignKey(
        AdvisoryRequest,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("advisory request"),
    )
    expert = models.ForeignKey(
        "experts.ExpertProfile",
        on_delete=models.CASCADE,
        related_name="advisory_invitations",
        verbose_name=_("expert"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    message = models.TextField(
        _("message to the expert"),
        help_text=_("What the help is about, in a few lines: the expert reads this before deciding."),
    )
    # Why the matching suggested this expert, as shown to staff when they invited them (list of strings).
    reasons = models.JSONField(_("why suggested"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InvitationStatus.choices, default=_I.INVITED
    )
    response_note = models.TextField(_("expert's note"), blank=True)
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["created_at", "pk"]
        constraints = [
            status_constraint(InvitationStatus, name="advisory_invitation_status_valid"),
            models.UniqueConstraint(fields=["request", "expert"], name="advisory_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.expert} → {self.request.reference}"

    def notification_recipient(self) -> Any:
        return self.expert.user


class InvitationEvent(AuditEvent):
    """A change of an invitation: sent, accepted, declined, withdrawn."""

    SUBJECT_FIELD = "invitation"

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="events", verbose_name=_("invitation")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=InvitationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=InvitationStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("invitation event")
        verbose_name_plural = _("invitation history")

    def notification_email(self) -> NotificationEmail | None:
        """Each step tells the one person it concerns: the expert is invited (with their signed link) or told
        the invitation was withdrawn; the requester learns who accepted; the staff owner who declined (nobody
        when the request has no owner). Nobody is written to once their account is gone or deactivated."""
        step = self.transition
        if step is None or not step.email_template:
            return None
        invitation = self.invitation
        advisory_request = invitation.request
        if step.name == "accept":
            recipient = advisory_request.requested_by
        elif step.name == "decline":
            recipient = advisory_request.owner
        else:  # invited, or the invitation withdrawn
            recipient = invitation.expert.user
        if recipient is None or not recipient.is_active:
            return None
        context: dict[str, Any] = {
            "event": self,
            "invitation": invitation,
            "advisory_request": advisory_request,
            "expert": invitation.expert,
        }
        if step.name == "invite":
            from advisory.services.invitations import (  # the services import the models
                TOKEN_MAX_AGE,
                invitation_token,
            )

            context["respond_path"] = reverse(
                "advisory:invitation_respond", kwargs={"token": invitation_token(invitation)}
            )
            context["link_days"] = TOKEN_MAX_AGE.days
        return NotificationEmail(recipient=recipient, template=step.email_template, context=context)


class ProposedOffer(models.Model):
    """Staff point a requester to a published offer that fits their request."""

    request = models.ForeignKey(
        AdvisoryRequest,
        on_delete=models.CASCADE,
        related_name="proposed_offers",
        verbose_name=_("advisory request"),
    )
    offer = models.ForeignKey(
        "advisory.Offer", on_delete=models.CASCADE, related_name="proposals", verbose_name=_("offer")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    reasons = models.JSONField(_("why suggested"), default=list, blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)

    class Meta:
        verbose_name = _("proposed offer")
        verbose_name_plural = _("proposed offers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="advisory_proposed_offer_once")
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} → {self.request_id}"
