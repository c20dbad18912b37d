"""The discussions' section of the members' home (``settings.MEMBERS_HOME_SECTIONS``): threads with posts the
member has not read yet, by last activity — one query, evaluated when the template lists them."""

from __future__ import annotations

from typing import Any

from forums.models import Thread

HOME_THREADS = 8


def members_home_section(*, user: Any) -> dict[str, Any]:
    threads = (
        Thread.objects.visible_to(user)
        .with_unread(user, unread_only=True)
        .select_related("category", "last_post__author__membership")
        .order_by("-last_post_at", "-pk")[:HOME_THREADS]
    )
    return {"template": "forums/includes/home_section.html", "threads": threads}
