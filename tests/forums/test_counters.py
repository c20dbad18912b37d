"""Thread and category counters follow the visible posts, whatever happened to the others."""

from __future__ import annotations

import pytest

from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import Category, PostStatus, Thread
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_counters_count_visible_posts_and_point_at_the_last_visible_one():
    thread = ThreadFactory()
    first, second = PostFactory(thread=thread), PostFactory(thread=thread)
    PostFactory(thread=thread, status=PostStatus.HIDDEN)
    PostFactory(thread=thread, status=PostStatus.PENDING)
    other = ThreadFactory(category=thread.category)
    PostFactory(thread=other)

    thread_counters_refresh(thread_ids=[thread.pk, other.pk])
    category_counters_refresh(category_ids=[thread.category_id])

    thread.refresh_from_db()
    assert (thread.post_count, thread.last_number, thread.last_post_number) == (2, 4, 2)
    assert thread.last_post == second and thread.last_post_at == second.created_at
    category = Category.objects.get(pk=thread.category_id)
    assert (category.thread_count, category.post_count) == (2, 3)
    assert category.last_post_id == Thread.objects.get(pk=other.pk).last_post_id
    assert first.number == 1
