"""A member's e-discussions in "Your data": exported; on deletion posts stay as a former member's, updates go."""

from __future__ import annotations

import pytest

from forums.counters import thread_counters_refresh
from forums.models import Post, QuickUpdate, ThreadFollow
from network.models import Membership
from network.services.accounts import account_delete
from network.your_data import account_export
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_the_download_holds_what_the_member_wrote_and_follows(member):
    thread = ThreadFactory(author=member, title="Youth mentoring in Mombasa")
    PostFactory(thread=thread, author=member, body="Five students per mentor.")
    QuickUpdate.objects.create(author=member, body="Back from the Nairobi workshop.")
    ThreadFollow.objects.create(user=member, thread=thread)

    data = account_export(member)["discussions"]

    assert data["threads_started"][0]["title"] == "Youth mentoring in Mombasa"
    assert data["posts"][0]["text"] == "Five students per mentor."
    assert data["quick_updates"][0]["text"] == "Back from the Nairobi workshop."
    assert data["followed_threads"] == [{"thread": "Youth mentoring in Mombasa", "level": "following"}]


def test_deleting_the_account_keeps_posts_as_a_former_members_and_removes_updates(member, make_membership):
    colleague = make_membership(status=Membership.Status.APPROVED, user__full_name="Wang Wei").user
    thread = ThreadFactory(author=colleague)
    PostFactory(thread=thread, author=colleague)
    reply = PostFactory(thread=thread, author=member, body="I agree with the mentoring model.")
    thread_counters_refresh(thread_ids=[thread.pk])
    QuickUpdate.objects.create(author=member, body="Mine only.")

    record = account_delete(user=member)

    reply = Post.objects.get(pk=reply.pk)
    assert reply.author is None and reply.body == "I agree with the mentoring model."
    assert not QuickUpdate.objects.exists()
    assert record.summary["forum_posts_kept_as_former_member"] == 1
    assert record.summary["quick_updates_removed"] == 1
