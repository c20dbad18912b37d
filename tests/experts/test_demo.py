"""The demo experts: enough, varied and real-looking to try the directory, created through the services."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from experts.models import ExpertProfile, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_in_tmp")]

ARABIC = re.compile("[\u0600-\u06ff]")
HAN = re.compile("[\u4e00-\u9fff]")


# Seeding takes seconds: one test checks everything, then seeds again to prove nothing changes.
def test_demo_experts_are_many_varied_and_seeded_once():
    call_command("seed_demo", "--force")
    profiles = list(ExpertProfile.objects.select_related("user__membership__country"))

    # >= 40 experts, every network region, names in Arabic and Chinese script and Latin with accents.
    assert len(profiles) >= 40
    regions = {p.user.membership.country.network_region for p in profiles}
    assert {"africa", "asia", "middle-east", "latin-america-caribbean"} <= regions
    names = [p.user.full_name for p in profiles]
    assert sum(bool(ARABIC.search(n)) for n in names) >= 3
    assert sum(bool(HAN.search(n)) for n in names) >= 3
    assert any(
        n != n.encode("ascii", "ignore").decode() and not ARABIC.search(n) and not HAN.search(n)
        for n in names
    )

    # Varied visibility, availability, languages, contact; every profile written through the services.
    assert {p.visibility for p in profiles} == {"public", "members", "hidden"}
    assert len({a for p in profiles for a in p.availability}) == 4
    assert ExpertProfile.objects.filter(languages__language="ar").exists()
    assert ExpertProfile.objects.filter(contact_enabled=False).exists()
    assert all(p.headline and p.bio_html and p.search_vector for p in profiles)
    assert ExpertProfile.objects.get(user__full_name="王伟").name_latin == "wang wei"

    # Organisations: >= 12 of every kind, the IGAD Centre and SEARCCT among the Centres of Excellence.
    assert Organisation.objects.count() >= 12
    assert len(set(Organisation.objects.values_list("kind", flat=True))) == 6
    assert {"ICEPCVE", "SEARCCT"} <= set(
        Organisation.objects.centres_of_excellence().values_list("acronym", flat=True)
    )
    assert ExpertProfile.objects.filter(organisation__slug="searcct").count() >= 2

    # The suspended demo member's public profile reaches no other member.
    suspended = ExpertProfile.objects.get(user__email="suspended@example.org")
    assert suspended.visibility == "public"
    member = ExpertProfile.objects.get(user__email="member@example.org").user
    assert not ExpertProfile.objects.visible_to(member).filter(pk=suspended.pk).exists()

    before = sorted(ExpertProfile.objects.values_list("slug", "headline", "visibility"))
    organisations = Organisation.objects.count()
    call_command("seed_demo", "--force")
    assert sorted(ExpertProfile.objects.values_list("slug", "headline", "visibility")) == before
    assert Organisation.objects.count() == organisations
