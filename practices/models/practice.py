"""Good practices: what members submit, UNOCT staff moderate and everyone (or members only) reads.

A practice carries its own language; its search vector is built with that language's PostgreSQL text-search
configuration (``SEARCH_CONFIGS``), so each practice is stemmed as it was written (practices/search.py). Its status
changes only through the shared workflow (``network.workflow.transition_apply``) via practices/services/; each
submission keeps a ``PracticeVersion`` so the submitter and staff see what changed between rounds.
"""

from __future__ import annotations

import uuid
from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from experts.models import SPOKEN_LANGUAGES
from network.markdown import markdown_fields
from network.models import Pillar
from network.permissions import is_member
from network.visibility import Visibility, VisibilityModel, VisibilityQuerySet
from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions

# A practice's language → the PostgreSQL text-search configuration that stems it; any other language (Chinese
# among them, which PostgreSQL cannot stem) uses ``simple``.
SEARCH_CONFIGS: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "ru": "russian",
    "ar": "arabic",
    "id": "indonesian",
    "hi": "hindi",
    "tr": "turkish",
}
FIRST_YEAR = 1990
LAST_YEAR = 2100


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


class TargetGroup(models.TextChoices):
    YOUTH = "youth", _("Youth")
    WOMEN = "women", _("Women and girls")
    COMMUNITIES = "communities", _("Local communities")
    RELIGIOUS_LEADERS = "religious-leaders", _("Religious and community leaders")
    EDUCATORS = "educators", _("Teachers and educators")
    VICTIMS = "victims", _("Victims of terrorism")
    LAW_ENFORCEMENT = "law-enforcement", _("Police and law enforcement")
    JUSTICE = "justice", _("Prosecutors, judges and prison staff")
    BORDER = "border", _("Border and customs officials")
    FINANCIAL = "financial", _("Financial intelligence units and regulators")
    POLICYMAKERS = "policymakers", _("Policymakers and parliamentarians")
    CIVIL_SOCIETY = "civil-society", _("Civil society organisations")
    MEDIA = "media", _("Media and online platforms")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    RETURNEES = "returnees", _("Returnees, detainees and their families")


_S = PracticeStatus


class GoodPracticeQuerySet(VisibilityQuerySet["GoodPractice"]):
    """``visible_to(user)``: the shared rule on published practices; the submitter sees their own at any status
    (a page previews a draft), staff everything. Readers' lists use ``published().visible_to(user)``."""

    owner_field = "submitted_by"
    published_lookup = {"status": PracticeStatus.PUBLISHED}

    def published(self) -> Self:
        return self.filter(status=PracticeStatus.PUBLISHED)

    def awaiting_review(self) -> Self:
        return self.filter(status__in=[PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW])

    def submitted_by(self, user: Any) -> Self:
        return self.filter(submitted_by=user)


