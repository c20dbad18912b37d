"""The experts' part of a member's digest (network/digest.py): profiles created since the member's previous
digest that the member may see, those sharing the member's themes or region first.

Never a hidden profile (even to staff, who may see it in the directory), never the profile of someone who is not
an approved, active member, never the member's own. One query: the member's themes and region are subqueries,
the profile's country and name come with it, and the total is a window count.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
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
from network.visibility import Visibility

# A line of context stays one line on a phone.
SUMMARY_CHARS = 160


def _member_theme_ids(user: Any) -> models.QuerySet[Any]:
    profile = ExpertProfile.themes.through.objects.filter(expertprofile__user=user).values("theme_id")
    membership = Membership.themes.through.objects.filter(membership__user=user).values("theme_id")
    return profile.union(membership)  # type: ignore[no-any-return]


def _context_line(profile: ExpertProfile) -> str:
    """Their headline and country (the name from django-countries, in the active language: no query)."""
    code = profile.user.membership.country_id
    parts = [" ".join(profile.headline.split()), str(countries.name(code)) if code else ""]
    return Truncator(" · ".join(part for part in parts if part)).chars(SUMMARY_CHARS)


def _more_url(user: Any) -> str:
    """The directory on the member's themes (any of them), else their region, else the whole directory."""
    query: list[tuple[str, Any]] = [
        ("theme", pk) for pk in sorted(set(_member_theme_ids(user).values_list("theme_id", flat=True)))
    ]
    if not query:
        region = Membership.objects.filter(user=user).values_list("country__network_region", flat=True)
        query = [("region", value) for value in region[:1] if value]
    url = settings.SITE_URL + reverse("experts:directory")
    return url + "?" + urlencode(query) if query else url


@digest_section("experts", gettext_lazy("New experts in my themes or region"))
def section(user: Any, since: datetime) -> DigestSection | None:
    """Profiles created since ``since`` that ``user`` may see, not hidden, of approved active members, not the
    member's own: sharing their themes or region first, then the newest; at most ``DIGEST_SECTION_LIMIT``
    listed, all counted. None for someone who is not a member or when nothing is new."""
    if not is_member(user):
        return None
    shares_my_themes = models.Exists(
        ExpertProfile.themes.through.objects.filter(
            expertprofile_id=models.OuterRef("pk"), theme_id__in=_member_theme_ids(user)
        )
    )
    my_region = Membership.objects.filter(user=user).values("country__network_region")[:1]
    in_my_region = models.Q(user__membership__country__network_region=models.Subquery(my_region))
    relevance = models.Case(models.When(shares_my_themes, then=1), default=0) + models.Case(
        models.When(in_my_region, then=1), default=0
    )
    profiles = list(
        ExpertProfile.objects.visible_to(user)
        .of_active_members()
        .exclude(visibility=Visibility.HIDDEN)
        .exclude(user=user)
        .filter(created_at__gte=since)
        .select_related("user__membership")
        .annotate(relevance=relevance, total=models.Window(models.Count("pk")))
        .order_by("-relevance", "-created_at", "-pk")[: settings.DIGEST_SECTION_LIMIT]
    )
    if not profiles:
        return None
    site = settings.SITE_URL
    items = [
        DigestItem(
            title=profile.user.display_name,
            url=site + reverse("experts:profile", kwargs={"slug": profile.slug}),
            summary=_context_line(profile),
            when=profile.created_at,
        )
        for profile in profiles
    ]
    return DigestSection(
        key="experts",
        title=_("New experts in the network"),
        items=items,
        total=profiles[0].total,  # type: ignore[attr-defined]
        more_url=_more_url(user),
    )
