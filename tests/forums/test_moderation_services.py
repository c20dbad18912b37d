"""Moderation decisions about posts, threads and flags: audited, counted, the author told once in their language
with the reason; a decision that does not apply changes nothing."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import (
    Category,
    Flag,
    FlagReason,
    FlagStatus,
    Notification,
    Post,
    PostStatus,
    ReadState,
    Thread,
    ThreadFollow,
    ThreadStatus,
)
from forums.services import moderation as m
from forums.services.flags import post_flag
from network.workflow import TransitionNotAllowed
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _thread(posts: int = 3, **kwargs) -> Thread:
    thread = ThreadFactory(**kwargs)
    for _ in range(posts):
        PostFactory(thread=thread)
    _recount(thread)
    return thread


def _recount(*threads: Thread) -> None:
    thread_counters_refresh(thread_ids=[t.pk for t in threads])
    category_counters_refresh(category_ids=[t.category_id for t in threads])
    for thread in threads:
        thread.refresh_from_db()


def _author(language: str = "fr"):
    return ExpertProfileFactory(user__preferred_language=language).user


def test_hiding_a_post_audits_recounts_and_emails_the_author_once_in_their_language(
    moderator, django_capture_on_commit_callbacks
):
    author = _author("fr")
    thread = _thread(posts=1, author=author)
    post = PostFactory(thread=thread, author=author)
    _recount(thread)
    with django_capture_on_commit_callbacks(execute=True):
        m.post_hide(post=post, actor=moderator, note="Contains a phone number")
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    assert (thread.post_count, thread.last_post_number, thread.last_number) == (1, 1, 2)
    assert Category.objects.get(pk=thread.category_id).post_count == 1
    event = post.events.get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        moderator, "visible", "hidden", "Contains a phone number",
    )  # fmt: skip
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [author.email]
    assert "Contains a phone number" in mail.outbox[0].body
    assert 'lang="fr"' in mail.outbox[0].alternatives[0][0]
    assert thread.get_absolute_url() in mail.outbox[0].body  # the thread is still theirs to read


def test_unhiding_recounts_and_publishes(moderator, django_capture_on_commit_callbacks):
    thread = _thread(posts=2)
    post = thread.posts.get(number=2)
    m.post_hide(post=post, actor=moderator, note="Off topic")
    with (
        mock.patch("forums.notify.post_published") as published,
        mock.patch("forums.notify.moderation_decided") as decided,
        django_capture_on_commit_callbacks(execute=True),
    ):
        m.post_unhide(post=post, actor=moderator, note="")
    published.assert_called_once_with(post.pk)
    decided.assert_called_once_with(post.events.latest("pk").pk)
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_id) == (2, post.pk)


@pytest.mark.parametrize("service", [m.post_hide, m.post_reject])
def test_hide_and_reject_need_the_reason(moderator, service):
    post = PostFactory(status=PostStatus.VISIBLE if service is m.post_hide else PostStatus.PENDING)
    with pytest.raises(ValidationError, match="reason"):
        service(post=post, actor=moderator, note="  ")
    post.refresh_from_db()
    assert not post.events.exists() and post.status in (PostStatus.VISIBLE, PostStatus.PENDING)


def test_a_decision_that_does_not_apply_changes_nothing(moderator):
    post = PostFactory(status=PostStatus.VISIBLE)
    with pytest.raises(TransitionNotAllowed):
        m.post_approve(post=post, actor=moderator)
    thread = ThreadFactory(status=ThreadStatus.CLOSED)
    with pytest.raises(TransitionNotAllowed):
        m.thread_lock(thread=thread, actor=moderator)
    assert not post.events.exists() and not thread.events.exists()
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.CLOSED


def test_approving_a_premoderated_reply_makes_it_visible_and_counted(
    moderator, member, django_capture_on_commit_callbacks
):
    thread = _thread(posts=1)
    pending = PostFactory(thread=thread, author=member, status=PostStatus.PENDING)
    _recount(thread)
    assert not Post.objects.visible_to(ExpertProfileFactory().user).filter(pk=pending.pk).exists()
    with (
        mock.patch("forums.notify.post_published") as published,
        django_capture_on_commit_callbacks(execute=True),
    ):
        m.post_approve(post=pending, actor=moderator)
    published.assert_called_once_with(pending.pk)
    assert Post.objects.visible_to(ExpertProfileFactory().user).filter(pk=pending.pk).exists()
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_id) == (2, pending.pk)
    assert [m_.to for m_ in mail.outbox] == [[member.email]]
    assert "is published" in mail.outbox[0].subject


def test_approving_the_first_post_of_a_waiting_thread_opens_the_thread_with_one_email(
    moderator, django_capture_on_commit_callbacks
):
    author = _author("es")
    thread = ThreadFactory(status=ThreadStatus.PENDING, author=author)
    first = PostFactory(thread=thread, status=PostStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        m.post_approve(post=first, actor=moderator)
    thread.refresh_from_db()
    first.refresh_from_db()
    assert (thread.status, first.status, thread.post_count) == (ThreadStatus.OPEN, PostStatus.VISIBLE, 1)
    assert Category.objects.get(pk=thread.category_id).thread_count == 1
    assert len(mail.outbox) == 1 and 'lang="es"' in mail.outbox[0].alternatives[0][0]


def test_rejecting_the_first_post_of_a_waiting_thread_hides_the_thread(
    moderator, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(status=ThreadStatus.PENDING)
    first = PostFactory(thread=thread, status=PostStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        m.post_reject(post=first, actor=moderator, note="Advertising")
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.HIDDEN
    assert len(mail.outbox) == 1 and "Advertising" in mail.outbox[0].body
    assert thread.get_absolute_url() not in mail.outbox[0].body  # no link to what they cannot see


@pytest.mark.parametrize(
    ("service", "source", "target"),
    [
        (m.thread_lock, ThreadStatus.OPEN, ThreadStatus.LOCKED),
        (m.thread_unlock, ThreadStatus.LOCKED, ThreadStatus.OPEN),
        (m.thread_close, ThreadStatus.LOCKED, ThreadStatus.CLOSED),
        (m.thread_reopen, ThreadStatus.CLOSED, ThreadStatus.OPEN),
        (m.thread_unhide, ThreadStatus.HIDDEN, ThreadStatus.OPEN),
    ],
)
def test_thread_transitions_are_audited(moderator, service, source, target):
    thread = _thread(posts=1, status=source)
    service(thread=thread, actor=moderator, note="Weekly tidy-up")
    thread.refresh_from_db()
    assert thread.status == target
    event = thread.events.get()
    assert (event.from_status, event.to_status, event.note) == (source, target, "Weekly tidy-up")


def test_hiding_and_unhiding_a_thread_recounts_its_category(moderator, django_capture_on_commit_callbacks):
    author = _author("ar")
    thread = _thread(posts=3, author=author)
    _thread(posts=2)
    category = Category.objects.get(pk=thread.category_id)
    assert (category.thread_count, category.post_count) == (2, 5)
    with pytest.raises(ValidationError):
        m.thread_hide(thread=thread, actor=moderator, note="")
    with django_capture_on_commit_callbacks(execute=True):
        m.thread_hide(thread=thread, actor=moderator, note="Duplicate of another discussion")
    category.refresh_from_db()
    assert (category.thread_count, category.post_count) == (1, 2)
    assert len(mail.outbox) == 1 and "Duplicate of another discussion" in mail.outbox[0].body
    assert 'lang="ar"' in mail.outbox[0].alternatives[0][0]
    m.thread_unhide(thread=thread, actor=moderator)
    category.refresh_from_db()
    assert (category.thread_count, category.post_count) == (2, 5)


def test_pin_and_unpin_are_audited_without_email(moderator, django_capture_on_commit_callbacks):
    thread = _thread(posts=1)
    with django_capture_on_commit_callbacks(execute=True):
        m.thread_pin(thread=thread, actor=moderator, note="Read first")
    thread.refresh_from_db()
    assert thread.is_pinned
    m.thread_unpin(thread=thread, actor=moderator)
    thread.refresh_from_db()
    assert not thread.is_pinned
    events = list(thread.events.order_by("pk"))
    assert [(e.from_status, e.to_status) for e in events] == [("open", "open")] * 2
    assert events[0].note == "Pinned. Read first" and events[1].note == "Unpinned."
    assert mail.outbox == []


def test_moving_a_thread_recounts_both_categories(moderator):
    thread = _thread(posts=4)
    old = Category.objects.get(pk=thread.category_id)
    new = Category.objects.exclude(pk=old.pk).first()
    category_counters_refresh(category_ids=[old.pk, new.pk])
    m.thread_move(thread=thread, category=new, actor=moderator, note="Belongs here")
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.thread_count, old.post_count) == (0, 0)
    assert (new.thread_count, new.post_count) == (1, 4)
    assert thread.events.get().note.endswith("Belongs here")
    with pytest.raises(ValidationError):
        m.thread_move(thread=Thread.objects.get(pk=thread.pk), category=new, actor=moderator)


def test_merging_numbers_the_source_posts_after_the_target_and_hides_the_source(moderator, member):
    target = _thread(posts=3)
    target.posts.filter(number=3).delete()  # a number once given is never given again
    source = _thread(posts=3)
    PostFactory(thread=source, status=PostStatus.HIDDEN)
    _recount(source)
    source_posts = list(source.posts.order_by("number").values_list("pk", flat=True))
    ThreadFollow.objects.create(user=member, thread=source)
    ReadState.objects.create(user=member, thread=source, last_read_number=2)
    Notification.objects.create(recipient=member, kind="reply", thread=source, post_id=source_posts[1])
    m.thread_merge(source=source, target=target, actor=moderator, note="Same question")
    numbers = dict(Post.objects.filter(pk__in=source_posts).values_list("pk", "number"))
    assert [numbers[pk] for pk in source_posts] == [4, 5, 6, 7]
    assert set(Post.objects.filter(pk__in=source_posts).values_list("thread", flat=True)) == {target.pk}
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.status == ThreadStatus.HIDDEN and source.post_count == 0
    assert (target.post_count, target.last_number, target.last_post_number) == (5, 7, 6)
    assert f"thread {target.pk}" in source.events.get().note
    assert target.events.get().note.startswith("4 posts merged")
    assert ThreadFollow.objects.filter(user=member, thread=target).exists()
    assert not ReadState.objects.filter(thread=source).exists()
    assert Notification.objects.get().thread_id == target.pk
    category = Category.objects.get(pk=target.category_id)
    assert (category.thread_count, category.post_count) == (1, 5)
    assert mail.outbox == []  # nothing was removed: nobody is told their thread was hidden


def test_a_thread_is_not_merged_into_itself_nor_into_a_hidden_one(moderator):
    thread = _thread(posts=1)
    hidden = _thread(posts=1, status=ThreadStatus.HIDDEN)
    for target in (thread, hidden):
        with pytest.raises(ValidationError):
            m.thread_merge(source=thread, target=target, actor=moderator)
    assert thread.posts.count() == 1 and not thread.events.exists()


def test_upholding_a_flag_hides_the_post_with_the_reason_and_upholds_the_other_flags(
    moderator, django_capture_on_commit_callbacks
):
    author = _author("fr")
    post = PostFactory(thread=_thread(posts=1, author=author), author=author)
    first = post_flag(post=post, by=ExpertProfileFactory().user, reason=FlagReason.SPAM, details="")
    second = post_flag(post=post, by=ExpertProfileFactory().user, reason=FlagReason.ABUSE, details="")
    elsewhere = post_flag(
        post=PostFactory(), by=ExpertProfileFactory().user, reason=FlagReason.SPAM, details=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        m.flag_uphold(flag=first, actor=moderator, note="Links to a shop")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN
    with translation.override("fr"):
        assert post.events.get().note == f"{FlagReason.SPAM.label}. Links to a shop"  # the author's language
    assert [f.status for f in Flag.objects.filter(pk__in=[first.pk, second.pk, elsewhere.pk]).order_by("pk")] == [
        FlagStatus.UPHELD, FlagStatus.UPHELD, FlagStatus.OPEN,
    ]  # fmt: skip
    assert len(mail.outbox) == 1 and "Links to a shop" in mail.outbox[0].body


def test_dismissing_a_flag_leaves_the_post(moderator):
    post = PostFactory()
    flag = post_flag(post=post, by=ExpertProfileFactory().user, reason=FlagReason.OFF_TOPIC, details="")
    m.flag_dismiss(flag=flag, actor=moderator, note="On topic")
    flag.refresh_from_db()
    post.refresh_from_db()
    assert (flag.status, post.status) == (FlagStatus.DISMISSED, PostStatus.VISIBLE)
    with pytest.raises(TransitionNotAllowed):
        m.flag_uphold(flag=flag, actor=moderator)
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
