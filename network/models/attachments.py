"""The abstract ``Attachment``: a file checked by ``network.attachments.attachment_prepare``, stored under a
random name in the private ``attachments`` storage. A feature app subclasses it with a foreign key to what
the file belongs to (``practices.PracticeAttachment(practice=…)``); files are written and deleted only by the
services in ``network/attachments.py``.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network.storage import attachment_storage


class AttachmentKind(NamedTuple):
    label: Promise  # what a reader calls it: "PDF document"
    icon: str  # a name for the template's inline SVG: pdf, document, spreadsheet, image
    extension: str  # the one the stored file and the download get
    extensions: frozenset[str]  # names a download may keep as they are (".jpeg" for a JPEG)


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

ATTACHMENT_KINDS: dict[str, AttachmentKind] = {
    PDF: AttachmentKind(_("PDF document"), "pdf", ".pdf", frozenset({".pdf"})),
    DOCX: AttachmentKind(_("Word document"), "document", ".docx", frozenset({".docx"})),
    XLSX: AttachmentKind(_("Excel spreadsheet"), "spreadsheet", ".xlsx", frozenset({".xlsx"})),
    PNG: AttachmentKind(_("PNG image"), "image", ".png", frozenset({".png"})),
    JPEG: AttachmentKind(_("JPEG image"), "image", ".jpg", frozenset({".jpg", ".jpeg"})),
}


class Attachment(models.Model):
    file = models.FileField(_("file"), storage=attachment_storage, max_length=200, editable=False)
    original_name = models.CharField(
        _("file name"), max_length=255, help_text=_("As the member's computer named it, cleaned for display.")
    )
    content_type = models.CharField(
        _("type"), max_length=100, choices=[(t, k.label) for t, k in ATTACHMENT_KINDS.items()], editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def kind(self) -> AttachmentKind:
        return ATTACHMENT_KINDS[self.content_type]

    @property
    def kind_label(self) -> Promise:
        return self.kind.label

    @property
    def icon(self) -> str:
        return self.kind.icon

    @property
    def human_size(self) -> str:
        return str(filesizeformat(self.size))

    @property
    def download_name(self) -> str:
        """The original name, ending in the extension of what the file really is."""
        extension = os.path.splitext(self.original_name)[1]
        if extension.lower() in self.kind.extensions:
            return self.original_name
        return f"{self.original_name or 'attachment'}{self.kind.extension}"
