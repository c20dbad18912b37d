"""The discussions' reading pages: members only, hidden and pending posts shown only to whom they should be,
search never returning them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from forums.models import PostStatus
from network.models import Membership
from tests.factories import PostFactory

from .reading_helpers import counters_refresh, search_vectors_fill, thread_with_posts

pytestmark = pytest.mark.django_db


def _pages(thread):
    return [
        reverse("forums:index"),
        reverse("forums:category", args=[thread.category.slug]),
        thread.get_absolute_url(),
        reverse("forums:search") + "?q=mentoring",
    ]


def test_visitors_are_sent_to_sign_in(client):
    thread = thread_with_posts(2)
    for url in _pages(thread):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
    assert client.post(reverse("forums:mark_read", args=["youth"])).status_code == 302


@pytest.mark.parametrize(
    "status", [Membership.Status.APPLIED, Membership.Status.REJECTED, Membership.Status.SUSPENDED]
)
def test_applicants_rejected_and_suspended_people_get_the_gate(make_membership, status):
    thread = thread_with_posts(2, title="Peer mentors in Mombasa")
    search_vectors_fill()
    client = Client()
    client.force_login(make_membership(status=status).user)
    for url in _pages(thread):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 403, url
        assert "Peer mentors in Mombasa" not in body and "Message 1" not in body
    assert client.post(reverse("forums:mark_read", args=["youth"])).status_code == 403


def test_index_lists_categories_with_counts_and_last_post(member_client):
    thread = thread_with_posts(3, title="Peer mentors in Mombasa")
    page = member_client.get(reverse("forums:index")).content.decode()
    assert "Engaging youth" in page
    assert "1 thread" in page and "3 posts" in page
    assert "Peer mentors in Mombasa" in page and f"{thread.get_absolute_url()}?page=1#post-3" in page


def test_category_lists_pinned_threads_first_then_by_activity(member_client):
    older = thread_with_posts(1, title="Older thread")
    pinned = thread_with_posts(1, title="Pinned rules", is_pinned=True)
    newer = thread_with_posts(1, title="Newer thread")
    page = member_client.get(reverse("forums:category", args=["youth"])).content.decode()
    assert page.index(pinned.title) < page.index(newer.title) < page.index(older.title)
    assert "Started by" in page and "No replies" in page


def test_wrong_slug_redirects_to_the_thread(member_client):
    thread = thread_with_posts(1)
    response = member_client.get(reverse("forums:thread", args=[thread.pk, "wrong"]) + "?page=1")
    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url() + "?page=1"
    assert member_client.get(thread.get_absolute_url() + "?page=2").status_code == 404


def test_hidden_posts_are_placeholders_for_members_and_pending_ones_only_for_their_author(
    member_client, member, moderator_client
):
    thread = thread_with_posts(1)
    PostFactory(thread=thread, status=PostStatus.HIDDEN, body_html="<p>Insulting words</p>")
    PostFactory(thread=thread, status=PostStatus.PENDING, author=member, body_html="<p>My pending reply</p>")
    other = PostFactory(thread=thread, status=PostStatus.PENDING, body_html="<p>Their pending reply</p>")
    counters_refresh(thread)

    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "This post was hidden by a moderator." in page and "Insulting words" not in page
    assert "My pending reply" in page and "Their pending reply" not in page
    assert f'id="post-{other.number}"' not in page

    staff_page = moderator_client.get(thread.get_absolute_url()).content.decode()
    assert "Insulting words" in staff_page and "Their pending reply" in staff_page


def test_post_page_shows_author_number_and_edited_marker(member_client):
    thread = thread_with_posts(1)
    from django.utils import timezone

    post = PostFactory(thread=thread, edited_at=timezone.now())
    counters_refresh(thread)
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert f'id="post-{post.number}"' in page and f'href="#post-{post.number}"' in page
    assert thread.author.display_name in page
    assert "edited" in page
    assert "<time datetime=" in page


def test_search_finds_visible_posts_only(member_client, moderator_client):
    thread = thread_with_posts(1, title="Peer mentors")
    PostFactory(thread=thread, body="Mentoring through football clubs", body_html="<p>x</p>")
    PostFactory(thread=thread, body="Football insults", status=PostStatus.HIDDEN)
    PostFactory(thread=thread, body="Football pending", status=PostStatus.PENDING)
    counters_refresh(thread)
    search_vectors_fill()

    for client in (member_client, moderator_client):
        page = client.get(reverse("forums:search"), {"q": "football"}).content.decode()
        assert "Mentoring through football clubs" in page
        assert "Football insults" not in page and "Football pending" not in page
        assert "1 post" in page
    page = member_client.get(reverse("forums:search"), {"q": "peer"}).content.decode()
    assert "Peer mentors" in page
    assert member_client.get(reverse("forums:search"), {"q": ""}).status_code == 200


def test_a_common_word_says_more_than_the_cap_instead_of_counting_every_post(member_client, monkeypatch):
    monkeypatch.setattr("forums.reading_views.SEARCH_COUNT_CAP", 2)
    thread = thread_with_posts(1, title="Peer mentors")
    for number in range(3):
        PostFactory(thread=thread, body=f"Football league {number}", body_html="<p>x</p>")
    counters_refresh(thread)
    search_vectors_fill()
    page = member_client.get(reverse("forums:search"), {"q": "football"}).content.decode()
    assert "More than 2 posts" in page and "Football league 2" in page
    page = member_client.get(reverse("forums:search"), {"q": "league 1"}).content.decode()
    assert "1 post" in page and "More than" not in page
