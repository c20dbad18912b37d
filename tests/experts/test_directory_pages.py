"""The profile and organisation pages print what a reader needs, from the one source of truth."""

from __future__ import annotations

import pytest
from django.urls import reverse

from experts.models import Availability, ProfileLink
from network.models import Country, Pillar
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    centre = OrganisationFactory(slug="searcct", name="SEARCCT", is_centre_of_excellence=True)
    profile = ExpertProfileFactory(
        user__full_name="Siti Rahman",
        membership__country=Country.objects.get(code="MY"),
        membership__position="Senior researcher",
        membership__is_focal_point=True,
        visibility=Visibility.PUBLIC,
        headline="Rehabilitation of returnees",
        bio="Ten years with **returnees**.",
        bio_html="<p>Ten years with <strong>returnees</strong>.</p>",
        pillars=[Pillar.PREVENT_COMBAT],
        availability=[Availability.MENTORING],
        years_of_experience=10,
        languages=[("ms", "native"), ("en", "fluent")],
        organisation=centre,
    )
    ProfileLink.objects.create(
        profile=profile, kind=ProfileLink.Kind.PUBLICATION, title="Returnee programmes", year=2023
    )
    return profile


def test_profile_page_shows_the_profile_and_the_membership_details(client, profile):
    body = client.get(reverse("experts:profile", args=[profile.slug])).content.decode()
    for text in [
        "Siti Rahman",
        "Focal point</span>",
        "Rehabilitation of returnees",
        "Senior researcher",
        "Malaysia",
        'href="/organisations/searcct/"',
        "Centre of Excellence</span>",
        "<strong>returnees</strong>",
        str(Pillar.PREVENT_COMBAT.label),
        "Mentoring",
        "Malay (Native), English (Fluent)",
        "Returnee programmes",
    ]:
        assert text in body, text
    assert "This is your profile" not in body


def test_owner_is_told_who_sees_their_profile(client, profile):
    client.force_login(profile.user)
    body = client.get(reverse("experts:profile", args=[profile.slug])).content.decode()
    assert "This is your profile. Who can see it: Public" in body


def test_unknown_profile_and_organisation_are_not_found(client):
    assert client.get("/experts/nobody-here/").status_code == 404
    assert client.get("/organisations/nothing-here/").status_code == 404


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1000000000"])
def test_organisation_page_survives_bad_page_numbers(client, profile, page):
    response = client.get(reverse("experts:organisation", args=["searcct"]), {"page": page})
    assert response.status_code == 200
    assert "Siti Rahman" in response.content.decode()


def test_when_a_member_was_last_active_is_for_members_only(client, member_client, profile):
    """Visitors neither see the date nor can sort by it; members can."""
    from django.utils import timezone

    from experts.models import ExpertProfile

    ExpertProfile.objects.filter(pk=profile.pk).update(last_active_at=timezone.now(), visibility="public")
    url = f"/experts/{profile.slug}/"
    assert "Last active" not in client.get(url).content.decode()
    assert "Last active" in member_client.get(url).content.decode()
    assert 'value="active"' not in client.get("/experts/").content.decode()
    assert 'value="active"' in member_client.get("/experts/").content.decode()
    assert client.get("/experts/", {"sort": "active"}).context["sort"] == "name"


def test_last_activity_reads_in_the_readers_language(member_client, profile):
    """A month and year in the reader's own order (2026年11月, not 十一月 2026)."""
    from datetime import datetime

    from django.utils import timezone

    from experts.models import ExpertProfile

    when = timezone.make_aware(datetime(2026, 11, 3, 9, 0))  # noqa: DTZ001
    ExpertProfile.objects.filter(pk=profile.pk).update(last_active_at=when, visibility="public")
    member_client.cookies["django_language"] = "zh-hans"
    assert "2026年11月" in member_client.get(f"/experts/{profile.slug}/").content.decode()
