"""Quick updates (members-only, short) and news items (staff, public, with an Atom feed)."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.markdown import markdown_fields
from network.permissions import is_member

QUICK_UPDATE_MAX = 500


class QuickUpdateQuerySet(models.QuerySet["QuickUpdate"]):
    def visible_to(self, user: Any) -> Self:
        if getattr(user, "is_active", False) and getattr(user, "is_staff", False):
            return self.all()
        if not is_member(user):
            return self.none()
        return self.visible_to_every_member()

    def visible_to_every_member(self) -> Self:
        """What any member in good standing reads: every update a moderator did not hide."""
        return self.filter(is_hidden=False)


class QuickUpdate(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quick_updates", verbose_name=_("by")
    )
    body = models.TextField(_("update"), max_length=QUICK_UPDATE_MAX)
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)

    objects = QuickUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("quick update")
        verbose_name_plural = _("quick updates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.body[:60]


class NewsItemQuerySet(models.QuerySet["NewsItem"]):
    def published(self) -> Self:
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    body, body_html = markdown_fields(_("text"))
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, db_index=True, help_text=_("Empty: a draft only staff see.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", kwargs={"slug": self.slug})
