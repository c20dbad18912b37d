"""The files of a practice in its admin page: read-only (files are added and removed through the services,
which also delete them from storage), each with a download link through the same view readers use — staff see
every practice there, so the visibility rule is the one tested for readers.

GoodPracticeAdmin adds ``PracticeAttachmentInline`` to its ``inlines``. Moderators need
``practices.view_practiceattachment`` to see it.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from network.admin.tools import ReadOnlyAdminMixin
from practices.models import PracticeAttachment


def attachment_download_url(attachment: PracticeAttachment) -> str:
    return reverse(
        "practices:attachment",
        kwargs={"slug": attachment.practice.slug, "pk": attachment.pk, "name": attachment.download_name},
    )


class PracticeAttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = PracticeAttachment
    fields = ("download", "title", "kind", "file_size", "uploaded_by", "created_at")
    readonly_fields = fields
    verbose_name = _("attachment")
    verbose_name_plural = _("attachments")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("practice", "uploaded_by")

    @admin.display(description=_("file"))
    def download(self, obj: PracticeAttachment) -> SafeString:
        return format_html(
            '<a href="{}">{}</a> <small>({})</small>',
            attachment_download_url(obj),
            obj.original_name,
            _("download"),
        )

    @admin.display(description=_("type"))
    def kind(self, obj: PracticeAttachment) -> str:
        return str(obj.kind_label)

    @admin.display(description=_("size"))
    def file_size(self, obj: PracticeAttachment) -> str:
        return obj.human_size
