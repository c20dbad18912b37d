"""The full CSV export for staff: every field of the chosen practices, whatever their status or visibility,
with stable identifiers (the row id and the translation group), through network/admin/csv.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from network.admin.csv import csv_response
from network.models import NetworkRegion, Pillar
from practices.models import GoodPractice, TargetGroup

EXPORT_COLUMNS = [
    _("Id"), _("Translation group"), _("Address"), _("Title"), _("Status"), _("Visibility"), _("Language"),
    _("Summary"), _("Description"), _("Outcomes and evidence"), _("Lessons learned"),
    _("Human rights and gender safeguards"), _("Country codes"), _("Countries"), _("Network regions"),
    _("Pillars"), _("Themes"), _("Keywords"), _("Implementing organisations"),
    _("Other implementing organisations"), _("Start year"), _("End year"), _("Target groups"),
    _("Submitted by"), _("Submitter's email"), _("Contact experts"), _("Sources and links"), _("Endorsements"),
    _("Created at"), _("Updated at"), _("Submitted at"), _("First published at"),
]  # fmt: skip
CHUNK = 500


def _when(value: Any) -> str:
    return value.isoformat() if value else ""


def _join(values: Any) -> str:
    return "; ".join(str(value) for value in values)


def export_rows(queryset: QuerySet[GoodPractice]) -> Iterator[list[Any]]:
    """The header, then one row per practice: a fixed number of queries per chunk of rows."""
    yield [str(label) for label in EXPORT_COLUMNS]
    regions = dict(NetworkRegion.choices)
    groups = dict(TargetGroup.choices)
    practices = (
        queryset.order_by("pk")
        .select_related("submitted_by")
        .prefetch_related(  # type: ignore[misc]  # taggit's manager does prefetch
            "countries", "themes", "keywords", "organisations", "links", "contact_experts__user"
        )
        .annotate(endorsement_count=Count("endorsements", distinct=True))
    )
    for p in practices.iterator(chunk_size=CHUNK):
        countries = list(p.countries.all())
        submitter = p.submitted_by
        yield [
            p.pk, p.translation_group, p.slug, p.title, p.get_status_display(), p.get_visibility_display(),
            p.get_language_display(), p.summary, p.body, p.outcomes, p.lessons, p.safeguards,
            _join(c.code for c in countries), _join(c.name for c in countries),
            _join(sorted({str(regions.get(c.network_region, "")) for c in countries if c.network_region})),
            _join(Pillar(value).label for value in p.pillars), _join(t.name for t in p.themes.all()),
            _join(tag.name for tag in p.keywords.all()), _join(o.name for o in p.organisations.all()),
            p.other_organisations, p.start_year or "", p.end_year or "",
            _join(groups.get(value, value) for value in p.target_groups),
            submitter.full_name if submitter else "", submitter.email if submitter else "",
            _join(e.user.full_name for e in p.contact_experts.all()),
            _join(f"{link.title} <{link.url}>" for link in p.links.all()), p.endorsement_count,
            _when(p.created_at), _when(p.updated_at), _when(p.submitted_at), _when(p.published_at),
        ]  # fmt: skip


@admin.action(description=_("Export the selected practices as CSV (all fields)"), permissions=["export"])
def export_csv(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet[GoodPractice]
) -> StreamingHttpResponse:
    # The changelist's annotations and ordering are not needed: a plain queryset of the same rows.
    chosen = GoodPractice.objects.filter(pk__in=queryset.values("pk"))
    return csv_response(export_rows(chosen), filename="good-practices")
