"""Discussion categories: seeded (forums/forum_data.py), staff-editable, each linked to themes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forums.forum_data import CATEGORY_NAMES


class Category(models.Model):
    slug = models.SlugField(_("address"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField("network.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Kept by the posting services in the same transaction as the post (visible content only).
    thread_count = models.PositiveIntegerField(_("threads"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_post = models.ForeignKey(
        "forums.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language when it is one of the seeded categories."""
        return gettext(self.name) if self.name in CATEGORY_NAMES else self.name
