"""Read positions and "mark all read" (the rules are in forums/models/reading.py).

Both writes are a single statement each, atomic by themselves: no transaction block is opened around them, so a
thread page that records the reading costs exactly one query more and never a savepoint pair. A write that
changes anything drops the member's cached unread markers at once (``forums.caching.reader_changed``: the forum
pages' and the members' home's).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from forums.caching import reader_changed
from forums.models import Category, CategoryReadMark, Thread


def read_position_advance(*, user: Any, thread: Thread, number: int) -> None:
    """The member has read ``thread`` up to post ``number``: one ``INSERT … ON CONFLICT DO UPDATE`` that only
    ever moves the position forward (``GREATEST``) and writes nothing when it would not move. The thread's own
    row is never touched."""
    if number <= 0:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO forums_readstate (user_id, thread_id, last_read_number, updated_at)
            VALUES (%s, %s, %s, %s)
            ON CONFLICT (user_id, thread_id) DO UPDATE SET
                last_read_number = GREATEST(forums_readstate.last_read_number, EXCLUDED.last_read_number),
                updated_at = EXCLUDED.updated_at
            WHERE forums_readstate.last_read_number < EXCLUDED.last_read_number
            """,
            [user.pk, thread.pk, number, timezone.now()],
        )
        moved = cursor.rowcount
    if moved:  # raw SQL: no signal tells the caches
        reader_changed(user.pk)


def category_mark_read(*, user: Any, category: Category) -> None:
    """Every thread of the category with no activity after now counts as read for the member (one row)."""
    CategoryReadMark.objects.bulk_create(
        [CategoryReadMark(user=user, category=category, marked_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "category"],
        update_fields=["marked_at"],
    )
    reader_changed(user.pk)  # bulk_create sends no signal
