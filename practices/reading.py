"""What the reader pages show of a practice, read in a fixed number of queries.

Related rows (countries, themes, organisations, keywords, links, contact experts, translations) travel as
arrays in the practice's own query (``ArraySubquery``) instead of one prefetch each; this module turns them
into small objects for the templates. Everything starts from the reader's ``visible_to`` queryset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models.functions import JSONObject
from django.utils.translation import get_language_info

from experts.models import SPOKEN_LANGUAGES
from network.cache import namespace_cached, statement_key
from network.models import Country, Pillar, Theme
from practices.filters import endorsement_count, for_cards
from practices.models import Endorsement, GoodPractice, PracticeLink, TargetGroup
from practices.models.practice import GoodPracticeQuerySet

RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}
RELATED_COUNT = 5
_LANGUAGE_LABELS = dict(SPOKEN_LANGUAGES)


def language_name_local(code: str) -> str:
    """A language's name in that language ("Français", "العربية"), for "Also in: …" links."""
    for candidate in (code, {"zh": "zh-hans"}.get(code, code)):
        try:
            name = str(get_language_info(candidate)["name_local"])
        except KeyError:
            continue
        return name[:1].upper() + name[1:]  # "Français" at the head of a list item
    return str(_LANGUAGE_LABELS.get(code, code))


def language_dir(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True)
class Translation:
    slug: str
    language: str
    title: str

    @property
    def language_name(self) -> str:
        return language_name_local(self.language)

    @property
    def dir(self) -> str:
        return language_dir(self.language)


@dataclass(frozen=True)
class OrganisationRef:
    slug: str
    name: str
    is_centre_of_excellence: bool


def _rows(queryset: models.QuerySet[Any], **fields: Any) -> ArraySubquery:
    return ArraySubquery(queryset.values(data=JSONObject(**fields)))


def _themes(rows: list[dict[str, Any]] | None) -> list[Theme]:
    return [Theme(id=row["id"], slug=row["slug"], name=row["name"]) for row in rows or []]


def _countries(codes: list[str] | None) -> list[Country]:
    found = [Country(code=code) for code in codes or []]
    return sorted(found, key=lambda country: country.name)


@dataclass(frozen=True)
class Card:
    """A practice on a list: the practice and its countries and themes from ``for_cards``' arrays."""

    practice: GoodPractice
    countries: list[Country]
    themes: list[Theme]


def cards(practices: Any) -> list[Card]:
    """``for_cards``' arrays as countries and themes (no query)."""
    return [
        Card(
            practice=practice,
            countries=_countries(getattr(practice, "card_country_codes", None)),
            themes=_themes(getattr(practice, "card_themes", None)),
        )
        for practice in practices
    ]


def for_detail(readable: GoodPracticeQuerySet, user: Any) -> GoodPracticeQuerySet:
    """One practice's page in two queries: every relation as an array, translations the reader may see, then its
    files."""
    pk = models.OuterRef("pk")
    through = GoodPractice
    translations = (
        readable.published()
        .filter(translation_group=models.OuterRef("translation_group"))
        .exclude(pk=pk)
        .order_by("language", "pk")
    )
    keywords = (
        through.keywords.through.objects.filter(  # type: ignore[attr-defined]
            object_id=pk, content_type__app_label="practices", content_type__model="goodpractice"
        )
        .order_by("tag__name")
        .values("tag__name")
    )
    queryset = (
        readable.select_related("submitted_by")
        .prefetch_related("attachments")
        .annotate(
            detail_countries=_rows(
                through.countries.through.objects.filter(goodpractice_id=pk).order_by(),
                code="country_id",
                region="country__network_region",
            ),
            detail_themes=_rows(
                through.themes.through.objects.filter(goodpractice_id=pk).order_by(
                    "theme__position", "theme__name"
                ),
                id="theme_id",
                slug="theme__slug",
                name="theme__name",
            ),
            detail_organisations=_rows(
                through.organisations.through.objects.filter(goodpractice_id=pk).order_by(
                    "organisation__name"
                ),
                slug="organisation__slug",
                name="organisation__name",
                coe="organisation__is_centre_of_excellence",
            ),
            detail_links=_rows(
                PracticeLink.objects.filter(practice_id=pk).order_by("position", "pk"),
                title="title",
                url="url",
            ),
            detail_keywords=ArraySubquery(keywords),
            detail_contact_ids=ArraySubquery(
                through.contact_experts.through.objects.filter(goodpractice_id=pk)
                .order_by()
                .values("expertprofile_id")
            ),
            detail_translations=_rows(translations, slug="slug", language="language", title="title"),
            endorsement_count=endorsement_count(),
        )
    )
    if getattr(user, "is_authenticated", False):
        queryset = queryset.annotate(
            endorsed_by_reader=models.Exists(Endorsement.objects.filter(practice_id=pk, endorser=user))
        )
    return queryset


