"""Threads with many posts, made quickly (bulk_create + the counters the services would refresh)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection
from django.utils import timezone

from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import Post, Thread
from network.search import search_text
from tests.factories import ThreadFactory


def thread_with_posts(count: int, *, at: datetime | None = None, **kwargs: Any) -> Thread:
    thread = ThreadFactory(**kwargs)
    when = at or timezone.now()
    Post.objects.bulk_create(
        Post(
            thread=thread,
            number=number,
            author=thread.author,
            body=f"Message {number} about youth mentoring.",
            body_html=f"<p>Message {number} about youth mentoring.</p>",
            created_at=when,
        )
        for number in range(1, count + 1)
    )
    counters_refresh(thread)
    return thread


def counters_refresh(thread: Thread) -> None:
    thread_counters_refresh(thread_ids=[thread.pk])
    category_counters_refresh(category_ids=[thread.category_id])
    thread.refresh_from_db()


def search_vectors_fill() -> None:
    """What the posting services' indexing does, for the search tests."""
    rows = [(search_text(body), pk) for pk, body in Post.objects.values_list("pk", "body")]
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE forums_post SET search_vector = to_tsvector('simple', unaccent(%s)) WHERE id = %s", rows
        )
        cursor.execute(
            "UPDATE forums_thread SET search_vector = to_tsvector('simple', unaccent(lower(title)))"
        )
