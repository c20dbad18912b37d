"""The forums' sections of the members' home (``settings.MEMBERS_HOME_SECTIONS``): threads with posts the member
has not read yet, by last activity, and the latest quick updates with their form — one query each, evaluated
when the template lists them."""

from __future__ import annotations

from typing import Any

from forums.models import QuickUpdate, Thread

HOME_THREADS = 8
HOME_UPDATES = 10


def members_home_section(*, user: Any) -> dict[str, Any]:
    threads = (
        Thread.objects.visible_to(user)
        .with_unread(user, unread_only=True)
        .select_related("category", "last_post__author__membership")
        .order_by("-last_post_at", "-pk")[:HOME_THREADS]
    )
    return {"template": "forums/includes/home_section.html", "threads": threads}


def quick_updates_section(*, user: Any) -> dict[str, Any]:
    from forums.update_views import QuickUpdateForm

    updates = QuickUpdate.objects.visible_to(user).select_related("author__membership")[:HOME_UPDATES]
    return {
        "template": "forums/includes/quick_updates_block.html",
        "updates": updates,
        "form": QuickUpdateForm(),
    }
