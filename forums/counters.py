"""The denormalised counters of threads and categories, recomputed from the posts inside the writer's
transaction: every service that adds, approves, hides, shows again, moves or merges posts calls these after its
change (never a page that only reads). Each is one UPDATE with subqueries on indexed columns, so it costs the
same for a 20-post and a 2,000-post thread, and it is always right — no increment can drift. Threads' counters
are what the members' home lists unread threads by: refreshing them bumps the "forums" cache namespace
(network/cache.py), whoever calls it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from network.cache import namespace_bump


def thread_counters_refresh(*, thread_ids: Iterable[int]) -> None:
    ids = list(set(thread_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE forums_thread AS t SET
                post_count = (SELECT count(*) FROM forums_post p WHERE p.thread_id = t.id AND p.status = 'visible'),
                last_post_id = last.id,
                last_post_number = coalesce(last.number, 0),
                last_post_at = coalesce(last.created_at, t.created_at),
                last_number = greatest(
                    t.last_number, coalesce((SELECT max(number) FROM forums_post p WHERE p.thread_id = t.id), 0)
                )
            FROM forums_thread AS t2
            LEFT JOIN LATERAL (
                SELECT p.id, p.number, p.created_at FROM forums_post p
                WHERE p.thread_id = t2.id AND p.status = 'visible'
                ORDER BY p.number DESC LIMIT 1
            ) AS last ON true
            WHERE t.id = t2.id AND t.id = ANY(%s)
            """,
            [ids],
        )
    namespace_bump("forums")


def category_counters_refresh(*, category_ids: Iterable[int]) -> None:
    ids = list(set(category_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE forums_category AS c SET
                thread_count = coalesce(agg.threads, 0),
                post_count = coalesce(agg.posts, 0),
                last_post_id = last.last_post_id,
                last_post_at = last.last_post_at
            FROM forums_category AS c2
            LEFT JOIN LATERAL (
                SELECT count(*) AS threads, sum(t.post_count) AS posts FROM forums_thread t
                WHERE t.category_id = c2.id AND t.status IN ('open', 'locked', 'closed')
            ) AS agg ON true
            LEFT JOIN LATERAL (
                SELECT t.last_post_id, t.last_post_at FROM forums_thread t
                WHERE t.category_id = c2.id AND t.status IN ('open', 'locked', 'closed')
                    AND t.last_post_id IS NOT NULL
                ORDER BY t.last_post_at DESC LIMIT 1
            ) AS last ON true
            WHERE c.id = c2.id AND c.id = ANY(%s)
            """,
            [ids],
        )
