"""The good-practices list's filters, search and sort orders: one ``FilterSet`` whose every state is a URL.

Facet counts (``network.facets.facet_counts``) read the same filters, so a count says how many practices a
click would show. Filters on many-valued relations (countries, themes, organisations) are subqueries, never
joins, so a practice in two selected countries is listed — and counted — once. Values of the wrong form are
dropped (a stale link still shows a page); a well-formed value that matches nothing gives an empty result.

**Years.** A practice counts for every year it ran: ``start_year ≤ year ≤ end_year``, an ongoing one (no end
year) up to the current year, so "2021" lists what was happening in 2021 — what a reader looking for a period
expects — rather than only what started then. A practice without a start year has no years.
"""

from __future__ import annotations

from typing import Any, TypeVar

import django_filters
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.db import models
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experts.models import SPOKEN_LANGUAGES
from network.facets import Facet, KeysFilter, KeysOverlapFilter, country_code, row_id
from network.models import NetworkRegion, Pillar
from practices.models import Endorsement, GoodPractice, TargetGroup
from practices.models.practice import FIRST_YEAR, LAST_YEAR
from practices.search import practice_search_query

SORTS: dict[str, Any] = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "title": _("Title"),
    "endorsed": _("Most endorsed"),
}

_Countries = GoodPractice.countries.through
_Themes = GoodPractice.themes.through
_Organisations = GoodPractice.organisations.through


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(text)
    return year


def _current_year() -> int:
    return timezone.localdate().year


def years_active() -> models.Func:
    """Each practice's years as a set of rows (``generate_series``): the year facet counts them."""
    return models.Func(
        models.F("start_year"),
        Coalesce(models.F("end_year"), models.Value(_current_year())),
        function="generate_series",
        output_field=models.IntegerField(),
    )


class PracticeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    pillar = KeysOverlapFilter(field_name="pillars", choices=Pillar.choices, coerce=int, label=_("Pillar"))
    theme = KeysFilter(field_name="themes", coerce=row_id, method="filter_theme", label=_("Theme"))
    region = KeysFilter(
        field_name="countries__network_region",
        choices=NetworkRegion.choices,
        method="filter_region",
        label=_("Region"),
    )
    country = KeysFilter(
        field_name="countries", coerce=country_code, method="filter_country", label=_("Country")
    )
    year = KeysFilter(field_name="start_year", coerce=_year, method="filter_year", label=_("Year"))
    organisation = KeysFilter(
        field_name="organisations",
        coerce=row_id,
        method="filter_organisation",
        label=_("Implementing organisation"),
    )
    language = KeysFilter(field_name="language", choices=SPOKEN_LANGUAGES, label=_("Language"))
    target_group = KeysOverlapFilter(
        field_name="target_groups", choices=TargetGroup.choices, label=_("Target group")
    )

    class Meta:
        model = GoodPractice
        fields: list[str] = []

    def search(self, queryset: models.QuerySet[Any], name: str, value: str) -> models.QuerySet[Any]:
        return search_practices(queryset, value)

    def filter_theme(
        self, queryset: models.QuerySet[Any], name: str, value: list[int]
    ) -> models.QuerySet[Any]:
        return queryset.filter(pk__in=_Themes.objects.filter(theme_id__in=value).values("goodpractice_id"))

    def filter_country(
        self, queryset: models.QuerySet[Any], name: str, value: list[str]
    ) -> models.QuerySet[Any]:
        return queryset.filter(
            pk__in=_Countries.objects.filter(country_id__in=value).values("goodpractice_id")
        )

    def filter_region(
        self, queryset: models.QuerySet[Any], name: str, value: list[str]
    ) -> models.QuerySet[Any]:
        in_region = _Countries.objects.filter(country__network_region__in=value)
        return queryset.filter(pk__in=in_region.values("goodpractice_id"))

    def filter_organisation(
        self, queryset: models.QuerySet[Any], name: str, value: list[int]
    ) -> models.QuerySet[Any]:
        run_by = _Organisations.objects.filter(organisation_id__in=value)
        return queryset.filter(pk__in=run_by.values("goodpractice_id"))

    def filter_year(
        self, queryset: models.QuerySet[Any], name: str, value: list[int]
    ) -> models.QuerySet[Any]:
        if not value:
            return queryset
        ended = Coalesce(models.F("end_year"), models.Value(_current_year()))
        queryset = queryset.alias(period_end=ended)
        running = models.Q()
        for year in value:
            running |= models.Q(start_year__lte=year, period_end__gte=year)
        return queryset.filter(running)


def search_practices(queryset: models.QuerySet[Any], text: str) -> models.QuerySet[Any]:
    """Practices matching a query in any language (practices/search.py), annotated with ``relevance``."""
    query = practice_search_query(text)
    if query is None:
        return queryset
    return queryset.filter(search_vector=query).annotate(
        relevance=SearchRank(models.F("search_vector"), query)
    )


# Organisations run to thousands: the most frequent are listed, the others found by the search box.
FACET_OPTIONS_SHOWN = 20


def facets() -> list[Facet]:
    """The list's facets, built per request (the current year ends an ongoing practice's years)."""
    return [
        Facet("pillar", sort="value"),
        Facet("theme"),
        Facet("region", sort="label"),
        Facet("country", sort="label"),
        Facet("year", sort="value", values=years_active()),
        Facet("organisation", sort="label", limit=FACET_OPTIONS_SHOWN),
        Facet("language"),
        Facet("target_group"),
    ]


_QuerySet = TypeVar("_QuerySet", bound=models.QuerySet[Any])


def endorsement_count() -> Coalesce:
    counted = (
        Endorsement.objects.filter(practice=models.OuterRef("pk"))
        .order_by()
        .values("practice")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted), 0)


def for_cards(queryset: _QuerySet) -> _QuerySet:
    """What a card prints, in the list's own query: country codes (names come from django-countries, no
    query), themes as small objects, the endorsement count. No prefetch, so a page costs one query."""
    country_codes = ArraySubquery(
        _Countries.objects.filter(goodpractice_id=models.OuterRef("pk")).order_by().values("country_id")
    )
    themes = ArraySubquery(
        _Themes.objects.filter(goodpractice_id=models.OuterRef("pk"))
        .order_by("theme__position", "theme__name")
        .values(data=JSONObject(id="theme_id", slug="theme__slug", name="theme__name"))
    )
    return queryset.annotate(
        card_country_codes=country_codes, card_themes=themes, endorsement_count=endorsement_count()
    )


def ordered(queryset: _QuerySet, sort: str) -> _QuerySet:
    """The list's order; ``relevance`` falls back to newest when nothing was searched."""
    if sort == "relevance" and "relevance" in queryset.query.annotations:
        return queryset.order_by("-relevance", models.F("published_at").desc(nulls_last=True), "-pk")
    if sort == "title":
        return queryset.order_by("title", "pk")
    if sort == "endorsed":
        return queryset.order_by(
            models.F("endorsement_count").desc(), models.F("published_at").desc(nulls_last=True), "-pk"
        )
    return queryset.order_by(models.F("published_at").desc(nulls_last=True), "-pk")
