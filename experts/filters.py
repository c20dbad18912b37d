"""The expert directory's filters and search: one ``FilterSet`` whose every state is a shareable URL.

Facet counts (``network.facets.facet_counts``) read the same filters, so a count always says how many experts
a click would show. Values of the wrong form, or outside a fixed list (regions, pillars, languages…), are
dropped rather than refused, so a stale or hand-edited link still shows a page; a well-formed key that matches
nothing (a country code no expert has) gives an empty result, which the page explains.
"""

from __future__ import annotations

from typing import Any, TypeVar

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import models
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from experts.models import (
    SPOKEN_LANGUAGES,
    Availability,
    ExpertProfile,
    OrganisationKind,
    ProfileLanguage,
)
from experts.search import name_key, search_query_text
from network.facets import KeysFilter, KeysOverlapFilter, country_code, row_id
from network.models import NetworkRegion, Pillar

# Directory sort orders: the value in the URL → its label (``ordered`` applies them).
SORTS: dict[str, Any] = {
    "relevance": _("Best match"),
    "name": _("Name"),
    "active": _("Recently active"),
}


class ExpertFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = KeysFilter(
        field_name="user__membership__country__network_region",
        choices=NetworkRegion.choices,
        label=_("Region"),
    )
    subregion = KeysFilter(field_name="user__membership__country__m49_subregion", label=_("Sub-region"))
    country = KeysFilter(field_name="user__membership__country", coerce=country_code, label=_("Country"))
    theme = KeysFilter(field_name="themes", coerce=row_id, method="filter_theme", label=_("Theme"))
    pillar = KeysOverlapFilter(field_name="pillars", choices=Pillar.choices, coerce=int, label=_("Pillar"))
    language = KeysFilter(
        field_name="languages__language",
        choices=SPOKEN_LANGUAGES,
        method="filter_language",
        label=_("Language"),
    )
    availability = KeysOverlapFilter(
        field_name="availability", choices=Availability.choices, label=_("Available for")
    )
    focal_point = django_filters.BooleanFilter(
        field_name="user__membership__is_focal_point", label=_("Focal points")
    )
    kind = KeysFilter(
        field_name="organisation__kind", choices=OrganisationKind.choices, label=_("Kind of organisation")
    )
    coe = django_filters.BooleanFilter(
        field_name="organisation__is_centre_of_excellence", label=_("Centres of Excellence")
    )

    class Meta:
        model = ExpertProfile
        fields: list[str] = []

    def search(self, queryset: models.QuerySet[Any], name: str, value: str) -> models.QuerySet[Any]:
        return search_profiles(queryset, value)

    def filter_theme(
        self, queryset: models.QuerySet[Any], name: str, value: list[int]
    ) -> models.QuerySet[Any]:
        # A subquery rather than a join: a profile with two selected themes is listed once, without DISTINCT.
        through = ExpertProfile.themes.through.objects.filter(theme_id__in=value)
        return queryset.filter(pk__in=through.values("expertprofile_id"))

    def filter_language(
        self, queryset: models.QuerySet[Any], name: str, value: list[str]
    ) -> models.QuerySet[Any]:
        spoken = ProfileLanguage.objects.filter(language__in=value)
        return queryset.filter(pk__in=spoken.values("profile_id"))


def search_profiles(queryset: models.QuerySet[Any], text: str) -> models.QuerySet[Any]:
    """Profiles matching a query, annotated with ``relevance``.

    Full text over the stored, weighted vector (accent-insensitive, any query syntax accepted by
    ``websearch_to_tsquery``), or a trigram match of the normalised name key or the pinyin key, so an
    Arabic name without diacritics, a Chinese name typed in pinyin or a name without its accents is found.
    """
    cleaned = search_query_text(text)
    key = name_key(cleaned)
    if not key:
        return queryset
    query = SearchQuery(
        models.Func(models.Value(cleaned), function="unaccent"), config="simple", search_type="websearch"
    )
    matches = (
        models.Q(search_vector=query)
        | models.Q(name_key__trigram_word_similar=key)
        | models.Q(name_latin__trigram_word_similar=key)
        | models.Q(name_key__contains=key)
    )
    relevance = SearchRank(models.F("search_vector"), query) + Greatest(
        TrigramWordSimilarity(key, "name_key"),
        TrigramWordSimilarity(key, "name_latin"),
    )
    return queryset.filter(matches).annotate(relevance=relevance)


_QuerySet = TypeVar("_QuerySet", bound=models.QuerySet[Any])


def ordered(queryset: _QuerySet, sort: str) -> _QuerySet:
    """The directory's order; ``relevance`` falls back to names when nothing was searched."""
    if sort == "relevance" and "relevance" in queryset.query.annotations:
        return queryset.order_by("-relevance", "name_key", "pk")
    if sort == "active":
        return queryset.order_by(models.F("last_active_at").desc(nulls_last=True), "name_key", "pk")
    return queryset.order_by("name_key", "pk")
