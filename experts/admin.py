"""Expert profiles and organisations for staff: search, the shared region/country filters, CSV export.

A profile's name, country and focal-point status live on the user and membership (edited in the membership
admin); here staff set what only they decide — the organisation link, visibility when a profile must come
down — and organisations' Centre of Excellence flag. Every save refreshes the directory's search keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from experts.models import Availability, ExpertProfile, Organisation, ProfileLanguage, ProfileLink
from experts.search import profile_search_refresh
from network.admin.csv import csv_response
from network.admin.tools import (
    URL_HTTPS,
    ChoiceListFilter,
    CountryFilter,
    RegionFilter,
    ThemeFilter,
    person_html,
)
from network.markdown import markdown_render


class FocalPointFilter(ChoiceListFilter):
    title = _("focal point")
    parameter_name = "focal_point"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.chosen()
        if value is None:
            return queryset
        return queryset.filter(user__membership__is_focal_point=value == "yes")


class LanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


class LinkInline(admin.TabularInline):
    model = ProfileLink
    extra = 0
    formfield_overrides = URL_HTTPS


EXPORT_COLUMNS = [
    _("Name"), _("Email"), _("Country"), _("Network region"), _("Position"), _("Organisation"),
    _("Organisation in the directory"), _("Centre of Excellence"), _("Focal point"), _("Headline"),
    _("Themes"), _("Languages"), _("Available for"), _("Visibility"), _("Membership"), _("Last active"),
]  # fmt: skip


def _export_rows(queryset: QuerySet[ExpertProfile]) -> Iterator[list[Any]]:
    yield [str(label) for label in EXPORT_COLUMNS]
    for p in queryset.select_related(
        "user", "user__membership", "user__membership__country", "organisation"
    ).prefetch_related("themes", "languages"):
        membership = getattr(p.user, "membership", None)
        country = membership.country if membership else None
        yield [
            p.user.full_name, p.user.email, country.name if country else "",
            country.get_network_region_display() if country else "",
            membership.position if membership else "", membership.organisation if membership else "",
            p.organisation or "", p.organisation.is_centre_of_excellence if p.organisation else False,
            membership.is_focal_point if membership else False, p.headline,
            "; ".join(t.name for t in p.themes.all()), "; ".join(str(x) for x in p.languages.all()),
            "; ".join(str(dict(Availability.choices).get(a, a))
                      for a in p.availability),
            p.get_visibility_display(), membership.get_status_display() if membership else "",
            p.last_active_at.isoformat() if p.last_active_at else "",
        ]  # fmt: skip


@admin.action(description=_("Export the selected profiles as CSV"), permissions=["export"])
def export_csv(
    modeladmin: Any, request: HttpRequest, queryset: QuerySet[ExpertProfile]
) -> StreamingHttpResponse:
    return csv_response(_export_rows(queryset), filename="expert-profiles")


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "country", "organisation", "visibility", "contact_enabled", "last_active_at"]
    list_filter = [
        RegionFilter.for_path("user__membership__country__network_region"),
        CountryFilter.for_path("user__membership__country"),
        ThemeFilter.for_path("themes"),
        FocalPointFilter,
        ("organisation__is_centre_of_excellence", admin.BooleanFieldListFilter),
        "visibility",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "user__full_name",
        "user__email",
        "headline",
        "user__membership__organisation",
        "organisation__name",
    ]
    actions = [export_csv]
    autocomplete_fields = ["organisation"]
    fields = [
        "user", "slug", "visibility", "organisation", "headline", "bio", "themes", "pillars",
        "years_of_experience", "availability", "phone", "photo", "contact_enabled", "last_active_at",
    ]  # fmt: skip
    readonly_fields = ["user", "bio", "photo", "last_active_at"]
    filter_horizontal = ["themes"]
    inlines = [LanguageInline, LinkInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ExpertProfile]:
        return (
            super()
            .get_queryset(request)
            .select_related("user", "user__membership", "user__membership__country", "organisation")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # profiles are created by approving a membership

    def has_export_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("experts.view_expertprofile"))

    @admin.display(description=_("member"), ordering="user__full_name")
    def person(self, obj: ExpertProfile) -> str:
        membership = getattr(obj.user, "membership", None)
        return person_html(obj.user, focal_point=bool(membership and membership.is_focal_point), email=True)

    @admin.display(description=_("country"), ordering="user__membership__country__code")
    def country(self, obj: ExpertProfile) -> str:
        membership = getattr(obj.user, "membership", None)
        return membership.country.name if membership and membership.country else "—"

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        profile_search_refresh(profile_ids=[form.instance.pk])


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "is_centre_of_excellence"]
    list_filter = [
        "is_centre_of_excellence",
        "kind",
        RegionFilter.for_path("country__network_region"),
        CountryFilter.for_path("country"),
    ]
    list_editable = ["is_centre_of_excellence"]
    formfield_overrides = URL_HTTPS
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "acronym",
        "slug",
        "kind",
        "country",
        "website",
        "description",
        "is_centre_of_excellence",
    ]

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        obj.description_html = markdown_render(obj.description)
        super().save_model(request, obj, form, change)
        profile_search_refresh(profile_ids=obj.experts.values_list("pk", flat=True))


from experts import admin_contact as admin_contact  # noqa: E402  (registers messages and blocks)
