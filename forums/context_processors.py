"""The unread notification count in the site header: members only, and only if a template prints it. It is on
every page a member opens, so it comes from the cache (Redis) — no SQL — and is counted on the partial index
``notification_unread`` only when the cached number was forgotten: every writer of notifications (forums/notify.py,
marking read) calls ``unread_count_forget`` for the people concerned once its transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from forums.models import Notification

# The header says "99+" beyond this: the count stops there instead of scanning a long unread backlog.
UNREAD_COUNT_CAP = 100
UNREAD_COUNT_SECONDS = 10 * 60  # a bound on staleness should a writer ever miss forgetting


def _key(user_id: int) -> str:
    return f"forums:unread:{user_id}"


def unread_count_forget(user_ids: Iterable[int]) -> None:
    """Forget the cached counts of these people once the current transaction commits (so a request in between
    cannot cache the number from before)."""
    keys = [_key(user_id) for user_id in set(user_ids)]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


def unread_notifications(request: HttpRequest) -> int:
    """Unread notifications of the signed-in person, up to the cap (callers check membership first)."""
    cached: int | None = getattr(request, "_forum_unread_count", None)
    if cached is None:
        user_id = int(request.user.pk or 0)
        cached = int(
            cache.get_or_set(
                _key(user_id),
                lambda: Notification.objects.filter(recipient_id=user_id, read_at__isnull=True)[
                    :UNREAD_COUNT_CAP
                ].count(),
                UNREAD_COUNT_SECONDS,
            )
            or 0
        )
        request._forum_unread_count = cached  # type: ignore[attr-defined]
    return cached


def notifications(request: HttpRequest) -> dict[str, Any]:
    """``notification_unread_count``: a callable the header calls inside ``{% if is_member %}``, so visitors,
    applicants and suspended members cost nothing; ``notification_unread_cap`` for the "99+"."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "notification_unread_count": lambda: unread_notifications(request),
        "notification_unread_cap": UNREAD_COUNT_CAP - 1,
    }
