"""The offers' part of a member's digest (network/digest.py): offers published since the last digest that the
member may see, those on the member's own themes first. Not listed in ``settings.DIGEST_SECTIONS`` yet: the
digest itself arrives with issue 11, which registers ``advisory.digest.offers_section``.

Never a request: requests are confidential and have no place in a digest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisory.models import Offer
from experts.models import ExpertProfile
from network.digest import DigestItem, DigestSection, digest_section
from network.models import Membership
from network.permissions import is_member

MAX_ITEMS = 5


def _member_theme_ids(user: Any) -> models.QuerySet[Any]:
    """The themes of the member's profile and of their membership application, as one subquery."""
    profile = ExpertProfile.themes.through.objects.filter(expertprofile__user=user).values("theme_id")
    membership = Membership.themes.through.objects.filter(membership__user=user).values("theme_id")
    return profile.union(membership)  # type: ignore[no-any-return]


@digest_section("offers", gettext_lazy("Advisory offers matching my expertise"))
def offers_section(user: Any, since: datetime) -> DigestSection | None:
    """New published offers ``user`` may see (not their own), on their themes first, then newest; None for
    someone who is not a member or when nothing is new. Two queries."""
    if not is_member(user):
        return None
    new = Offer.objects.published().visible_to(user).filter(published_at__gte=since).exclude(offered_by=user)
    theme_ids = list(_member_theme_ids(user).values_list("theme_id", flat=True))
    on_my_themes = models.Exists(
        Offer.themes.through.objects.filter(offer_id=models.OuterRef("pk"), theme_id__in=theme_ids)
    )
    offers = list(
        new.annotate(on_my_themes=on_my_themes, total=models.Window(models.Count("pk"))).order_by(
            models.F("on_my_themes").desc(), models.F("published_at").desc(), "-pk"
        )[:MAX_ITEMS]
    )
    if not offers:
        return None
    site = settings.SITE_URL
    items = [
        DigestItem(
            title=offer.title,
            url=site + offer.get_absolute_url(),
            summary=f"{offer.get_kind_display()} · {offer.summary}"
            if offer.summary
            else offer.get_kind_display(),
            when=offer.published_at,
        )
        for offer in offers
    ]
    return DigestSection(
        key="offers",
        title=_("New offers of training and expertise"),
        items=items,
        total=offers[0].total,  # type: ignore[attr-defined]
        more_url=site + reverse("advisory:offer_list"),
    )
