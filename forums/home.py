"""The forums' sections of the members' home (``settings.MEMBERS_HOME_SECTIONS``): threads with posts the member
has not read yet, by last activity, and the latest quick updates with their form — one query each, evaluated
when the template lists them.

The quick updates are the same for every member (staff also see hidden ones: another statement, another key), so
their list is a cached fragment (``updates_key``: the audience — staff or members —, the language, the versions
of ``UPDATES`` and ``PEOPLE``, for the authors' names and focal-point badges (forums/caching.py); named
rather than compiled from the statement, which costs a millisecond a page); the form, with its token, stays
outside it.

The unread threads are the member's own: their list is cached under a key that names the member and the versions
of the discussions (``FORUMS``: a thread, a category or the threads' counters, which every post moves), of the
people (``PEOPLE``) and of the member's read positions (``reader_namespace``), so a new post or a thread read shows
at once (forums/caching.py). The
query is built only when the fragment is not in the cache (``threads`` is called inside it)."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from forums.caching import FORUMS, PEOPLE, UPDATES, reader_namespace
from forums.models import QuickUpdate, Thread
from network.cache import cache_key
from network.cache import timeout as cache_timeout
from network.permissions import is_member

HOME_THREADS = 8
HOME_UPDATES = 10


def members_home_section(*, user: Any) -> dict[str, Any]:
    def threads() -> Any:
        return (
            Thread.objects.visible_to(user)
            .with_unread(user, unread_only=True)
            .select_related("category", "last_post__author__membership")
            .order_by("-last_post_at", "-pk")[:HOME_THREADS]
        )

    staff = bool(user.is_active and user.is_staff)
    key = cache_key(
        (FORUMS, PEOPLE, reader_namespace(user.pk)),
        ["home-unread", user.pk, staff, translation.get_language()],
    )
    return {"template": "forums/includes/home_section.html", "threads": threads, "threads_key": key}


def quick_updates_section(*, user: Any) -> dict[str, Any]:
    from forums.update_views import QuickUpdateForm

    updates = QuickUpdate.objects.visible_to(user).select_related("author__membership")[:HOME_UPDATES]
    # What visible_to gives each audience: every update to staff, those not hidden to members, none to others.
    audience = "staff" if user.is_active and user.is_staff else "members" if is_member(user) else "nobody"
    key_parts = ["home-quick-updates", audience, HOME_UPDATES, translation.get_language()]
    return {
        "template": "forums/includes/quick_updates_block.html",
        "updates": updates,
        "updates_key": cache_key((UPDATES, PEOPLE), key_parts),
        "form": QuickUpdateForm(),
        "form_fields_timeout": cache_timeout(),  # its blank fields, rendered once per language
    }
