"""Files attached to a good practice: reports, evaluations, pictures.

The shared ``network.models.Attachment`` (checked bytes, private storage, random stored name) with the practice
it belongs to, an optional title and description the submitter gives, and an order. Files are written and
removed only through practices/services/attachments.py (which uses network/attachments.py); readers reach
them only through ``practices.attachment_views`` after ``GoodPractice.objects.visible_to(user)``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from network.models import Attachment

from .practice import GoodPractice


class PracticeAttachment(Attachment):
    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("good practice")
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Shown instead of the file name when given.")
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta(Attachment.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "created_at", "pk"]

    @property
    def label(self) -> str:
        """What a reader sees as the link text: the title, else the file name."""
        return self.title or self.original_name
