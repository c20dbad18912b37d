"""Versioned caches (network/cache.py): counts are served from the cache until the data they come from changes,
never across audiences, and an unreachable Redis only means "not cached"."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils.text import slugify

from experts.models import ExpertProfile
from network.cache import (
    FailOpenRedisCache,
    namespace_bump,
    namespace_cached,
    namespace_versions,
)
from network.models import Membership
from network.visibility import Visibility

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("experts:directory")


def _builds():
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    return calls, build


def test_a_value_is_built_once_until_its_namespace_is_bumped():
    calls, build = _builds()
    assert namespace_cached(("experts",), ("k",), build) == 1
    assert namespace_cached(("experts",), ("k",), build) == 1
    assert namespace_cached(("practices",), ("k",), build) == 2  # another namespace, another key
    before = namespace_versions(["experts"])
    namespace_bump("experts")
    assert namespace_versions(["experts"]) != before
    assert namespace_cached(("experts",), ("k",), build) == 3
    assert len(calls) == 3


def test_saving_a_profile_bumps_the_experts_namespace_but_signing_in_does_not(make_membership):
    user = make_membership(status=Membership.Status.APPROVED).user
    before = namespace_versions(["experts"])
    user.save(update_fields=["last_login"])
    assert namespace_versions(["experts"]) == before
    ExpertProfile.objects.create(user=user, slug=slugify(user.full_name) + "-x", visibility=Visibility.PUBLIC)
    assert namespace_versions(["experts"]) != before


def test_an_unreachable_redis_means_not_cached_never_an_error(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "network.cache.FailOpenRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    # (changing CACHES makes Django build its caches again from the settings)
    assert isinstance(caches["pages"], FailOpenRedisCache)
    _calls, build = _builds()
    assert namespace_cached(("experts",), ("k",), build) == 1
    assert namespace_cached(("experts",), ("k",), build) == 2  # nothing kept: built again
    namespace_bump("experts")  # nothing to do, nothing raised


def _public_expert(make_membership, name, visibility=Visibility.PUBLIC):
    user = make_membership(status=Membership.Status.APPROVED, user__full_name=name).user
    return ExpertProfile.objects.create(user=user, slug=slugify(name), visibility=visibility)


def test_the_directory_counts_come_from_the_cache_and_follow_every_change(client, make_membership):
    _public_expert(make_membership, "Amina Yusuf")
    hidden = _public_expert(make_membership, "Raúl Castaño", visibility=Visibility.MEMBERS)
    assert client.get(DIRECTORY).context["page"].paginator.count == 1
    # The same page again: the facet counts and the total are not counted again, the cards not read again.
    namespace_bump("experts")
    queries_first = _queries_of(client, DIRECTORY)
    queries_again = _queries_of(client, DIRECTORY)
    assert any("COUNT(" in query["sql"] for query in queries_first)
    assert not any("COUNT(" in query["sql"] for query in queries_again)
    assert not any('FROM "experts_expertprofile"' in query["sql"] for query in queries_again)
    assert len(queries_again) <= len(queries_first) - 3
    # A profile made public is in the very next page, counts included.
    hidden.visibility = Visibility.PUBLIC
    hidden.save(update_fields=["visibility"])
    response = client.get(DIRECTORY)
    assert response.context["page"].paginator.count == 2
    assert "Raúl Castaño" in response.content.decode()  # the cards fragment was built again
    region = next(facet for facet in response.context["facets"] if facet.name == "region")
    assert sum(option.count for option in region.options) == 2
    assert f'<span class="count">({region.options[0].count})</span>' in response.content.decode()


def test_members_and_visitors_never_share_counts(client, member_client, make_membership):
    _public_expert(make_membership, "Amina Yusuf")
    _public_expert(make_membership, "Raúl Castaño", visibility=Visibility.MEMBERS)
    assert member_client.get(DIRECTORY).context["page"].paginator.count >= 2
    assert client.get(DIRECTORY).context["page"].paginator.count == 1  # after the member's page was cached
    assert "Raúl Castaño" in member_client.get(DIRECTORY).content.decode()  # the member's, from the cache
    assert "Raúl Castaño" not in client.get(DIRECTORY).content.decode()


def _cell(html: str, country: str) -> str:
    """The matrix row of a country, as text."""
    import re

    row = re.search(rf"<tr><th scope=\"row\"><a [^>]*>{country}</a></th>(.*?)</tr>", html)
    return row.group(1) if row else ""


def test_the_matrix_is_built_once_and_follows_a_practice_unpublished(client, member_client):
    from practices.models import PracticeStatus
    from tests.factories import GoodPracticeFactory

    first = GoodPracticeFactory(countries=["KE"], themes=["pcve"])
    GoodPracticeFactory(countries=["KE"], themes=["pcve"], visibility=Visibility.MEMBERS)
    matrix = reverse("practices:matrix")
    assert ">1</a>" in _cell(client.get(matrix).content.decode(), "Kenya")
    assert ">2</a>" in _cell(
        member_client.get(matrix).content.decode(), "Kenya"
    )  # another audience, another table
    again = _queries_of(client, matrix)
    assert len(again) <= 2 and ">1</a>" in _cell(
        client.get(matrix).content.decode(), "Kenya"
    )  # from the cache
    first.status = PracticeStatus.ARCHIVED
    first.save(update_fields=["status"])
    assert "Kenya" not in client.get(matrix).content.decode()  # the visitor's table is built again at once
    assert ">1</a>" in _cell(member_client.get(matrix).content.decode(), "Kenya")


def _queries_of(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries
