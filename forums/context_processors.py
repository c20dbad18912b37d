"""The unread notification count in the site header: members only, one query on the partial index
``notification_unread``, counted at most once per request and only if a template prints it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from forums.models import Notification

# The header says "99+" beyond this: the count stops there instead of scanning a long unread backlog.
UNREAD_COUNT_CAP = 100


def unread_notifications(request: HttpRequest) -> int:
    """Unread notifications of the signed-in person, up to the cap (callers check membership first)."""
    cached = getattr(request, "_forum_unread_count", None)
    if cached is None:
        cached = Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True)[
            :UNREAD_COUNT_CAP
        ].count()
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
