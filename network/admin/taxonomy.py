from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from network.models import Country, Pillar, Theme


class ThemeAdminForm(forms.ModelForm):
    pillars = forms.TypedMultipleChoiceField(
        label=_("pillars"),
        choices=Pillar.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The pillars of the Global Counter-Terrorism Strategy this theme belongs to."),
    )

    class Meta:
        model = Theme
        fields = ["name", "slug", "description", "pillars", "position", "is_active"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = ThemeAdminForm
    list_display = ["name", "slug", "pillar_numerals", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("pillars"))
    def pillar_numerals(self, obj: Theme) -> str:
        return ", ".join(p.numeral for p in obj.get_pillars_display())


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "m49_subregion", "network_region", "in_network"]
    list_editable = ["network_region", "in_network"]
    list_filter = ["in_network", "network_region", "m49_region", "is_ldc", "is_lldc", "is_sids", "is_g77"]
    search_fields = ["code", "m49", "m49_subregion"]
    readonly_fields = [
        "code",
        "m49",
        "m49_region",
        "m49_subregion",
        "m49_intermediate",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_g77",
    ]
    ordering = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
