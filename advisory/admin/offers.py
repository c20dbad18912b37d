"""Stub (helper D): the offers moderation queue."""

from __future__ import annotations

from django.contrib import admin

from advisory.models import Offer


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "status", "kind"]
