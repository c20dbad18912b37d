"""The digest's sections contract (network/digest.py): sections come from settings, empty ones are dropped."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from network.digest import DigestItem, DigestSection, digest_sections_for
from network.models import Membership

pytestmark = pytest.mark.django_db

section_calls: list[tuple[object, datetime]] = []


def news_section(user, since):
    section_calls.append((user, since))
    items = [DigestItem(title="Youth engagement in Mombasa", url="https://onse.example/p/1/")]
    return DigestSection(key="news", title="News", items=items, total=3, more_url="https://onse.example/p/")


def empty_section(user, since):
    return DigestSection(key="empty", title="Nothing", items=[])


def absent_section(user, since):
    return None


@pytest.fixture
def sections(settings):
    section_calls.clear()
    settings.DIGEST_SECTIONS = [
        f"{__name__}.empty_section",
        f"{__name__}.news_section",
        f"{__name__}.absent_section",
    ]


def test_member_gets_the_configured_sections_that_have_news(sections, member):
    since = timezone.now() - timedelta(days=7)
    result = digest_sections_for(member, since)
    assert [section.key for section in result] == ["news"]
    assert section_calls == [(member, since)]
    assert (result[0].total, result[0].not_shown) == (3, 2)


@pytest.mark.parametrize("status", [Membership.Status.APPLIED, Membership.Status.SUSPENDED])
def test_no_sections_for_people_who_are_not_members(sections, make_membership, status):
    person = make_membership(status=status).user
    assert digest_sections_for(person, timezone.now()) == []
    assert digest_sections_for(AnonymousUser(), timezone.now()) == []
    assert section_calls == []


def test_no_sections_configured_means_an_empty_digest(settings, member):
    settings.DIGEST_SECTIONS = []
    assert digest_sections_for(member, timezone.now()) == []


def test_since_must_be_aware(sections, member):
    with pytest.raises(ValueError, match="aware"):
        digest_sections_for(member, datetime(2026, 1, 1))  # noqa: DTZ001


def test_total_defaults_to_the_items_listed():
    section = DigestSection(key="k", title="t", items=[DigestItem(title="a", url="https://x.example/")])
    assert (section.total, section.not_shown, section.is_empty) == (1, 0, False)
