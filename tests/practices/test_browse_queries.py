"""The readers' pages run a fixed number of queries whatever the data, and search uses the GIN index."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.urls import reverse

from experts.models import ExpertProfile
from network.models import Theme
from network.visibility import Visibility
from practices.filters import PracticeFilterSet
from practices.models import Endorsement, GoodPractice, PracticeLink
from practices.search import practice_search_refresh
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
COUNTRIES = ["KE", "NG", "ET", "PH", "MY", "JO", "ID", "BR", "JM", "PK"]
MAX_QUERIES = 10


def _practices(count: int) -> list[GoodPractice]:
    """``count`` published practices with several countries, themes, organisations, links, keywords,
    contact experts and endorsements each, half of them members-only, all in one translation group."""
    themes = list(Theme.objects.all()[:4])
    organisations = [OrganisationFactory() for _ in range(3)]
    experts = [ExpertProfileFactory(membership__is_focal_point=True) for _ in range(3)]
    first = GoodPracticeFactory(title="Practice 0")
    rows = [
        GoodPractice(
            slug=f"bulk-{n}",
            title=f"Community dialogue programme {n}",
            summary="Youth mentors prevented recruitment.",
            language=["en", "fr", "ar", "zh"][n % 4],
            visibility=[Visibility.PUBLIC, Visibility.MEMBERS][n % 2],
            status="published",
            published_at=first.published_at,
            pillars=[1 + n % 4],
            start_year=2010 + n % 12,
            end_year=None if n % 3 else 2023,
            target_groups=["youth", "women"],
            translation_group=first.translation_group,
            submitted_by=experts[n % 3].user,
        )
        for n in range(1, count)
    ]
    practices = [first, *GoodPractice.objects.bulk_create(rows)]
    for n, practice in enumerate(practices):
        practice.countries.set(COUNTRIES[n % 10 : n % 10 + 3])
        practice.themes.set(themes[n % 2 : n % 2 + 2])
        practice.organisations.set(organisations)
        practice.contact_experts.set(experts[:2])
        practice.keywords.add("dialogue", "youth")
        PracticeLink.objects.create(practice=practice, title="Report", url="https://example.org/r")
        for expert in experts[: n % 3]:
            Endorsement.objects.create(practice=practice, endorser=expert.user)
    practice_search_refresh(practice_ids=[p.pk for p in practices])
    return practices


def _readers() -> dict[str, Client]:
    visitor = Client()
    member = Client()
    member.force_login(ExpertProfileFactory(membership__is_focal_point=True).user)
    # A member's first page of the hour also stamps "last seen" (network.middleware.LastSeenMiddleware): an hourly
    # cost of the visit, not of the pages measured here.
    member.get(reverse("network:home"))
    return {"visitor": visitor, "member": member}


@pytest.mark.parametrize("count", [20, 200])
def test_list_matrix_and_detail_run_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    practices = _practices(count)
    theme = Theme.objects.first()
    urls = [
        reverse("practices:list"),
        reverse("practices:list")
        + f"?q=dialogue&country=KE&country=NG&theme={theme.pk}&year=2015&sort=endorsed",
        reverse("practices:list")
        + "?pillar=1&region=africa&organisation=1&language=fr&target_group=youth&page=2",
        reverse("practices:matrix"),
        practices[0].get_absolute_url(),
        practices[-1].get_absolute_url(),
    ]
    for name, client in _readers().items():
        for url in urls:
            with django_assert_max_num_queries(MAX_QUERIES):
                response = client.get(url)
            assert response.status_code in {200, 404}, (name, url)
            assert response.status_code == 200 or name == "visitor", url


def _explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_search_and_the_listing_use_their_indexes():
    """A few thousand practices, their vectors computed in SQL. The planner uses the GIN index on the vector
    for a search, without ``enable_seqscan = off``: with the index, a rare word costs a few pages."""
    submitter = ExpertProfile.objects.first() or ExpertProfileFactory()
    rows = [
        GoodPractice(
            slug=f"many-{n}",
            title=f"Programme {n} on border management" if n % 500 else f"Rehabilitation programme {n}",
            summary="Training of customs officers and border police.",
            language="en",
            status="published",
            visibility=Visibility.PUBLIC,
            submitted_by=submitter.user,
        )
        for n in range(4000)
    ]
    GoodPractice.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE practices_goodpractice SET search_vector = "
            "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')"
        )
        cursor.execute("ANALYZE practices_goodpractice")
    visible = GoodPractice.objects.published().visible_to(AnonymousUser())
    filterset = PracticeFilterSet({"q": "rehabilitation"}, queryset=visible)
    plan = _explain(filterset.qs)
    assert "practice_search_vector" in plan, plan
    assert filterset.qs.count() == 8
