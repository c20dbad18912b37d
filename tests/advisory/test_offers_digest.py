"""The offers' digest section: new published offers the member may see, on their themes first; nothing for
someone who is not a member, nothing unpublished, never the member's own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from advisory.digest import offers_section
from advisory.models import OfferStatus
from network.digest import digest_readers
from network.models import Theme
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _ago(days: float):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def reader():
    return ExpertProfileFactory(themes=list(Theme.objects.filter(slug="cft"))).user


def test_new_offers_on_the_members_themes_come_first_then_the_newest(reader, settings):
    old = OfferFactory(title="Last month", published_at=_ago(30))
    newest = OfferFactory(title="Newest on youth", published_at=_ago(1), themes=["youth"])
    mine_theme = OfferFactory(title="Older on CFT", published_at=_ago(3), themes=["cft"])
    section = offers_section(reader, _ago(7))
    assert section is not None and section.key == "offers"
    assert [item.title for item in section.items] == ["Older on CFT", "Newest on youth"]
    assert section.total == 2
    assert section.items[0].url == settings.SITE_URL + mine_theme.get_absolute_url()
    assert section.more_url == settings.SITE_URL + "/advisory/offers/"
    assert old.title not in [item.title for item in section.items] and newest


def test_only_published_offers_not_ones_own_and_five_at_most(reader):
    OfferFactory(status=OfferStatus.DRAFT, published_at=None)
    OfferFactory(status=OfferStatus.SUBMITTED, published_at=None)
    OfferFactory(offered_by=reader, published_at=_ago(1))
    assert offers_section(reader, _ago(7)) is None
    OfferFactory.create_batch(7, published_at=_ago(1))
    section = offers_section(reader, _ago(7))
    assert (len(section.items), section.total, section.not_shown) == (5, 7, 2)


def test_nothing_for_people_who_are_not_members(applicant, suspended):
    OfferFactory(visibility=Visibility.PUBLIC, published_at=_ago(1))
    for person in (applicant, suspended, AnonymousUser()):
        assert offers_section(person, _ago(7)) is None


def test_one_query_for_a_chunk_of_readers(reader, make_member, django_assert_num_queries):
    OfferFactory.create_batch(6, published_at=_ago(1), themes=["cft", "pcve"])
    for people in ([reader], [reader, *(make_member() for _ in range(4))]):
        readers = digest_readers([(person, _ago(7)) for person in people])
        with django_assert_num_queries(1):
            for_reader = offers_section.builder(readers)
        with django_assert_num_queries(0):
            assert [for_reader(one).total for one in readers] == [6] * len(people)
