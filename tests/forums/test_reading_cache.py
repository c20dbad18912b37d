"""The reading pages' cached pieces (forums/caching.py): served without being built again, dropped at once when
what they show changes, and nothing of one member's own reaches another member — nor anything at all a visitor,
an applicant or a suspended member."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forums.caching import FORUMS, PEOPLE
from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import Category, Post, PostStatus, Thread, ThreadStatus
from forums.services.moderation import post_hide, thread_hide, thread_move
from forums.services.posting import post_edit, post_reply
from network.cache import namespace_bump
from network.models import Membership
from tests.clients import get_page, signed_in
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("forums:index")


@pytest.fixture(autouse=True)
def _fresh_namespaces() -> None:
    """Nothing cached by an earlier test (or another database on the same Redis) is read here."""
    namespace_bump(FORUMS, PEOPLE)


def _recount(thread: Thread) -> None:
    thread_counters_refresh(thread_ids=[thread.pk])
    category_counters_refresh(category_ids=[thread.category_id])
    thread.refresh_from_db()


@pytest.fixture
def thread(make_member) -> Thread:
    thread = ThreadFactory(author=make_member(user__full_name="Amina Starter"), title="Mentors in Mombasa")
    for number in range(1, 4):
        PostFactory(thread=thread, body=f"Post {number}", body_html=f"<p>Post body {number}</p>")
    _recount(thread)
    return thread


def test_a_thread_page_is_served_without_reading_its_posts_again(member, thread):
    client = signed_in(member)
    # Records the reading: their unread state is computed once more.
    get_page(client, thread.get_absolute_url())
    get_page(client, thread.get_absolute_url())
    again, sql = get_page(client, thread.get_absolute_url())
    assert "Post body 3" in again and "Amina Starter" in again
    assert not any('FROM "forums_post"' in query for query in sql), sql
    assert len(sql) <= 4, [query[:90] for query in sql]  # the user, their standing, the thread, their follow


def test_a_thread_page_follows_every_change_at_once(member, moderator, thread, make_member):
    client = signed_in(member)
    url = thread.get_absolute_url()
    get_page(client, url)
    last = thread.posts.get(number=3)
    post_edit(post=last, actor=moderator, body="Rewritten by the moderator")
    assert "Rewritten by the moderator" in get_page(client, url)[0]
    post_hide(post=thread.posts.get(number=2), actor=moderator, note="Off topic")
    page = get_page(client, url)[0]
    assert "Post body 2" not in page and "This post was hidden by a moderator." in page
    assert "Post body 2" in get_page(signed_in(moderator), url)[0]  # staff see it in full, their own piece
    writer = make_member(user__full_name="Baraka Writer")
    post_reply(thread=thread, author=writer, body="A brand new reply")
    assert "A brand new reply" in get_page(client, url)[0]
    writer.full_name = "Baraka Renamed"
    writer.save()
    page = get_page(client, url)[0]
    assert "Baraka Renamed" in page and "Baraka Writer" not in page
    thread_hide(thread=thread, actor=moderator, note="Spam")
    assert client.get(url).status_code == 404


def test_a_thread_page_shares_nothing_of_a_members_own(member, make_member, thread):
    author = thread.author
    pending = PostFactory(
        thread=thread, author=author, status=PostStatus.PENDING, body_html="<p>Awaiting</p>"
    )
    _recount(thread)
    url = thread.get_absolute_url()
    mine, _sql = get_page(signed_in(author), url)  # the author fills the cache first
    assert "Awaiting" in mine and reverse("forums:post_edit", args=[pending.pk]) in mine
    theirs, sql = get_page(signed_in(member), url)
    assert not any('FROM "forums_post"' in query for query in sql)  # the same piece…
    assert "Awaiting" not in theirs  # …without the author's pending post
    assert reverse("forums:post_edit", args=[pending.pk]) not in theirs
    assert "/edit/" not in theirs and reverse("forums:flag", args=[thread.posts.get(number=1).pk]) in theirs
    assert reverse("forums:flag", args=[thread.posts.get(number=1).pk]) not in mine  # nobody flags their own


def test_unread_markers_are_each_members_own(member, make_member, thread):
    reader = make_member()
    client = signed_in(reader)
    category = reverse("forums:category", args=[thread.category.slug])
    assert "is-unread" in get_page(signed_in(member), INDEX)[0]
    assert "is-unread" in get_page(signed_in(member), category)[0]
    get_page(client, thread.get_absolute_url())  # reads it all
    assert "is-unread" not in get_page(client, INDEX)[0]
    assert "is-unread" not in get_page(client, category)[0]
    assert "is-unread" in get_page(signed_in(member), INDEX)[0]  # still unread for the other member
    PostFactory(thread=thread, author=member)
    _recount(thread)
    assert "is-unread" in get_page(client, INDEX)[0]  # a new post: unread again at once


def test_the_index_is_served_from_the_cache_and_follows_new_threads(member, thread):
    client = signed_in(member)
    get_page(client, INDEX)
    page, sql = get_page(client, INDEX)
    assert not any("forums_category" in query for query in sql), sql
    youth = Category.objects.get(slug="youth")
    assert f'Last post: <a href="{thread.posts.get(number=3).get_absolute_url()}"' in page.replace(
        "&#x27;", "'"
    )
    newer = ThreadFactory(title="A newer thread on schools")
    PostFactory(thread=newer)
    _recount(newer)
    page = get_page(client, INDEX)[0]
    assert "A newer thread on schools" in page and f"{youth.thread_count + 1} threads" in page


def test_a_category_page_follows_moves_and_hides_at_once(member, moderator, thread):
    client = signed_in(member)
    youth = reverse("forums:category", args=["youth"])
    assert "Mentors in Mombasa" in get_page(client, youth)[0]
    page, sql = get_page(client, youth)
    assert "Mentors in Mombasa" in page and len(sql) <= 3, sql  # the user, their standing, the category
    other = Category.objects.exclude(slug="youth").filter(is_active=True).first()
    thread_move(thread=thread, category=other, actor=moderator)
    assert "Mentors in Mombasa" not in get_page(client, youth)[0]
    assert "Mentors in Mombasa" in get_page(client, reverse("forums:category", args=[other.slug]))[0]
    thread_hide(thread=thread, actor=moderator, note="Spam")
    assert "Mentors in Mombasa" not in get_page(client, reverse("forums:category", args=[other.slug]))[0]


def test_a_members_waiting_thread_is_listed_for_them_alone(member, make_member, thread):
    waiting = ThreadFactory(author=member, title="My thread awaiting approval", status=ThreadStatus.PENDING)
    PostFactory(thread=waiting, status=PostStatus.PENDING)
    youth = reverse("forums:category", args=["youth"])
    other = signed_in(make_member())
    assert "My thread awaiting approval" not in get_page(other, youth)[0]  # the shared piece, cached first
    assert "My thread awaiting approval" in get_page(signed_in(member), youth)[0]
    assert "My thread awaiting approval" not in get_page(other, youth)[0]


def test_a_suspended_member_is_refused_however_warm_the_cache(member, moderator, thread, outsiders):
    url = thread.get_absolute_url()
    pages = [INDEX, reverse("forums:category", args=["youth"]), url]
    for page in pages:
        get_page(signed_in(member), page)  # every piece cached
    for name, client in outsiders.items():
        for page in pages:
            response = client.get(page)
            assert response.status_code in (302, 403), (name, page)
            assert (
                "Post body" not in response.content.decode()
                and "Mentors in Mombasa" not in response.content.decode()
            )
    membership = Membership.objects.get(user=member)
    membership.status = Membership.Status.SUSPENDED
    membership.save()
    client = signed_in(member)
    for page in pages:
        assert client.get(page).status_code == 403


def test_nothing_is_built_twice_for_two_members(member, make_member, thread):
    """A page of posts is rendered once for every member: the second member runs no post query."""
    other = signed_in(make_member())  # (a new member bumps the people's namespace: made first)
    get_page(signed_in(member), thread.get_absolute_url())
    _page, sql = get_page(other, thread.get_absolute_url())
    assert not any('FROM "forums_post"' in query for query in sql), sql
    assert Post.objects.filter(thread=thread).count() == 3


def test_the_reply_forms_cached_fields_carry_no_token(member, thread):
    """The blank reply form's fields are cached per language; its tokens are each request's own."""
    client = signed_in(member)
    pages = [get_page(client, thread.get_absolute_url())[0] for _ in range(2)]

    def token(page: str, name: str) -> str:
        return page.split(f'name="{name}" value="')[1].split('"')[0]

    assert token(pages[0], "form_token") != token(pages[1], "form_token")
    assert 'id="id_body"' in pages[1] and 'name="attachments"' in pages[1]


def test_the_pages_work_with_redis_away(settings, member, thread):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "network.cache.FailOpenRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    client = signed_in(member)
    assert "Post body 3" in get_page(client, thread.get_absolute_url())[0]
    assert "Mentors in Mombasa" in get_page(client, reverse("forums:category", args=["youth"]))[0]
    assert "youth" in get_page(client, INDEX)[0]