@dataclass(frozen=True)
class PracticePage:
    """A practice with ``for_detail``'s arrays as objects."""

    practice: GoodPractice
    countries: list[Country]
    regions: list[str]
    themes: list[Theme]
    organisations: list[OrganisationRef]
    links: list[dict[str, str]]
    keywords: list[str]
    translations: list[Translation]
    pillars: list[Pillar]
    target_groups: list[str]
    contact_ids: list[int]

    @classmethod
    def of(cls, practice: GoodPractice) -> PracticePage:
        """No query: everything was read with the practice."""
        data: Any = practice
        countries = data.detail_countries or []
        return cls(
            practice=practice,
            countries=_countries([row["code"] for row in countries]),
            regions=sorted({row["region"] for row in countries}),
            themes=_themes(data.detail_themes),
            organisations=[
                OrganisationRef(slug=row["slug"], name=row["name"], is_centre_of_excellence=row["coe"])
                for row in data.detail_organisations or []
            ],
            links=data.detail_links or [],
            keywords=data.detail_keywords or [],
            translations=[Translation(**row) for row in data.detail_translations or []],
            pillars=[Pillar(value) for value in sorted(practice.pillars) if value in Pillar.values],
            target_groups=[
                str(TargetGroup(v).label) for v in practice.target_groups if v in TargetGroup.values
            ],
            contact_ids=[pk for pk in data.detail_contact_ids or [] if pk is not None],
        )


def related_practices(published: models.QuerySet[GoodPractice], page: PracticePage) -> list[Card]:
    """Up to five published practices the reader may see sharing themes (weighted most), pillars or a region
    with this one; its own translations are offered separately. Two queries (the ranking, cached; the cards)."""
    practice = page.practice
    theme_ids = [theme.pk for theme in page.themes]
    regions = page.regions
    pk = models.OuterRef("pk")
    shared_themes = (
        GoodPractice.themes.through.objects.filter(goodpractice_id=pk, theme_id__in=theme_ids)
        .order_by()
        .values("goodpractice_id")
        .annotate(n=models.Count("pk"))
        .values("n")  # type: ignore[misc]  # the stubs do not see the annotation
    )
    in_region = GoodPractice.countries.through.objects.filter(
        goodpractice_id=pk, country__network_region__in=regions
    )
    score = (
        2 * models.functions.Coalesce(models.Subquery(shared_themes), 0)
        + models.Case(models.When(pillars__overlap=practice.pillars or [0], then=1), default=0)
        + models.Case(models.When(models.Exists(in_region), then=1), default=0)
    )
    candidates = (
        published.exclude(pk=practice.pk)
        .exclude(translation_group=practice.translation_group)
        .annotate(related_score=score)
        .filter(related_score__gt=0)
        .order_by("-related_score", models.F("published_at").desc(nulls_last=True), "-pk")
    )
    # Scoring every published practice costs ~30 ms on 10,000 of them: the ranking is kept until a practice
    # changes, keyed by its statement (the reader's visibility is in it); the cards are read by primary key.
    # A practice in several languages is one practice: the first-ranked version of each stands for it (in the
    # worst case every candidate is in the seven languages the network writes in).
    ranked = candidates.values_list("pk", "translation_group")[: RELATED_COUNT * 7]

    def one_per_practice() -> list[int]:
        seen: set[object] = set()
        ids = []
        for pk, group in ranked:
            if group is None or group not in seen:
                seen.add(group)
                ids.append(pk)
        return ids[:RELATED_COUNT]

    ids: list[int] = namespace_cached(("practices",), ("related", statement_key(ranked)), one_per_practice)
    if not ids:
        return []
    found = {row.pk: row for row in for_cards(published.filter(pk__in=ids))}
    return cards([found[pk] for pk in ids if pk in found])
