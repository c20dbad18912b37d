"""The reading pages cost a fixed number of queries whatever the size of the thread or the page asked for, and
reading a thread writes one read-state row and never the thread."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import Category, ReadState, Thread
from tests.factories import PostFactory

from .reading_helpers import counters_refresh, thread_with_posts

pytestmark = pytest.mark.django_db
CATEGORY_MAX = 8
THREAD_MAX = 10


@pytest.fixture
def member_client(member_client):
    """Signed in and seen once already (the directory's "last active" stamp is written once a day, not here)."""
    member_client.get(reverse("network:members_home"))
    return member_client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("posts", [20, 2000])
def test_thread_page_first_and_last_page(member_client, member, posts):
    thread = thread_with_posts(posts)
    PostFactory(thread=thread, quote_of=thread.posts.get(number=1))
    counters_refresh(thread)
    last_page = (thread.last_number - 1) // 20 + 1
    for page in (1, last_page):
        response, sql = _get(member_client, f"{thread.get_absolute_url()}?page={page}")
        assert len(sql) <= THREAD_MAX, sql
        assert f'id="post-{(page - 1) * 20 + 1}"' in response.content.decode()
        writes = [q for q in sql if not q.lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))]
        assert len(writes) == 1 and writes[0].lstrip().startswith("INSERT INTO forums_readstate"), writes
        assert not any("forums_thread" in q and q.lstrip().upper().startswith("UPDATE") for q in sql)
    assert ReadState.objects.get(user=member, thread=thread).last_read_number == thread.last_number


def test_reading_again_writes_nothing(member_client):
    thread = thread_with_posts(5)
    _get(member_client, thread.get_absolute_url())
    before = Thread.objects.values_list("last_post_at", "post_count", "last_number").get(pk=thread.pk)
    _, sql = _get(member_client, thread.get_absolute_url())
    assert all(q.lstrip().upper().startswith("SELECT") for q in sql), sql
    assert Thread.objects.values_list("last_post_at", "post_count", "last_number").get(pk=thread.pk) == before


@pytest.mark.parametrize("posts", [20, 2000])
def test_category_page_first_and_last_page(member_client, member, posts):
    thread_with_posts(posts)
    for _ in range(35):  # two pages of threads
        thread_with_posts(2)
    for page in (1, 2):
        response, sql = _get(member_client, f"{reverse('forums:category', args=['youth'])}?page={page}")
        assert len(sql) <= CATEGORY_MAX, sql
        assert "new" in response.content.decode()


def test_index_page_costs_the_same_whatever_the_data(member_client):
    thread_with_posts(2)
    _, few = _get(member_client, reverse("forums:index"))
    for category in Category.objects.all()[:5]:
        for _ in range(3):
            thread_with_posts(3, category=category)
    _, many = _get(member_client, reverse("forums:index"))
    assert len(many) == len(few) <= CATEGORY_MAX, many


def test_members_home_costs_the_same_whatever_the_data(member_client):
    thread_with_posts(2)
    _, few = _get(member_client, reverse("network:members_home"))
    for _ in range(10):
        thread_with_posts(3)
    _, many = _get(member_client, reverse("network:members_home"))
    assert len(many) == len(few), many
