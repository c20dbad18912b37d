"""The good practices' part of a member's digest (network/digest.py): practices first published since the
member's previous digest that the member may read, those on the member's themes or from their region first.

One query: the member's themes (profile and membership) and region are subqueries of the practices' query, the
countries of each practice an array in the same rows, and the total a window count.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from experts.models import ExpertProfile
from network.digest import DigestItem, DigestSection, digest_section
from network.models import Membership
from network.permissions import is_member
from practices.models import GoodPractice

# A line of context stays one line on a phone.
SUMMARY_CHARS = 160


def member_theme_ids(user: Any) -> models.QuerySet[Any]:
    """The themes of the member's profile and of their membership application, as one subquery."""
    profile = ExpertProfile.themes.through.objects.filter(expertprofile__user=user).values("theme_id")
    membership = Membership.themes.through.objects.filter(membership__user=user).values("theme_id")
    return profile.union(membership)  # type: ignore[no-any-return]


def member_region(user: Any) -> models.Subquery:
    """The network region of the member's country, as a subquery."""
    return models.Subquery(
        Membership.objects.filter(user=user).values("country__network_region")[:1],
        output_field=models.CharField(),
    )


def _context_line(country_codes: list[str], summary: str) -> str:
    names = ", ".join(str(countries.name(code)) for code in country_codes if code)
    summary = Truncator(" ".join(summary.split())).chars(SUMMARY_CHARS)
    return " · ".join(part for part in (names, summary) if part)


@digest_section("practices", gettext_lazy("New good practices in my themes or region"))
def section(user: Any, since: datetime) -> DigestSection | None:
    """New published practices ``user`` may read (not their own): on their themes or from their region first,
    then the newest; at most ``DIGEST_SECTION_LIMIT`` listed, all counted. None for someone who is not a member
    or when nothing is new."""
    if not is_member(user):
        return None
    through_themes = GoodPractice.themes.through.objects
    through_countries = GoodPractice.countries.through.objects
    on_my_themes = models.Exists(
        through_themes.filter(goodpractice_id=models.OuterRef("pk"), theme_id__in=member_theme_ids(user))
    )
    in_my_region = models.Exists(
        through_countries.filter(
            goodpractice_id=models.OuterRef("pk"), country__network_region=member_region(user)
        )
    )
    country_codes = ArraySubquery(
        through_countries.filter(goodpractice_id=models.OuterRef("pk"))
        .order_by("country_id")
        .values("country_id")
    )
    relevance = models.Case(models.When(on_my_themes, then=1), default=0) + models.Case(
        models.When(in_my_region, then=1), default=0
    )
    practices = list(
        GoodPractice.objects.published()
        .visible_to(user)
        .filter(published_at__gte=since)
        .exclude(submitted_by=user)
        .annotate(
            relevance=relevance,
            country_codes=country_codes,
            total=models.Window(models.Count("pk")),
        )
        .only("pk", "slug", "title", "summary", "published_at")
        .order_by("-relevance", models.F("published_at").desc(), "-pk")[: settings.DIGEST_SECTION_LIMIT]
    )
    if not practices:
        return None
    site = settings.SITE_URL
    items = [
        DigestItem(
            title=practice.title,
            url=site + practice.get_absolute_url(),
            summary=_context_line(practice.country_codes, practice.summary),  # type: ignore[attr-defined]
            when=practice.published_at,
        )
        for practice in practices
    ]
    return DigestSection(
        key="practices",
        title=_("New good practices"),
        items=items,
        total=practices[0].total,  # type: ignore[attr-defined]
        # The list's default order is the newest first: the ones not listed here are at its top.
        more_url=site + reverse("practices:list") + "?sort=newest",
    )
