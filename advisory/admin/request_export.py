"""The CSV export of advisory requests for staff reporting, through network/admin/csv.py.

What leaves the admin in a spreadsheet is deliberately less than the change page shows: the classification, the
people, the dates and the outcome — not the need in the requester's words and never an internal note (a file
travels further than a page; whoever needs the need reads it in the admin).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from advisory.models import AdvisoryRequest, InvitationStatus
from experts.models import SPOKEN_LANGUAGES
from network.admin.csv import csv_response
from network.models import NetworkRegion, Pillar

EXPORT_COLUMNS = [
    _("Id"), _("Reference"), _("Title"), _("Status"), _("Requesting institution"),
    _("Filed for the institution by a focal point"), _("Country code"), _("Country"), _("Network region"),
    _("Themes"), _("Pillars"), _("Preferred languages"), _("Kind of help"), _("Timeframe"),
    _("Who may read it"), _("Requested by"), _("Requester's email"), _("Owner"), _("Experts invited"),
    _("Experts who accepted"), _("Offers proposed"), _("Filed at"), _("Status since"), _("Completed at"),
    _("Outcome"), _("Rating"), _("What changed"), _("Rated at"),
]  # fmt: skip
CHUNK = 500


def _when(value: Any) -> str:
    return value.isoformat() if value else ""


def _join(values: Any) -> str:
    return "; ".join(str(value) for value in values)


def export_rows(queryset: QuerySet[AdvisoryRequest]) -> Iterator[list[Any]]:
    """The header, then one row per request: a fixed number of queries per chunk of rows."""
    yield [str(label) for label in EXPORT_COLUMNS]
    regions = dict(NetworkRegion.choices)
    languages = dict(SPOKEN_LANGUAGES)
    requests = (
        queryset.order_by("pk")
        .select_related("country", "requested_by", "owner")
        .prefetch_related("themes")
        .annotate(
            invited=Count("invitations", distinct=True),
            accepted=Count(
                "invitations", filter=Q(invitations__status=InvitationStatus.ACCEPTED), distinct=True
            ),
            proposed=Count("proposed_offers", distinct=True),
        )
    )
    for r in requests.iterator(chunk_size=CHUNK):
        requester, owner = r.requested_by, r.owner
        yield [
            r.pk, r.reference, r.title, r.get_status_display(), r.institution, str(_("yes")) if r.on_behalf_of_institution else "",
            r.country.code, r.country.name, regions.get(r.country.network_region, ""),
            _join(t.name for t in r.themes.all()), _join(Pillar(value).label for value in r.pillars),
            _join(languages.get(code, code) for code in r.languages), r.get_modality_display(),
            r.get_timeframe_display(), r.get_confidentiality_display(),
            requester.full_name if requester else "", requester.email if requester else "",
            owner.display_name if owner else "", r.invited, r.accepted, r.proposed,
            _when(r.created_at), _when(r.status_changed_at), _when(r.completed_at),
            r.outcome_summary, r.rating or "", r.what_changed, _when(r.rated_at),
        ]  # fmt: skip


@admin.action(description=_("Export the selected requests as CSV"), permissions=["export"])
def export_csv(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet[AdvisoryRequest]
) -> StreamingHttpResponse:
    # The changelist's annotations and ordering are not needed: a plain queryset of the same rows.
    chosen = AdvisoryRequest.objects.filter(pk__in=queryset.values("pk"))
    return csv_response(export_rows(chosen), filename="advisory-requests")
