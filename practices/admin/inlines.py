"""What a practice's change page shows under its content: sources (staff correct them), and, read-only, the
moderation history, each submitted version and the focal points' endorsements."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from network.admin.tools import URL_HTTPS, ReadOnlyAdminMixin
from practices.models import Endorsement, GoodPractice, GoodPracticeEvent, PracticeLink, PracticeVersion


class PracticeLinkInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PracticeLink
    extra = 0
    fields = ["title", "url", "position"]
    formfield_overrides = URL_HTTPS


class GoodPracticeEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = GoodPracticeEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[GoodPracticeEvent]:
        return super().get_queryset(request).select_related("actor")


def _version_value(name: str, value: Any) -> SafeString:
    """One submitted field as a person reads it: lists joined, links as "title — address", text with its
    line breaks."""
    if name == "links":
        return format_html_join(
            "", "<div>{} — {}</div>", ((link.get("title", ""), link.get("url", "")) for link in value or [])
        )
    if isinstance(value, list):
        return format_html("{}", ", ".join(map(str, value)))
    return SafeString(linebreaksbr("" if value is None else str(value)))


def _version_label(name: str) -> str:
    try:
        field = GoodPractice._meta.get_field(name)
    except Exception:
        return name.replace("_", " ")
    label = getattr(field, "verbose_name", None)
    if label is None and field.related_model is not None:
        label = field.related_model._meta.verbose_name_plural
    return str(label or name)


class PracticeVersionInline(ReadOnlyAdminMixin, admin.StackedInline):  # type: ignore[type-arg]
    model = PracticeVersion
    fields = readonly_fields = ("number", "created_at", "created_by", "content")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PracticeVersion]:
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("content as submitted"))
    def content(self, obj: PracticeVersion) -> SafeString:
        rows = (
            format_html(
                '<dt><strong>{}</strong></dt><dd dir="auto">{}</dd>',
                _version_label(name).capitalize(),
                _version_value(name, value),
            )
            for name, value in obj.data.items()
            if value not in ("", None, [])
        )
        return format_html("<dl>{}</dl>", SafeString("".join(rows)))


class EndorsementInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Endorsement
    fields = readonly_fields = ("endorser", "created_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Endorsement]:
        return super().get_queryset(request).select_related("endorser")
