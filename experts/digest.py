"""The experts' part of a member's digest (network/digest.py): profiles created since the member's previous
digest that the member may see, those sharing the member's themes or region first.

Never a hidden profile (staff included, who see those in the directory), never the profile of someone who is not
an approved, active member, never the reader's own. One query for a whole chunk of readers (the new profiles any
member may see, with their themes, country and region); each reader's list is picked and ranked in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from experts.models import ExpertProfile
from network.digest import (
    DigestItem,
    DigestReader,
    DigestSection,
    ReaderSection,
    digest_section,
    earliest,
    section_limit,
)

# A line of context stays one line on a phone.
SUMMARY_CHARS = 160


def _context_line(profile: ExpertProfile) -> str:
    """Their headline and country (the name from django-countries, in the active language: no query)."""
    code = profile.user.membership.country_id
    parts = [" ".join(profile.headline.split()), str(countries.name(code)) if code else ""]
    return Truncator(" · ".join(part for part in parts if part)).chars(SUMMARY_CHARS)


def _more_url(reader: DigestReader) -> str:
    """The directory on the reader's themes (any of them), else their region, else the whole directory."""
    query: list[tuple[str, Any]] = [("theme", pk) for pk in sorted(reader.theme_ids)]
    if not query and reader.region:
        query = [("region", reader.region)]
    url = settings.SITE_URL + reverse("experts:directory")
    return url + "?" + urlencode(query) if query else url


def _relevance(profile: Any, reader: DigestReader) -> int:
    shares_themes = not reader.theme_ids.isdisjoint(profile.theme_ids)
    country = profile.user.membership.country
    same_region = bool(reader.region) and country is not None and country.network_region == reader.region
    return int(shares_themes) + int(same_region)


@digest_section("experts", gettext_lazy("New experts in my themes or region"))
def section(readers: Sequence[DigestReader]) -> ReaderSection:
    """Profiles created since a reader's start that any member may see, not hidden, of approved active
    members, not the reader's own: sharing their themes or region first, then the newest; at most
    ``DIGEST_SECTION_LIMIT`` listed, all counted."""
    themes = ExpertProfile.themes.through.objects.filter(expertprofile_id=models.OuterRef("pk"))
    new: list[Any] = list(
        ExpertProfile.objects.visible_to_every_member()
        .filter(created_at__gte=earliest(readers))
        .select_related("user__membership__country")
        .annotate(theme_ids=ArraySubquery(themes.values("theme_id")))
        .order_by("-created_at", "-pk")
    )
    site = settings.SITE_URL

    def for_reader(reader: DigestReader) -> DigestSection | None:
        theirs = [p for p in new if p.created_at >= reader.since and p.user_id != reader.pk]
        if not theirs:
            return None
        shown = sorted(theirs, key=lambda profile: -_relevance(profile, reader))[: section_limit()]
        items = [
            DigestItem(
                title=profile.user.display_name,
                url=site + reverse("experts:profile", kwargs={"slug": profile.slug}),
                summary=_context_line(profile),
                when=profile.created_at,
            )
            for profile in shown
        ]
        return DigestSection(
            key="experts",
            title=_("New experts in the network"),
            items=items,
            total=len(theirs),
            more_url=_more_url(reader),
        )

    return for_reader
