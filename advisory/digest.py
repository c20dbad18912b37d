"""The offers' part of a member's digest (network/digest.py): offers published since the member's previous
digest that the member may see (not their own), those on the member's themes first, then the newest.

Never a request: requests are confidential and have no place in a digest. One query for a whole chunk of
readers; each reader's list is picked and ranked in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisory.models import Offer
from network.digest import (
    DigestItem,
    DigestReader,
    DigestSection,
    ReaderSection,
    digest_section,
    earliest,
    section_limit,
)


@digest_section("offers", gettext_lazy("Advisory offers matching my expertise"))
def offers_section(readers: Sequence[DigestReader]) -> ReaderSection:
    """New published offers a reader may see (not their own), on their themes first, then the newest."""
    themes = Offer.themes.through.objects.filter(offer_id=models.OuterRef("pk"))
    new: list[Any] = list(
        Offer.objects.published()
        .visible_to_every_member()
        .filter(published_at__gte=earliest(readers))
        .annotate(theme_ids=ArraySubquery(themes.values("theme_id")))
        .order_by(models.F("published_at").desc(), "-pk")
    )
    site = settings.SITE_URL
    more_url = site + reverse("advisory:offer_list")

    def for_reader(reader: DigestReader) -> DigestSection | None:
        theirs = [o for o in new if o.published_at >= reader.since and o.offered_by_id != reader.pk]
        if not theirs:
            return None
        shown = sorted(theirs, key=lambda offer: reader.theme_ids.isdisjoint(offer.theme_ids))[
            : section_limit()
        ]
        items = [
            DigestItem(
                title=offer.title,
                url=site + offer.get_absolute_url(),
                summary=f"{offer.get_kind_display()} · {offer.summary}"
                if offer.summary
                else offer.get_kind_display(),
                when=offer.published_at,
            )
            for offer in shown
        ]
        return DigestSection(
            key="offers",
            title=_("New offers of training and expertise"),
            items=items,
            total=len(theirs),
            more_url=more_url,
        )

    return for_reader
