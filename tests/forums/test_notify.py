"""Who is told about a new post, a moderation decision and an e-discussion opening or closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.models import (
    CategoryFollow,
    Consultation,
    FollowLevel,
    Notification,
    PostEvent,
    PostStatus,
    ThreadFollow,
    ThreadStatus,
)
from forums.notify import consultation_closed, consultation_opened, moderation_decided, post_published
from forums.services.following import category_follow, thread_follow, thread_mute, thread_unfollow
from network.models import Membership
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db
Status = Membership.Status


def told(post=None, **filters):
    rows = Notification.objects.filter(**filters)
    if post is not None:
        rows = rows.filter(post=post)
    return {(row.recipient.full_name, row.kind) for row in rows.select_related("recipient")}


def test_followers_are_told_of_a_reply_but_never_its_author(make_member, thread, reply):
    follower, replier = make_member(user__full_name="Follower"), make_member(user__full_name="Replier")
    thread_follow(user=follower, thread=thread)
    thread_follow(user=replier, thread=thread)
    post = reply(replier)
    post_published(post.pk)
    assert told(post) == {("Follower", "reply")}


def test_the_author_follows_what_they_start_or_reply_to_unless_they_muted_it(make_member, thread, reply):
    replier, muter = make_member(), make_member()
    post_published(reply(replier).pk)
    thread_mute(user=muter, thread=thread)
    post_published(reply(muter).pk)
    levels = dict(ThreadFollow.objects.filter(thread=thread).values_list("user_id", "level"))
    assert levels == {replier.pk: FollowLevel.FOLLOWING, muter.pk: FollowLevel.MUTED}
    # the replier now hears of the next post; the one who muted does not
    post = reply(make_member())
    post_published(post.pk)
    assert set(Notification.objects.filter(post=post).values_list("recipient_id", flat=True)) == {replier.pk}


def test_category_followers_hear_of_a_new_thread_not_of_each_reply(make_member, reply):
    watcher = make_member(user__full_name="Watcher")
    starter = make_member(user__full_name="Starter")
    new_thread = ThreadFactory(author=starter)
    category_follow(user=watcher, category=new_thread.category)
    first = PostFactory(thread=new_thread, author=starter)
    post_published(first.pk)
    assert told(first) == {("Watcher", "reply")}
    second = reply(make_member(), thread=new_thread)
    post_published(second.pk)
    assert told(second) == {("Starter", "reply")}  # the starter follows what they started


def test_one_notification_per_post_the_strongest_reason_wins(make_member, thread, reply):
    both = make_member(user__full_name="Both")
    quoted = make_member(user__full_name="Quoted")
    thread_follow(user=both, thread=thread)
    thread_follow(user=quoted, thread=thread)
    quoted_post = reply(quoted)
    post = reply(make_member(), mentions=(both,), quote_of=quoted_post)
    post_published(post.pk)
    assert told(post) == {("Both", "mention"), ("Quoted", "quote")}
    assert Notification.objects.filter(post=post, recipient=both).count() == 1
    post_published(post.pk)  # called twice (a retried task): nothing more
    assert Notification.objects.filter(post=post).count() == len(told(post))


def test_mentioning_yourself_tells_nobody(make_member, reply):
    author = make_member()
    post = reply(author, mentions=(author,))
    post_published(post.pk)
    assert not Notification.objects.filter(post=post).exists()


def test_muting_wins_over_the_category_and_quotes_but_a_mention_still_reaches(make_member, reply):
    starter, muter = make_member(), make_member(user__full_name="Muter")
    new_thread = ThreadFactory(author=starter)
    category_follow(user=muter, category=new_thread.category)
    thread_mute(user=muter, thread=new_thread)
    first = PostFactory(thread=new_thread, author=starter)
    post_published(first.pk)
    assert told(first) == set()
    own = reply(muter, thread=new_thread)
    quoting = reply(starter, thread=new_thread, quote_of=own)
    post_published(quoting.pk)
    assert told(quoting) == set()
    mentioning = reply(starter, thread=new_thread, mentions=(muter,))
    post_published(mentioning.pk)
    assert told(mentioning) == {("Muter", "mention")}
    thread_unfollow(user=muter, thread=new_thread)
    assert not ThreadFollow.objects.filter(user=muter, thread=new_thread).exists()


@pytest.mark.parametrize("status", [Status.APPLIED, Status.SUSPENDED, Status.REJECTED])
def test_only_approved_members_are_told(make_member, thread, reply, status):
    outsider = make_member(user__full_name="Outsider")
    thread_follow(user=outsider, thread=thread)
    quoted = reply(outsider)
    Membership.objects.filter(user=outsider).update(status=status)
    post = reply(make_member(), mentions=(outsider,), quote_of=quoted)
    post_published(post.pk)
    assert ("Outsider", "mention") not in told(post)
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_an_inactive_account_is_not_told(make_member, thread, reply):
    gone = make_member()
    thread_follow(user=gone, thread=thread)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    post_published(reply(make_member()).pk)
    assert not Notification.objects.filter(recipient=gone).exists()


@pytest.mark.parametrize("status", [PostStatus.HIDDEN, PostStatus.PENDING])
def test_nothing_for_a_hidden_or_pending_post(make_member, thread, reply, status):
    follower = make_member()
    thread_follow(user=follower, thread=thread)
    post = reply(make_member(), mentions=(follower,), status=status)
    post_published(post.pk)
    assert not Notification.objects.exists()


@pytest.mark.parametrize("status", [ThreadStatus.HIDDEN, ThreadStatus.PENDING])
def test_nothing_when_members_can_no_longer_see_the_thread(make_member, thread, reply, status):
    follower = make_member()
    thread_follow(user=follower, thread=thread)
    post = reply(make_member(), mentions=(follower,))
    thread.__class__.objects.filter(pk=thread.pk).update(status=status)
    post_published(post.pk)
    assert not Notification.objects.exists()


def test_a_fixed_number_of_queries_whatever_the_number_of_followers(make_member, thread, reply):
    def queries_for(followers: int) -> int:
        for _ in range(followers):
            thread_follow(user=make_member(), thread=thread)
        post = reply(make_member())
        with CaptureQueriesContext(connection) as queries:
            post_published(post.pk)
        assert Notification.objects.filter(post=post).count() >= followers
        return len(queries)

    few = queries_for(2)
    many = queries_for(50)
    assert Notification.objects.count() > 50
    assert many == few <= 8


def test_a_moderation_decision_tells_the_author_in_the_app_and_is_not_emailed_again(
    make_member, thread, reply, moderator, django_capture_on_commit_callbacks
):
    author = make_member(user__full_name="Author")
    post = reply(author)
    event = PostEvent.objects.create(
        post=post,
        actor=moderator,
        from_status=PostStatus.VISIBLE,
        to_status=PostStatus.HIDDEN,
        notified_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderation_decided(event.pk)
    row = Notification.objects.get(recipient=author)
    assert (row.kind, row.post, row.read_at) == ("moderation", post, None)
    assert row.notified_at is not None and not mail.outbox
    Notification.objects.filter(pk=row.pk).update(read_at=timezone.now())
    again = PostEvent.objects.create(
        post=post,
        actor=moderator,
        from_status=PostStatus.HIDDEN,
        to_status=PostStatus.VISIBLE,
        notified_at=timezone.now(),
    )
    moderation_decided(again.pk)
    row = Notification.objects.get(recipient=author)  # the same row, back on top and unread
    assert row.read_at is None and row.created_at >= again.created_at


def test_an_e_discussion_followed_before_it_opens_tells_its_followers_once_when_it_opens_and_closes(
    make_member, thread
):
    early, late = make_member(user__full_name="Early"), make_member(user__full_name="Late")
    now = timezone.now()
    consultation = Consultation.objects.create(
        thread=thread,
        lead_question="What works?",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=8),
    )
    thread_follow(user=early, thread=thread)
    assert consultation_opened(consultation.pk) == 1
    assert consultation_opened(consultation.pk) == 0  # twice: nothing more
    thread_follow(user=late, thread=thread)
    Consultation.objects.filter(pk=consultation.pk).update(closed_at=timezone.now())
    assert consultation_closed(consultation.pk) == 2
    assert consultation_closed(consultation.pk) == 0
    rows = Notification.objects.filter(kind="consultation").select_related(
        "thread__consultation", "recipient"
    )
    assert sorted((row.recipient.full_name, row.about_closing) for row in rows) == [
        ("Early", False),
        ("Early", True),
        ("Late", True),
    ]


def test_category_follow_levels_are_upserts(member, thread):
    category_follow(user=member, category=thread.category)
    category_follow(user=member, category=thread.category)
    assert CategoryFollow.objects.get(user=member).level == FollowLevel.FOLLOWING
