"""The good practices' digest section: new published practices the member may read, on their themes or from
their region first, then the newest; capped, counted, in one query; nothing unpublished, nothing of their own,
nothing for someone who is not a member."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from network.digest import digest_readers, digest_sections_for
from network.models import Country, Membership, Theme
from network.visibility import Visibility
from practices.digest import section
from practices.models import PracticeStatus
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def _ago(days: float):
    return timezone.now() - timedelta(days=days)


def _titles(found) -> list[str]:
    return [item.title for item in found.items]


@pytest.fixture
def reader(make_membership):
    """A member in Brazil working on countering the financing of terrorism."""
    return make_membership(
        status=Membership.Status.APPROVED,
        country=Country.objects.get(code="BR"),
        themes=list(Theme.objects.filter(slug="cft")),
        user__preferred_language="en",
    ).user


@pytest.fixture
def only_practices(settings):
    settings.DIGEST_SECTIONS = ["practices.digest.section"]


def test_practices_on_the_members_themes_or_region_come_first_then_the_newest(reader, settings):
    GoodPracticeFactory(title="Last month", published_at=_ago(30), themes=["cft"], countries=["BR"])
    GoodPracticeFactory(title="Newest elsewhere", published_at=_ago(1), themes=["youth"], countries=["IN"])
    GoodPracticeFactory(title="On CFT in Kenya", published_at=_ago(3), themes=["cft"], countries=["KE"])
    in_region = GoodPracticeFactory(
        title="Youth work in Brazil", published_at=_ago(2), themes=["youth"], countries=["BR"]
    )
    GoodPracticeFactory(title="CFT in Brazil", published_at=_ago(5), themes=["cft"], countries=["BR"])

    found = section(reader, _ago(7))

    assert found is not None and found.key == "practices" and found.title == "New good practices"
    assert _titles(found) == ["CFT in Brazil", "Youth work in Brazil", "On CFT in Kenya", "Newest elsewhere"]
    assert found.total == 4 and found.not_shown == 0
    assert found.items[1].url == settings.SITE_URL + in_region.get_absolute_url()
    assert found.items[1].summary.startswith("Brazil · Local leaders and youth workers")
    assert found.more_url == settings.SITE_URL + "/practices/?sort=newest"


def test_at_most_the_limit_listed_all_counted(reader, settings):
    settings.DIGEST_SECTION_LIMIT = 5
    GoodPracticeFactory.create_batch(7, published_at=_ago(1))
    found = section(reader, _ago(7))
    assert (len(found.items), found.total, found.not_shown) == (5, 7, 2)


def test_nothing_unpublished_nothing_of_ones_own_nothing_old(reader):
    for status in (
        PracticeStatus.DRAFT,
        PracticeStatus.SUBMITTED,
        PracticeStatus.IN_REVIEW,
        PracticeStatus.CHANGES_REQUESTED,
        PracticeStatus.REJECTED,
    ):
        GoodPracticeFactory(title=f"Not published: {status}", status=status)
    GoodPracticeFactory(title="Archived", status=PracticeStatus.ARCHIVED, published_at=_ago(1))
    GoodPracticeFactory(title="Mine", submitted_by=reader, published_at=_ago(1))
    GoodPracticeFactory(title="Published before the period", published_at=_ago(8))
    assert section(reader, _ago(7)) is None


def test_members_only_practices_reach_members_and_nobody_else(reader, applicant, suspended, only_practices):
    GoodPracticeFactory(title="For members", visibility=Visibility.MEMBERS, published_at=_ago(1))
    GoodPracticeFactory(title="For everyone", visibility=Visibility.PUBLIC, published_at=_ago(1))

    assert sorted(_titles(section(reader, _ago(7)))) == ["For everyone", "For members"]
    for person in (applicant, suspended, AnonymousUser()):
        assert section(person, _ago(7)) is None
    for person in (applicant, suspended):  # through the digest's composer, as a sending would ask
        assert digest_sections_for(person, _ago(7)) == []


def test_a_practice_unpublished_after_planning_is_gone_at_sending(reader, only_practices):
    practice = GoodPracticeFactory(title="Archived since", published_at=_ago(1))
    assert [s.key for s in digest_sections_for(reader, _ago(7))] == ["practices"]
    practice.status = PracticeStatus.ARCHIVED
    practice.save(update_fields=["status"])
    assert digest_sections_for(reader, _ago(7)) == []


def test_context_is_in_the_members_language(reader, only_practices):
    reader.preferred_language = "fr"
    reader.save(update_fields=["preferred_language"])
    GoodPracticeFactory(published_at=_ago(1), countries=["BR"])
    (found,) = digest_sections_for(reader, _ago(7))
    assert found.items[0].summary.startswith("Brésil · ")


def test_one_query_for_a_chunk_of_readers_however_many_practices(
    reader, make_member, django_assert_num_queries
):
    GoodPracticeFactory.create_batch(8, published_at=_ago(1), themes=["cft", "pcve"], countries=["BR", "KE"])
    for people in ([reader], [reader, *(make_member() for _ in range(4))]):
        readers = digest_readers([(person, _ago(7)) for person in people])
        with django_assert_num_queries(1):
            for_reader = section.builder(readers)
        with django_assert_num_queries(0):
            assert [for_reader(one).total for one in readers] == [8] * len(people)
