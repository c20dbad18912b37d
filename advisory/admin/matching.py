"""Stub (helper C): the suggestions page of a request (ranked experts and offers with reasons, invite / propose)
and the inlines listing invitations and proposed offers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from advisory.models import Invitation, ProposedOffer
from network.admin.tools import ReadOnlyAdminMixin


class InvitationInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Invitation
    fields = ["expert", "status", "created_at", "responded_at"]


class ProposedOfferInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = ProposedOffer
    fields = ["offer", "created_at"]


class MatchingAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Adds ``<id>/match/`` (URL name ``admin:advisory_advisoryrequest_match``) to the request admin."""

    def get_urls(self) -> list[Any]:
        match = path(
            "<path:object_id>/match/",
            self.admin_site.admin_view(self.match_view),
            name="advisory_advisoryrequest_match",
        )
        return [match, *super().get_urls()]

    def match_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        raise Http404
