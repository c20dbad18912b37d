"""Offers: Southern partners offer a training course, a study visit, mentoring, expert time or an in-kind
contribution; UNOCT staff publish them (the shared workflow); members browse them and register interest, which the
offerer and staff see."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experts.models import SPOKEN_LANGUAGES
from network.markdown import markdown_fields
from network.models import Pillar
from network.visibility import Visibility, VisibilityModel, VisibilityQuerySet
from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions


class OfferKind(models.TextChoices):
    TRAINING = "training", _("Training course")
    STUDY_VISIT = "study-visit", _("Study visit")
    MENTORING = "mentoring", _("Mentoring")
    EXPERT_TIME = "expert-time", _("Expert time")
    IN_KIND = "in-kind", _("In-kind contribution")


class Delivery(models.TextChoices):
    REMOTE = "remote", _("Remote")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("Remote and in person")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


_S = OfferStatus


class OfferQuerySet(VisibilityQuerySet["Offer"]):
    """``visible_to(user)``: the shared rule on published offers; the offerer sees their own at any status."""

    owner_field = "offered_by"
    published_lookup = {"status": _S.PUBLISHED}

    def published(self) -> Self:
        return self.filter(status=_S.PUBLISHED)

    def awaiting_review(self) -> Self:
        return self.filter(status=_S.SUBMITTED)

    def offered_by(self, user: Any) -> Self:
        return self.filter(offered_by=user)


class Offer(Workflow, VisibilityModel):
    """What a member or their organisation offers to Southern partners."""

    Status = OfferStatus

    TRANSITIONS = transitions(
        Transition(
            "submit",
            _("Submit for review"),
            frozenset({_S.DRAFT, _S.CHANGES_REQUESTED}),
            _S.SUBMITTED,
            "advisory_offer_submitted",
        ),
        Transition("withdraw", _("Withdraw to draft"), frozenset({_S.SUBMITTED}), _S.DRAFT),
        Transition(
            "request_changes",
            _("Request changes"),
            frozenset({_S.SUBMITTED}),
            _S.CHANGES_REQUESTED,
            "advisory_offer_changes_requested",
        ),
        Transition(
            "publish", _("Publish"), frozenset({_S.SUBMITTED}), _S.PUBLISHED, "advisory_offer_published"
        ),
        Transition("reject", _("Reject"), frozenset({_S.SUBMITTED}), _S.REJECTED, "advisory_offer_rejected"),
        Transition("close", _("Close"), frozenset({_S.PUBLISHED}), _S.CLOSED, "advisory_offer_closed"),
        Transition("reopen", _("Publish again"), frozenset({_S.CLOSED}), _S.PUBLISHED),
    )

    # Members browse offers; the offerer may open one to the public too. Never private once published.
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=[
            (Visibility.PUBLIC, Visibility.PUBLIC.label),
            (Visibility.MEMBERS, Visibility.MEMBERS.label),
        ],
        default=Visibility.MEMBERS,
        db_index=True,
        help_text=_("Who can see this."),
    )
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("Two or three sentences: what, for whom, how.")
    )
    description, description_html = markdown_fields(_("description"), blank=True)
    kind = models.CharField(_("what is offered"), max_length=20, choices=OfferKind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.REMOTE
    )
    themes = models.ManyToManyField("network.Theme", related_name="+", verbose_name=_("themes"), blank=True)
    pillars = ArrayField(
        models.PositiveSmallIntegerField(choices=Pillar.choices),
        verbose_name=_("pillars of the Strategy"),
        default=list,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=8, choices=SPOKEN_LANGUAGES),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_offers",
        verbose_name=_("offered by"),
    )
    organisation = models.ForeignKey(
        "experts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_offers",
        verbose_name=_("offering organisation"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    on_request = models.BooleanField(_("dates on request"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("How many participants or requests; empty if open.")
    )
    eligibility = models.CharField(
        _("who may apply"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Officials of financial intelligence units in West Africa”."),
    )
    status = models.CharField(_("status"), max_length=20, choices=OfferStatus.choices, default=_S.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True, db_index=True)

    objects = OfferQuerySet.as_manager()

    class Meta(VisibilityModel.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-published_at", "-pk"]
        constraints = [
            *VisibilityModel.Meta.constraints,
            status_constraint(OfferStatus, name="advisory_offer_status_valid"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]),
                name="advisory_offer_visibility_public_or_members",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=OfferKind.values), name="advisory_offer_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values), name="advisory_offer_delivery_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="advisory_offer_dates_ordered",
            ),
        ]
        indexes = [
            GinIndex(fields=["pillars"], name="advisory_offer_pillars"),
            models.Index(fields=["status", "visibility", "-published_at"], name="advisory_offer_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advisory:offer_detail", kwargs={"slug": self.slug})

    def get_pillars_display(self) -> list[Pillar]:
        return [Pillar(value) for value in self.pillars]

    def is_editable_by(self, user: Any) -> bool:
        return (
            user.is_authenticated
            and self.offered_by_id == user.pk
            and self.status in {_S.DRAFT, _S.CHANGES_REQUESTED}
        )

    def notification_recipient(self) -> Any:
        return self.offered_by


class OfferEvent(AuditEvent):
    """A status change of an offer (or, from == to, an audited staff edit), with the moderator's note."""

    SUBJECT_FIELD = "offer"

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events", verbose_name=_("offer"))
    from_status = models.CharField(_("from"), max_length=20, choices=OfferStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OfferStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("offer event")
        verbose_name_plural = _("offer history")


class OfferInterest(models.Model):
    """A member would like to take part in an offer; the offerer and staff see who."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="interests", verbose_name=_("offer")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="advisory_interests",
        verbose_name=_("member"),
    )
    message = models.TextField(
        _("message to the offerer"), blank=True, help_text=_("Who you are and why this would help.")
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("registered interest")
        verbose_name_plural = _("registered interests")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "member"], name="advisory_interest_once")]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.offer_id}"
