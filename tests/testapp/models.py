"""A stand-in for the feature models (expert profiles, practices): visibility, an owner, a country, themes and
pillars, as they will have them, and attachments. Test-only: installed by tests/settings.py, tables made without migrations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from network.markdown import markdown_fields
from network.models import Attachment, Pillar
from network.visibility import VisibilityModel, VisibilityQuerySet


class ItemQuerySet(VisibilityQuerySet["Item"]):
    owner_field = "owner"


class Item(VisibilityModel):
    title = models.CharField(max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey("network.Country", null=True, on_delete=models.PROTECT, related_name="+")
    themes = models.ManyToManyField("network.Theme", blank=True, related_name="+")
    pillars = ArrayField(models.PositiveSmallIntegerField(choices=Pillar.choices), default=list, blank=True)
    body, body_html = markdown_fields("body", blank=True)

    objects = ItemQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title


class ItemAttachment(Attachment):
    """A concrete attachment, as ``practices.PracticeAttachment`` will be: the abstract model plus its owner."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
