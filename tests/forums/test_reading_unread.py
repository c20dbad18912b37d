"""Unread markers: read positions only move forward, and old threads, threads from before the member joined and
categories marked read count as read without a row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.models import Category, ReadState, Thread
from forums.services.reading import category_mark_read, read_position_advance
from network.models import Membership
from tests.factories import PostFactory

from .reading_helpers import counters_refresh, thread_with_posts

pytestmark = pytest.mark.django_db


def _state(thread, user):
    return Thread.objects.with_unread(user).get(pk=thread.pk)


def test_a_new_thread_is_unread_from_its_first_post(member):
    thread = thread_with_posts(12)
    state = _state(thread, member)
    assert (state.is_unread, state.unread_count, state.first_unread_number) == (True, 12, 1)


def test_reading_moves_forward_and_never_back(member):
    thread = thread_with_posts(12)
    read_position_advance(user=member, thread=thread, number=5)
    assert (_state(thread, member).unread_count, _state(thread, member).first_unread_number) == (7, 6)
    read_position_advance(user=member, thread=thread, number=3)
    assert ReadState.objects.get(user=member, thread=thread).last_read_number == 5
    read_position_advance(user=member, thread=thread, number=12)
    state = _state(thread, member)
    assert (state.is_unread, state.unread_count) == (False, 0)
    assert ReadState.objects.filter(user=member).count() == 1


def test_threads_quiet_for_longer_than_the_cutoff_count_as_read(member):
    Membership.objects.filter(user=member).update(decided_at=timezone.now() - timedelta(days=400))
    old = thread_with_posts(3, at=timezone.now() - timedelta(days=120))
    recent = thread_with_posts(3, at=timezone.now() - timedelta(days=10))
    assert _state(old, member).is_unread is False
    assert _state(recent, member).is_unread is True


def test_what_was_written_before_the_member_joined_counts_as_read(member):
    Membership.objects.filter(user=member).update(decided_at=timezone.now() - timedelta(days=5))
    before = thread_with_posts(3, at=timezone.now() - timedelta(days=20))
    assert _state(before, member).is_unread is False
    PostFactory(thread=before)  # a reply after the member joined
    counters_refresh(before)
    assert (_state(before, member).is_unread, _state(before, member).first_unread_number) == (True, 1)


def test_staff_without_membership_are_cut_off_at_their_account_creation(moderator):
    moderator.date_joined = timezone.now() - timedelta(days=2)
    moderator.save()
    before = thread_with_posts(2, at=timezone.now() - timedelta(days=3))
    after = thread_with_posts(2)
    assert (_state(before, moderator).is_unread, _state(after, moderator).is_unread) == (False, True)


def test_marking_a_category_read_is_one_row_and_new_posts_are_unread_again(member):
    Membership.objects.filter(user=member).update(decided_at=timezone.now() - timedelta(days=1))
    youth = Category.objects.get(slug="youth")
    other_category = Category.objects.exclude(pk=youth.pk).first()
    marked = [thread_with_posts(4, at=timezone.now() - timedelta(seconds=5)) for _ in range(3)]
    elsewhere = thread_with_posts(2, category=other_category, at=timezone.now() - timedelta(seconds=5))

    category_mark_read(user=member, category=youth)
    category_mark_read(user=member, category=youth)

    assert not any(_state(thread, member).is_unread for thread in marked)
    assert _state(elsewhere, member).is_unread
    assert ReadState.objects.filter(user=member).count() == 0
    PostFactory(thread=marked[0])
    counters_refresh(marked[0])
    assert _state(marked[0], member).is_unread


def test_mark_all_read_button(member_client, member):
    thread = thread_with_posts(2, at=timezone.now() - timedelta(seconds=5))
    response = member_client.post(reverse("forums:mark_read", args=["youth"]))
    assert response.status_code == 302
    assert _state(thread, member).is_unread is False
    page = member_client.get(reverse("forums:category", args=["youth"])).content.decode()
    assert "2 new" not in page


def test_jump_to_first_unread(member_client, member):
    thread = thread_with_posts(45)
    read_position_advance(user=member, thread=thread, number=25)
    url = thread.get_absolute_url()

    page = member_client.get(url).content.decode()
    assert f'href="{url}?page=2#post-26"' in page
    assert "20 new" in page  # 45 - 25
    response = member_client.get(url + "?unread=1")
    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=2#post-26"


def test_reading_a_page_records_its_last_post_and_reading_earlier_pages_keeps_it(member_client, member):
    thread = thread_with_posts(45)
    url = thread.get_absolute_url()
    member_client.get(url)
    assert ReadState.objects.get(user=member, thread=thread).last_read_number == 20
    member_client.get(url + "?page=3")
    member_client.get(url + "?page=1")
    assert ReadState.objects.get(user=member, thread=thread).last_read_number == 45
    assert _state(thread, member).is_unread is False


def test_category_page_shows_new_counts_and_index_marks_the_category(member_client, member):
    thread = thread_with_posts(9)
    read_position_advance(user=member, thread=thread, number=4)
    page = member_client.get(reverse("forums:category", args=["youth"])).content.decode()
    assert "5 new" in page and f"{thread.get_absolute_url()}?unread=1" in page
    index = member_client.get(reverse("forums:index")).content.decode()
    assert index.count("New posts") == 1
    read_position_advance(user=member, thread=thread, number=9)
    assert "New posts" not in member_client.get(reverse("forums:index")).content.decode()


def test_members_home_lists_threads_with_new_posts(member_client, member):
    unread = thread_with_posts(3, title="Peer mentors in Mombasa")
    read = thread_with_posts(3, title="Radio dramas in the Sahel")
    read_position_advance(user=member, thread=read, number=3)
    page = member_client.get(reverse("network:members_home")).content.decode()
    assert "New in the discussions since your last visit" in page
    assert unread.title in page and read.title not in page