class GoodPractice(Workflow, VisibilityModel):
    """A good practice in countering terrorism or preventing violent extremism, in one language."""

    Status = PracticeStatus

    TRANSITIONS = transitions(
        Transition(
            "submit",
            _("Submit for review"),
            frozenset({_S.DRAFT, _S.CHANGES_REQUESTED}),
            _S.SUBMITTED,
            "practice_submitted",
        ),
        Transition("withdraw", _("Withdraw to draft"), frozenset({_S.SUBMITTED}), _S.DRAFT),
        Transition(
            "start_review", _("Start review"), frozenset({_S.SUBMITTED}), _S.IN_REVIEW, "practice_in_review"
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            frozenset({_S.SUBMITTED, _S.IN_REVIEW}),
            _S.CHANGES_REQUESTED,
            "practice_changes_requested",
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({_S.SUBMITTED, _S.IN_REVIEW}),
            _S.PUBLISHED,
            "practice_published",
        ),
        Transition(
            "reject", _("Reject"), frozenset({_S.SUBMITTED, _S.IN_REVIEW}), _S.REJECTED, "practice_rejected"
        ),
        Transition("archive", _("Archive"), frozenset({_S.PUBLISHED}), _S.ARCHIVED, "practice_archived"),
        Transition(
            "restore", _("Publish again"), frozenset({_S.ARCHIVED}), _S.PUBLISHED, "practice_restored"
        ),
    )

    # Readers are the public or the members: a practice is never private (the constraint below says so too).
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
    translation_group = models.UUIDField(
        _("translation group"),
        default=uuid.uuid4,
        db_index=True,
        help_text=_("Practices sharing this identifier are the same practice in different languages."),
    )
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,  # a draft may be unfinished; practice_submit requires it
        help_text=_("Two or three sentences: what was done, where, with what result."),
    )
    body, body_html = markdown_fields(_("description"), blank=True)
    countries = models.ManyToManyField(
        "network.Country", related_name="practices", verbose_name=_("countries"), blank=True
    )
    pillars = ArrayField(
        models.PositiveSmallIntegerField(choices=Pillar.choices),
        verbose_name=_("pillars of the Strategy"),
        default=list,
        blank=True,
    )
    themes = models.ManyToManyField(
        "network.Theme", related_name="practices", verbose_name=_("themes"), blank=True
    )
    keywords = TaggableManager(
        verbose_name=_("keywords"), blank=True, help_text=_("Free keywords, separated by commas.")
    )
    organisations = models.ManyToManyField(
        "experts.Organisation",
        related_name="practices",
        verbose_name=_("implementing organisations"),
        blank=True,
    )
    other_organisations = models.CharField(
        _("other implementing organisations"),
        max_length=300,
        blank=True,
        help_text=_("Organisations not in the network's directory, separated by commas."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("Leave empty if it is ongoing."),
    )
    target_groups = ArrayField(
        models.CharField(max_length=30, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    outcomes, outcomes_html = markdown_fields(_("outcomes and evidence"), blank=True)
    lessons, lessons_html = markdown_fields(_("lessons learned"), blank=True)
    safeguards, safeguards_html = markdown_fields(_("human rights and gender safeguards"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGES)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("submitted by"),
    )
    contact_experts = models.ManyToManyField(
        "experts.ExpertProfile",
        related_name="contact_for_practices",
        verbose_name=_("contact experts"),
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=PracticeStatus.choices, default=_S.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True, db_index=True)
    # Kept by practices/search.py whenever the text changes: weighted title A, summary B, the rest C, built with
    # the practice's language's configuration (SEARCH_CONFIGS).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta(VisibilityModel.Meta):
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-pk"]
        constraints = [
            *VisibilityModel.Meta.constraints,
            status_constraint(PracticeStatus, name="practice_status_valid"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]),
                name="practice_visibility_public_or_members",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="practice_period_ordered",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="practice_search_vector"),
            GinIndex(fields=["pillars"], name="practice_pillars"),
            GinIndex(fields=["target_groups"], name="practice_target_groups"),
            models.Index(fields=["status", "visibility", "-published_at"], name="practice_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def search_config(self) -> str:
        return SEARCH_CONFIGS.get(self.language, "simple")

    @property
    def is_right_to_left(self) -> bool:
        return self.language in {"ar", "fa", "ur"}

    def get_pillars_display(self) -> list[Pillar]:
        return [Pillar(value) for value in self.pillars]

    def is_editable_by(self, user: Any) -> bool:
        """The submitter edits a draft or a practice sent back for changes; nothing once it is in moderation."""
        return (
            user.is_authenticated
            and self.submitted_by_id == user.pk
            and self.status in {PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED}
        )

    def notification_recipient(self) -> Any:
        return self.submitted_by


class GoodPracticeEvent(AuditEvent):
    """A status change of a practice (or, from == to, an audited edit), with the moderator's note."""

    SUBJECT_FIELD = "practice"

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="events", verbose_name=_("good practice")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=PracticeStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PracticeStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation history")


class PracticeVersion(models.Model):
    """What the submitter sent at one submission, frozen: the submitter and staff compare rounds."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="versions", verbose_name=_("good practice")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    # Field name → value as submitted (text fields as written, relations as display names).
    data = models.JSONField(_("content"), default=dict)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["practice", "-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="practice_version_once")]

    def __str__(self) -> str:
        return f"{self.practice_id} v{self.number}"


class PracticeLink(models.Model):
    """A source or link: a report, an evaluation, a project page."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="links", verbose_name=_("good practice")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("source or link")
        verbose_name_plural = _("sources and links")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def by(self, user: Any) -> Self:
        return self.filter(endorser=user)


class Endorsement(models.Model):
    """A focal point vouches for a published practice: one each, the count shown on its page."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("good practice")
    )
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("focal point")
    )
    created_at = models.DateTimeField(_("endorsed at"), default=timezone.now)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["practice", "endorser"], name="endorsement_once")]

    def __str__(self) -> str:
        return f"{self.endorser_id} → {self.practice_id}"


def can_endorse(user: Any) -> bool:
    """Focal points who are members in good standing endorse practices."""
    return is_member(user) and bool(getattr(getattr(user, "membership", None), "is_focal_point", False))
