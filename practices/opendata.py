"""What leaves the portal for anyone: the Atom feeds' and the open-data exports' practices.

Only published public practices, whoever asks: feed readers and downloaded files are cached and passed on, so a
member's request gets exactly what a visitor's gets (the rows go through ``visible_to`` with an anonymous user).
Each row carries its relations as arrays (one SQL statement whatever the number of practices); the export views
stream them. The fields are documented in docs/open-data.md: change both together.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.urls import reverse
from django.utils import translation
from django_countries import countries as country_names
from taggit.models import TaggedItem

from network.models import Pillar, Theme
from practices.filters import PracticeFilterSet
from practices.models import Endorsement, GoodPractice, PracticeLink, TargetGroup

# The list page's filters that the feeds' and exports' query strings understand (?theme=cft&pillar=2…).
FILTER_FIELDS = ("theme", "pillar", "country", "language")

EXPORT_FIELDS = (
    "id",
    "translation_group",
    "url",
    "language",
    "title",
    "summary",
    "body",
    "outcomes",
    "lessons",
    "safeguards",
    "countries",
    "country_names",
    "pillars",
    "pillar_names",
    "themes",
    "theme_names",
    "keywords",
    "organisations",
    "other_organisations",
    "target_groups",
    "start_year",
    "end_year",
    "links",
    "endorsements",
    "published_at",
    "updated_at",
)


def open_practices() -> QuerySet[GoodPractice]:
    """Published public practices, newest first: the same for everyone."""
    return (
        GoodPractice.objects.published()
        .visible_to(AnonymousUser())
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )


def open_practices_filtered(params: Mapping[str, Any]) -> QuerySet[GoodPractice]:
    """``open_practices`` narrowed by the list page's own filters and query string (the same parameters), so
    a reader's filtered list has its feed and its export; values that are not options are ignored, as there."""
    filterset = PracticeFilterSet(params, queryset=open_practices())
    return filterset.qs if filterset.is_valid() else open_practices().none()


def with_relations(practices: QuerySet[GoodPractice]) -> QuerySet[GoodPractice]:
    """Each practice's countries, themes, organisations, keywords, links and endorsement count as columns."""
    through = GoodPractice.countries.through
    theme_through = GoodPractice.themes.through
    organisation_through = GoodPractice.organisations.through
    return practices.annotate(
        country_codes=ArraySubquery(
            through.objects.filter(goodpractice_id=OuterRef("pk")).order_by("country_id").values("country_id")
        ),
        theme_slugs=ArraySubquery(
            theme_through.objects.filter(goodpractice_id=OuterRef("pk"))
            .order_by("theme__position", "theme__name")
            .values("theme__slug")
        ),
        organisation_names=ArraySubquery(
            organisation_through.objects.filter(goodpractice_id=OuterRef("pk"))
            .order_by("organisation__name")
            .values("organisation__name")
        ),
        keyword_names=ArraySubquery(
            TaggedItem.objects.filter(
                content_type__app_label="practices",
                content_type__model="goodpractice",
                object_id=OuterRef("pk"),
            )
            .order_by("tag__name")
            .values("tag__name")
        ),
        link_list=ArraySubquery(
            PracticeLink.objects.filter(practice=OuterRef("pk"))
            .order_by("position", "pk")
            .values(json=JSONObject(title="title", url="url"))
        ),
        endorsement_count=Coalesce(
            Subquery(
                Endorsement.objects.filter(practice=OuterRef("pk"))
                .order_by()
                .values("practice")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        ),
    )


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def open_data_licence() -> dict[str, str]:
    return dict(settings.OPEN_DATA_LICENCE)


def export_rows(practices: QuerySet[GoodPractice]) -> Iterator[dict[str, Any]]:
    """One dict per practice with ``EXPORT_FIELDS`` (lists stay lists, dates ISO 8601, names in English)."""
    theme_names = dict(Theme.objects.values_list("slug", "name"))  # one query, then none per row
    practice: Any  # a GoodPractice with the annotations above
    for practice in with_relations(practices).iterator(chunk_size=500):
        with translation.override("en"):
            yield {
                "id": practice.pk,
                "translation_group": str(practice.translation_group),
                "url": absolute_url(reverse("practices:detail", kwargs={"slug": practice.slug})),
                "language": practice.language,
                "title": practice.title,
                "summary": practice.summary,
                "body": practice.body,
                "outcomes": practice.outcomes,
                "lessons": practice.lessons,
                "safeguards": practice.safeguards,
                "countries": list(practice.country_codes),
                "country_names": [str(country_names.name(code)) for code in practice.country_codes],
                "pillars": list(practice.pillars),
                "pillar_names": [str(Pillar(value).label) for value in practice.pillars],
                "themes": list(practice.theme_slugs),
                "theme_names": [theme_names.get(slug, slug) for slug in practice.theme_slugs],
                "keywords": list(practice.keyword_names),
                "organisations": list(practice.organisation_names),
                "other_organisations": practice.other_organisations,
                "target_groups": [TargetGroup(value).value for value in practice.target_groups],
                "start_year": practice.start_year,
                "end_year": practice.end_year,
                "links": list(practice.link_list),
                "endorsements": practice.endorsement_count,
                "published_at": practice.published_at.isoformat() if practice.published_at else None,
                "updated_at": practice.updated_at.isoformat(),
            }
