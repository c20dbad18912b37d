"""Writes to organisations outside the admin (demo data, imports): the description rendered once, search kept."""

from __future__ import annotations

from django.db import transaction

from experts.models import ExpertProfile, Organisation
from experts.search import profile_search_refresh
from network.markdown import markdown_render
from network.models import Country


@transaction.atomic
def organisation_create(
    *,
    slug: str,
    name: str,
    kind: str,
    acronym: str = "",
    country: Country | None = None,
    website: str = "",
    description: str = "",
    is_centre_of_excellence: bool = False,
) -> Organisation:
    return Organisation.objects.create(
        slug=slug,
        name=name,
        acronym=acronym,
        kind=kind,
        country=country,
        website=website,
        description=description,
        description_html=markdown_render(description),
        is_centre_of_excellence=is_centre_of_excellence,
    )


@transaction.atomic
def profile_organisation_set(*, profile: ExpertProfile, organisation: Organisation | None) -> ExpertProfile:
    """Staff link a profile to the organisation page it belongs on; the search reads the organisation's name."""
    profile.organisation = organisation
    profile.save(update_fields=["organisation"])
    profile_search_refresh(profile_ids=[profile.pk])
    return profile
