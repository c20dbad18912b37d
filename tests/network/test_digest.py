"""The digest's sections contract (network/digest.py): sections come from settings, empty ones are dropped."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from network.digest import (
    DigestItem,
    DigestSection,
    digest_readers,
    digest_section,
    digest_sections_for,
    digest_sections_for_readers,
)
from network.models import Membership, Theme

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


# --- Built once for a chunk of readers ---------------------------------------------------------------------------

builder_calls: list[list[int]] = []


@digest_section("chunked", "Chunked news")
def chunked_section(readers):
    """Reads once for all readers (here: records who), then answers each in their language."""
    builder_calls.append([reader.pk for reader in readers])

    def for_reader(reader):
        item = DigestItem(title=translation.get_language(), url="https://onse.example/p/1/")
        return DigestSection(key="chunked", title="Chunked", items=[item])

    return for_reader


def test_a_section_is_built_once_for_a_chunk_and_written_in_each_readers_language(
    settings, make_member, suspended, django_assert_num_queries
):
    settings.DIGEST_SECTIONS = [f"{__name__}.chunked_section"]
    builder_calls.clear()
    french, arabic, quiet = make_member(language="fr"), make_member(language="ar"), make_member()
    since = timezone.now() - timedelta(days=7)
    people = [french, arabic, quiet, suspended]
    assert [person.is_member for person in people] == [
        True,
        True,
        True,
        False,
    ]  # read with the users, as a run does
    with django_assert_num_queries(3):  # themes of profiles, of applications, countries: whatever the number
        readers = digest_readers([(person, since) for person in people], sections_off={quiet.pk: ["chunked"]})
    assert [reader.pk for reader in readers] == [french.pk, arabic.pk, quiet.pk]  # never the suspended member
    found = digest_sections_for_readers(readers)
    assert builder_calls == [[french.pk, arabic.pk]]  # once, without who turned the section off
    assert {pk: [item.title for s in sections for item in s.items] for pk, sections in found.items()} == {
        french.pk: ["fr"],
        arabic.pk: ["ar"],
        quiet.pk: [],
    }


def test_a_reader_knows_their_themes_country_and_region(make_member):
    person = make_member(themes=list(Theme.objects.filter(slug__in=["cft", "youth"])))
    (reader,) = digest_readers([(person, timezone.now())])
    membership = person.membership
    assert reader.theme_ids >= {theme.pk for theme in Theme.objects.filter(slug__in=["cft", "youth"])}
    assert (reader.country, reader.region) == (membership.country_id, membership.country.network_region)
