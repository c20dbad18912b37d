from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from network.models import Country, Pillar, Theme
from network.models.taxonomy import m49_area_label


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
    list_display = ["label", "slug", "pillar_numerals", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("name"), ordering="name")
    def label(self, obj: Theme) -> str:
        return obj.label  # curated names in the reader's language; the form edits the stored name

    @admin.display(description=_("pillars"))
    def pillar_numerals(self, obj: Theme) -> str:
        return ", ".join(p.numeral for p in obj.get_pillars_display())


class M49RegionFilter(admin.SimpleListFilter):
    """The M49 regions present, named in the reader's language."""

    title = _("M49 region")
    parameter_name = "m49_region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        values = Country.objects.exclude(m49_region="").values_list("m49_region", flat=True).distinct()
        return sorted(((value, m49_area_label(value)) for value in values), key=lambda choice: choice[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Country]) -> QuerySet[Country]:
        choices = {value for value, _label in self.lookup_choices}
        if self.value() in choices:
            return queryset.filter(m49_region=self.value())
        return queryset


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "m49_subregion_label", "network_region", "in_network"]
    list_editable = ["network_region", "in_network"]
    list_filter = ["in_network", "network_region", M49RegionFilter, "is_ldc", "is_lldc", "is_sids", "is_g77"]
    search_fields = ["code", "m49", "m49_subregion"]
    readonly_fields = [
        "code",
        "m49",
        "m49_region_label",
        "m49_subregion_label",
        "m49_intermediate_label",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_g77",
    ]
    # The M49 names are stored in English and shown in the reader's language (network/taxonomy_data.py).

    @admin.display(description=_("M49 region"), ordering="m49_region")
    def m49_region_label(self, obj: Country) -> str:
        return obj.get_m49_region_display()

    @admin.display(description=_("M49 sub-region"), ordering="m49_subregion")
    def m49_subregion_label(self, obj: Country) -> str:
        return obj.get_m49_subregion_display()

    @admin.display(description=_("M49 intermediate region"), ordering="m49_intermediate")
    def m49_intermediate_label(self, obj: Country) -> str:
        return obj.get_m49_intermediate_display()

    ordering = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
