"""The good practices' part of a member's digest (network/digest.py): practices first published since the
member's previous digest that the member may read (not their own), those on the member's themes or from their
region first, then the newest.

One query for a whole chunk of readers: the practices published since the earliest reader's start that any
member may read, each with its themes, countries and their regions as arrays; each reader's list is then picked
and ranked in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from network.digest import (
    DigestItem,
    DigestReader,
    DigestSection,
    ReaderSection,
    digest_section,
    earliest,
    section_limit,
)
from network.lists import list_join
from practices.models import GoodPractice

# A line of context stays one line on a phone.
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class _New:
    practice: GoodPractice
    theme_ids: frozenset[int]
    regions: frozenset[str]
    country_codes: tuple[str, ...]
    summary: str

    @property
    def published_at(self) -> datetime:
        """A published practice always has one."""
        return self.practice.published_at  # type: ignore[return-value]

    def relevance(self, reader: DigestReader) -> int:
        return int(bool(self.theme_ids & reader.theme_ids)) + int(reader.region in self.regions)

    def context_line(self) -> str:
        """Its countries (names from django-countries, in the active language: no query) and summary."""
        names = list_join(countries.name(code) for code in self.country_codes if code)
        return " · ".join(part for part in (names, self.summary) if part)


def _new_practices(readers: Sequence[DigestReader]) -> list[_New]:
    through_themes = GoodPractice.themes.through.objects.filter(goodpractice_id=models.OuterRef("pk"))
    through_countries = GoodPractice.countries.through.objects.filter(
        goodpractice_id=models.OuterRef("pk")
    ).order_by("country_id")
    rows = (
        GoodPractice.objects.published()
        .visible_to_every_member()
        .filter(published_at__gte=earliest(readers))
        .annotate(
            theme_ids=ArraySubquery(through_themes.values("theme_id")),
            country_codes=ArraySubquery(through_countries.values("country_id")),
            regions=ArraySubquery(through_countries.values("country__network_region")),
        )
        .only("pk", "slug", "title", "summary", "published_at", "submitted_by_id")
        .order_by(models.F("published_at").desc(), "-pk")
    )
    return [
        _New(
            practice=practice,
            theme_ids=frozenset(practice.theme_ids),  # type: ignore[attr-defined]
            regions=frozenset(region for region in practice.regions if region),  # type: ignore[attr-defined]
            country_codes=tuple(practice.country_codes),  # type: ignore[attr-defined]
            summary=Truncator(" ".join(practice.summary.split())).chars(SUMMARY_CHARS),
        )
        for practice in rows
    ]


@digest_section("practices", gettext_lazy("New good practices in my themes or region"))
def section(readers: Sequence[DigestReader]) -> ReaderSection:
    """New published practices a reader may read (not their own): on their themes or from their region first,
    then the newest; at most ``DIGEST_SECTION_LIMIT`` listed, all counted."""
    new = _new_practices(readers)
    site = settings.SITE_URL
    # The list's default order is the newest first: the ones not listed here are at its top.
    more_url = site + reverse("practices:list") + "?sort=newest"

    def for_reader(reader: DigestReader) -> DigestSection | None:
        theirs = [
            entry
            for entry in new
            if entry.published_at >= reader.since and entry.practice.submitted_by_id != reader.pk
        ]
        if not theirs:
            return None
        # A stable sort: the newest first among equally relevant ones.
        shown = sorted(theirs, key=lambda entry: -entry.relevance(reader))[: section_limit()]
        items = [
            DigestItem(
                title=entry.practice.title,
                url=site + entry.practice.get_absolute_url(),
                summary=entry.context_line(),
                when=entry.published_at,
            )
            for entry in shown
        ]
        return DigestSection(
            key="practices", title=_("New good practices"), items=items, total=len(theirs), more_url=more_url
        )

    return for_reader
