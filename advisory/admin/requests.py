"""Stub (helper B): the triage queue of advisory requests."""

from __future__ import annotations

from django.contrib import admin

from advisory.models import AdvisoryRequest

from .matching import InvitationInline, MatchingAdminMixin, ProposedOfferInline


@admin.register(AdvisoryRequest)
class AdvisoryRequestAdmin(MatchingAdminMixin):
    list_display = ["__str__", "status", "country", "created_at"]
    inlines = [InvitationInline, ProposedOfferInline]
