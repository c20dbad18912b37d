"""The experts' digest section: profiles new since the member's previous digest that the member may see, sharing
their themes or region first; never hidden, never of someone who is not an approved active member, never their
own, nothing for someone who is not a member; a few queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from experts.digest import section
from experts.models import ExpertProfile
from network.digest import digest_readers, digest_sections_for
from network.models import Country, Membership, Theme
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _ago(days: float):
    return timezone.now() - timedelta(days=days)


def _names(found) -> list[str]:
    return [item.title for item in found.items] if found else []


def _expert(name: str, *, days: float = 1, country: str = "IN", themes=("youth",), **kwargs):
    return ExpertProfileFactory(
        user__full_name=name,
        created_at=_ago(days),
        membership__country=Country.objects.get(code=country),
        themes=list(Theme.objects.filter(slug__in=themes)),
        **kwargs,
    )


@pytest.fixture
def reader():
    """A member in Brazil working on countering the financing of terrorism, with a profile."""
    return _expert("Reader Own", days=0, country="BR", themes=["cft"]).user


@pytest.fixture
def only_experts(settings):
    settings.DIGEST_SECTIONS = ["experts.digest.section"]


def test_experts_sharing_themes_or_region_come_first_then_the_newest(reader, settings):
    _expert("Joined long ago", days=30, country="BR", themes=["cft"])
    _expert("Newest elsewhere", days=1)
    _expert("Same theme", days=3, country="KE", themes=["cft"])
    _expert("Same region", days=2, country="BR")
    _expert("Both", days=5, country="BR", themes=["cft"], headline="Financial intelligence, Southern Cone")

    found = section(reader, _ago(7))

    assert found is not None and found.key == "experts"
    assert _names(found) == ["Both", "Same region", "Same theme", "Newest elsewhere"]
    assert found.total == 4
    assert found.items[0].summary == "Financial intelligence, Southern Cone · Brazil"
    assert found.items[0].url.startswith(settings.SITE_URL + "/experts/expert-")
    # The themes of the reader's profile (CFT) and of their membership application (PCVE, the factory's).
    cft, pcve = sorted(Theme.objects.filter(slug__in=["cft", "pcve"]).values_list("pk", flat=True))
    assert found.more_url == f"{settings.SITE_URL}/experts/?theme={cft}&theme={pcve}"


def test_never_hidden_never_non_members_never_ones_own(reader, only_experts):
    _expert("Hidden person", visibility=Visibility.HIDDEN)
    _expert("Applicant person", membership__status=Membership.Status.APPLIED)
    _expert("Suspended person", membership__status=Membership.Status.SUSPENDED)
    _expert("Rejected person", membership__status=Membership.Status.REJECTED)
    _expert("Deactivated person", user__is_active=False)
    _expert("Visible person")
    assert _names(section(reader, _ago(7))) == ["Visible person"]
    assert _names(digest_sections_for(reader, _ago(7))[0]) == ["Visible person"]


def test_a_member_suspended_after_joining_disappears(reader):
    person = _expert("Suspended since")
    assert _names(section(reader, _ago(7))) == ["Suspended since"]
    Membership.objects.filter(user=person.user).update(status=Membership.Status.SUSPENDED)
    assert section(reader, _ago(7)) is None


def test_members_only_profiles_reach_members_and_nobody_else(reader, applicant, suspended, only_experts):
    _expert("Members only", visibility=Visibility.MEMBERS)
    _expert("Public", visibility=Visibility.PUBLIC)
    assert sorted(_names(section(reader, _ago(7)))) == ["Members only", "Public"]
    for person in (applicant, suspended, AnonymousUser()):
        assert section(person, _ago(7)) is None
    for person in (applicant, suspended):
        assert digest_sections_for(person, _ago(7)) == []


def test_capped_and_counted_the_rest_in_the_directory_of_the_region(make_membership, settings):
    settings.DIGEST_SECTION_LIMIT = 5
    membership = make_membership(status=Membership.Status.APPROVED, country=Country.objects.get(code="BR"))
    membership.themes.clear()
    reader = membership.user
    for number in range(7):
        _expert(f"Expert {number}")
    found = section(reader, _ago(7))
    assert (len(found.items), found.total, found.not_shown) == (5, 7, 2)
    assert found.more_url == settings.SITE_URL + "/experts/?region=latin-america-caribbean"


def test_one_query_for_a_chunk_of_readers_however_many_experts(
    reader, make_member, django_assert_num_queries
):
    for number in range(8):
        _expert(f"Expert {number}", country="BR", themes=["cft", "pcve"])
    others = [make_member() for _ in range(4)]
    for people in ([reader], [reader, *others]):
        readers = digest_readers([(person, _ago(7)) for person in people])
        with django_assert_num_queries(1):
            for_reader = section.builder(readers)
        new_profiles = {profile.user_id for profile in ExpertProfile.objects.filter(created_at__gte=_ago(7))}
        with django_assert_num_queries(0):
            totals = [for_reader(one).total for one in readers]
        # Each sees the 8 new experts and the other new members' profiles, never their own.
        assert totals == [len(new_profiles - {one.pk}) for one in readers]
        assert min(totals) >= 8
