"""The "South-South initiatives in CT/PVE" handbook: staff choose published practices in order and build a PDF.

A ``Handbook`` holds the front matter (title, introduction, the language it is written in) and its ordered
``HandbookEntry`` rows; only published practices can be added. Each request to build it is a ``HandbookBuild``
row that the Celery task (practices/tasks.py) moves from queued to running to done or failed, recording its
progress, the PDF (Django's storage API, under ``handbooks/``) and any error. Rendering: practices/handbook.py.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.markdown import markdown_fields

from .practice import GoodPractice, PracticeStatus


class Handbook(models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction, introduction_html = markdown_fields(_("introduction"), blank=True)
    language = models.CharField(
        _("language of the front matter"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The cover, introduction, contents and indexes; each practice keeps its own language."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("handbook")
        verbose_name_plural = _("handbooks")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def last_successful_build(self) -> HandbookBuild | None:
        """The PDF staff download: the newest build that finished (a failed build never replaces it)."""
        return (
            HandbookBuild.objects.filter(handbook=self).successful().order_by("-finished_at", "-pk").first()
        )


class HandbookEntry(models.Model):
    handbook = models.ForeignKey(
        Handbook, on_delete=models.CASCADE, related_name="entries", verbose_name=_("handbook")
    )
    practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.CASCADE,
        related_name="handbook_entries",
        verbose_name=_("good practice"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("practice in the handbook")
        verbose_name_plural = _("practices in the handbook")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handbook", "practice"], name="handbook_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.practice}"

    def clean(self) -> None:
        if self.practice_id is not None:
            status = GoodPractice.objects.filter(pk=self.practice_id).values_list("status", flat=True).first()
            if status != PracticeStatus.PUBLISHED:
                raise ValidationError(
                    {"practice": _("Only published practices can be added to the handbook.")}
                )


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class HandbookBuildQuerySet(models.QuerySet["HandbookBuild"]):
    def successful(self) -> Self:
        return self.filter(status=BuildStatus.DONE).exclude(file="")


class HandbookBuild(models.Model):
    """One request to build a handbook's PDF and what became of it."""

    Status = BuildStatus

    handbook = models.ForeignKey(
        Handbook, on_delete=models.CASCADE, related_name="builds", verbose_name=_("handbook")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    message = models.CharField(_("stage"), max_length=200, blank=True)
    file = models.FileField(_("PDF"), upload_to="handbooks/", blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = HandbookBuildQuerySet.as_manager()

    class Meta:
        verbose_name = _("handbook build")
        verbose_name_plural = _("handbook builds")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="handbook_build_progress_max"),
            models.CheckConstraint(
                condition=models.Q(status__in=BuildStatus.values), name="handbook_build_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.handbook} — {self.get_status_display()} ({self.progress}%)"

    @property
    def is_finished(self) -> bool:
        return self.status in {BuildStatus.DONE, BuildStatus.FAILED}

    def as_progress(self) -> dict[str, Any]:
        return {"status": self.status, "progress": self.progress, "message": self.message}
