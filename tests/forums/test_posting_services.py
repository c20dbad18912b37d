"""Starting threads, replying and editing through the services: who may, where, what is stored and counted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forums.models import Category, Consultation, ForumSettings, Post, PostStatus, Thread, ThreadStatus
from forums.services.posting import post_edit, post_reply, quote_text, thread_start
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _start(author, **kwargs):
    kwargs.setdefault("category", Category.objects.get(slug="youth"))
    kwargs.setdefault("title", "Mentoring in schools")
    kwargs.setdefault("body", "How do you pair mentors with students?")
    return thread_start(author=author, **kwargs)


def test_a_thread_starts_with_post_one_and_counters_follow(member, amina):
    thread = _start(member, keywords=["youth", "schools"])
    reply = post_reply(thread=thread, author=amina, body="Five students per mentor worked for us.")

    thread.refresh_from_db()
    category = Category.objects.get(slug="youth")
    assert [p.number for p in thread.posts.order_by("number")] == [1, 2]
    assert (thread.last_number, thread.post_count, thread.last_post_id) == (2, 2, reply.pk)
    assert (category.thread_count, category.post_count, category.last_post_id) == (1, 2, reply.pk)
    assert sorted(thread.keywords.names()) == ["schools", "youth"]
    assert thread.slug == "mentoring-in-schools"


def test_numbers_are_never_reused_after_a_post_is_hidden(member):
    thread = _start(member)
    second = post_reply(thread=thread, author=member, body="Second")
    Post.objects.filter(pk=second.pk).update(status=PostStatus.HIDDEN)
    third = post_reply(thread=thread, author=member, body="Third")
    assert third.number == 3
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_number) == (2, 3)


@pytest.mark.parametrize("who", ["applicant", "suspended"])
def test_non_members_cannot_post(request, member, who):
    thread = _start(member)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        _start(user)
    with pytest.raises(PermissionDenied):
        post_reply(thread=thread, author=user, body="Hello")
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "reason"),
    [(ThreadStatus.LOCKED, "locked by a moderator"), (ThreadStatus.CLOSED, "closed")],
)
def test_a_locked_or_closed_thread_refuses_replies_with_the_reason(member, amina, status, reason):
    thread = _start(member)
    Thread.objects.filter(pk=thread.pk).update(status=status)
    with pytest.raises(ValidationError, match=reason):
        post_reply(thread=thread, author=amina, body="Hello")


def test_someone_elses_pending_or_hidden_thread_takes_no_reply(member, amina):
    thread = _start(member)
    Thread.objects.filter(pk=thread.pk).update(status=ThreadStatus.PENDING)
    with pytest.raises(PermissionDenied):  # not even visible to them
        post_reply(thread=thread, author=amina, body="Hello")
    assert post_reply(thread=thread, author=member, body="Adding a detail").number == 2
    Thread.objects.filter(pk=thread.pk).update(status=ThreadStatus.HIDDEN)
    with pytest.raises(PermissionDenied):
        post_reply(thread=thread, author=member, body="Hello")


def test_a_consultation_takes_posts_only_while_it_is_open(member, amina):
    thread = _start(member)
    now = timezone.now()
    consultation = Consultation.objects.create(
        thread=thread, lead_question="Q", opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9)
    )
    with pytest.raises(ValidationError, match="This e-discussion opens on"):
        post_reply(thread=thread, author=amina, body="Early")
    consultation.opens_at, consultation.closes_at = now - timedelta(days=9), now - timedelta(days=1)
    consultation.save()
    with pytest.raises(ValidationError, match="closed on"):
        post_reply(thread=thread, author=amina, body="Late")
    consultation.closes_at = now + timedelta(days=1)
    consultation.save()
    assert post_reply(thread=thread, author=amina, body="In time").number == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something first."),
        ("  \n\n ", "Write something first."),
        ("a" * 20_001, "the limit is 20,000"),
    ],
)
def test_bad_bodies_are_refused_with_a_clear_message(member, body, message):
    with pytest.raises(ValidationError, match=message):
        _start(member, body=body)
    assert not Thread.objects.exists()


def test_a_100_kb_post_is_refused_with_the_limit(member):
    with pytest.raises(ValidationError, match="has 102,400 characters: the limit is 20,000"):
        _start(member, body="a" * 100 * 1024)
    assert not Thread.objects.exists()


def test_hostile_html_is_neutralised(member):
    thread = _start(
        member, body="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    html = thread.posts.get().body_html
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as the text it was


def test_mentions_resolve_approved_members_only(member, amina, suspended):
    ExpertProfileFactory(slug="applicant-ann", membership__status="applied")
    ExpertProfileFactory(slug="suspended-sam", membership__status="suspended")
    thread = _start(
        member,
        body="Thanks @amina-yusuf and @Amina-Yusuf, also @applicant-ann, @suspended-sam, @nobody "
        "and mail@amina-yusuf.org, `@amina-yusuf` in code",
    )
    post = thread.posts.get()
    assert list(post.mentions.all()) == [amina]
    reply = post_reply(thread=thread, author=amina, body="Only @applicant-ann and @suspended-sam")
    assert not reply.mentions.exists()


def test_a_quote_points_at_the_quoted_post_of_the_same_thread(member, amina):
    thread = _start(member, body="Line one\nLine two")
    first = thread.posts.get()
    assert quote_text(first).startswith("> ") and "> Line two" in quote_text(first)
    reply = post_reply(thread=thread, author=amina, body=quote_text(first) + "Agreed", quote_of=first)
    assert reply.quote_of == first and "<blockquote>" in reply.body_html
    other = _start(member, title="Another")
    assert post_reply(thread=other, author=amina, body="x", quote_of=first).quote_of is None


def test_premoderation_holds_new_members_first_posts(member, amina, django_capture_on_commit_callbacks):
    settings_row = ForumSettings.current()
    settings_row.premoderate_first_posts = 1
    settings_row.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        thread = _start(member)
    assert thread.status == ThreadStatus.PENDING and thread.posts.get().status == PostStatus.PENDING
    assert _notifying(callbacks) == []  # no notification for what waits
    assert (thread.post_count, Category.objects.get(slug="youth").thread_count) == (0, 0)
    Thread.objects.filter(pk=thread.pk).update(status=ThreadStatus.OPEN)
    Post.objects.filter(thread=thread).update(status=PostStatus.VISIBLE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = post_reply(thread=thread, author=member, body="Now I have one visible post")
    assert reply.status == PostStatus.VISIBLE and len(_notifying(callbacks)) == 1


def _notifying(callbacks):
    """The on-commit callbacks but the caches' version bumps (network/cache.py ``namespace_bump``: a thread or
    its counters changed)."""
    return [
        callback for callback in callbacks if "namespace_bump" not in getattr(callback, "__qualname__", "")
    ]


def test_a_visible_post_is_handed_to_notifications_on_commit(member, amina, monkeypatch):
    published = []
    monkeypatch.setattr("forums.notify.post_published", published.append)
    thread = _start(member)
    post = post_reply(thread=thread, author=amina, body="Hi")
    # django_db wraps the test in a transaction: on_commit callbacks have not run
    assert published == []
    assert post.status == PostStatus.VISIBLE


def test_the_author_edits_within_the_window_and_moderators_always(member, amina, moderator):
    thread = _start(member)
    post = thread.posts.get()
    post_edit(post=post, actor=member, body="Better *wording* @amina-yusuf")
    post.refresh_from_db()
    assert post.edited_by == member and post.edited_at and "<em>wording</em>" in post.body_html
    assert list(post.mentions.all()) == [amina]
    with pytest.raises(PermissionDenied):
        post_edit(post=post, actor=amina, body="Not mine")
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    with pytest.raises(PermissionDenied, match="30 minutes"):
        post_edit(post=post, actor=member, body="Too late")
    post_edit(post=post, actor=moderator, body="Moderator's fix")
    post.refresh_from_db()
    assert post.body == "Moderator's fix" and post.edited_by == moderator


def test_search_vectors_are_written(member):
    thread = _start(member, title="Financement du terrorisme", body="Les réseaux hawala", keywords=["hawala"])
    assert Thread.objects.filter(
        pk=thread.pk, search_vector=SearchQuery("financement", config="simple")
    ).exists()
    assert Thread.objects.filter(pk=thread.pk, search_vector=SearchQuery("hawala", config="simple")).exists()
    assert Post.objects.filter(thread=thread, search_vector=SearchQuery("reseaux", config="simple")).exists()
