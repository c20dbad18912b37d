"""The offers list's filters and search: one ``FilterSet`` whose every state is a URL (``?kind=training&theme=3``).

Facet counts (``network.facets.facet_counts``) read the same filters, so a count says how many offers a click
would show. Themes are filtered by subquery, never a join, so an offer with two selected themes is listed and
counted once. The **region** of an offer is the network region of the offering organisation's country, or — for
a regional or international organisation, or an offer made by a person — of the offerer's own country
(membership). Search is deliberately simple: every word must appear in the title or the summary, accents and
case ignored (``unaccent`` + ``ILIKE``); offers are few, short and written in many languages, so a stored
search vector would buy nothing yet.
"""

from __future__ import annotations

from typing import Any, TypeVar

import django_filters
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models.functions import Coalesce, Concat, JSONObject
from django.utils.translation import gettext_lazy as _

from advisory.models import Delivery, Offer, OfferKind
from experts.models import SPOKEN_LANGUAGES
from network.facets import Facet, KeysFilter, KeysOverlapFilter, row_id
from network.models import NetworkRegion, Pillar, Theme
from network.search import search_query_text

_Themes = Offer.themes.through
_QuerySet = TypeVar("_QuerySet", bound=models.QuerySet[Any])
MAX_SEARCH_WORDS = 8


def offer_region() -> Coalesce:
    """Each offer's network region: its organisation's country's, else the offerer's country's."""
    return Coalesce(
        models.F("organisation__country__network_region"),
        models.F("offered_by__membership__country__network_region"),
        output_field=models.CharField(choices=NetworkRegion.choices),
    )


def _unaccent(expression: Any) -> models.Func:
    return models.Func(expression, function="unaccent", output_field=models.TextField())


def search_offers(queryset: _QuerySet, text: str) -> _QuerySet:
    """Offers whose title or summary contains every word of ``text`` (accents and case ignored)."""
    words = search_query_text(text).split()[:MAX_SEARCH_WORDS]
    if not words:
        return queryset
    queryset = queryset.alias(
        offer_haystack=_unaccent(
            Concat("title", models.Value(" "), "summary", output_field=models.TextField())
        )
    )
    for word in words:
        queryset = queryset.filter(offer_haystack__icontains=_unaccent(models.Value(word)))
    return queryset


class OfferFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = KeysFilter(field_name="kind", choices=OfferKind.choices, label=_("What is offered"))
    delivery = KeysFilter(field_name="delivery", choices=Delivery.choices, label=_("Delivery"))
    theme = KeysFilter(field_name="themes", coerce=row_id, method="filter_theme", label=_("Theme"))
    pillar = KeysOverlapFilter(field_name="pillars", choices=Pillar.choices, coerce=int, label=_("Pillar"))
    language = KeysOverlapFilter(field_name="languages", choices=SPOKEN_LANGUAGES, label=_("Language"))
    region = KeysFilter(
        field_name="region", choices=NetworkRegion.choices, method="filter_region", label=_("Region")
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def search(self, queryset: models.QuerySet[Any], name: str, value: str) -> models.QuerySet[Any]:
        return search_offers(queryset, value)

    def filter_theme(
        self, queryset: models.QuerySet[Any], name: str, value: list[int]
    ) -> models.QuerySet[Any]:
        if not value:
            return queryset
        return queryset.filter(pk__in=_Themes.objects.filter(theme_id__in=value).values("offer_id"))

    def filter_region(
        self, queryset: models.QuerySet[Any], name: str, value: list[str]
    ) -> models.QuerySet[Any]:
        if not value:
            return queryset
        return queryset.alias(offer_region=offer_region()).filter(offer_region__in=value)


FACET_NAMES = ["kind", "delivery", "theme", "pillar", "language", "region"]


def facets() -> list[Facet]:
    return [
        Facet("kind"),
        Facet("delivery", sort="value"),
        Facet("theme"),
        Facet("pillar", sort="value"),
        Facet("language"),
        Facet("region", sort="label", values=offer_region()),
    ]


def for_cards(queryset: _QuerySet) -> _QuerySet:
    """What a card prints, in the list's own query: the organisation (joined) and the themes as small
    objects (an array subquery), so a page of offers costs one query."""
    themes = ArraySubquery(
        _Themes.objects.filter(offer_id=models.OuterRef("pk"))
        .order_by("theme__position", "theme__name")
        .values(data=JSONObject(id="theme_id", name="theme__name"))
    )
    return queryset.select_related("organisation").annotate(card_themes=themes)


def ordered(queryset: _QuerySet) -> _QuerySet:
    """Newest first: what was published last is what a member has not seen yet."""
    return queryset.order_by(models.F("published_at").desc(nulls_last=True), "-pk")


def language_names(offer: Offer) -> list[str]:
    names = dict(SPOKEN_LANGUAGES)
    return [str(names.get(code, code)) for code in offer.languages]


def cards(offers: Any) -> list[Offer]:
    """The page's offers, each with ``theme_list`` (from ``for_cards``' array, no query) and
    ``language_names``."""
    shown = list(offers)
    for offer in shown:
        rows = getattr(offer, "card_themes", None) or []
        offer.theme_list = [Theme(id=row["id"], name=row["name"]) for row in rows]  # type: ignore[attr-defined]
        offer.language_names = language_names(offer)  # type: ignore[attr-defined]
    return shown
