"""What the reading pages cache (network/cache.py's versioned namespaces), and what drops it.

Rendered once and shared, because it is the same for every member who may read it:

- the index's categories (names, counts, last post): namespaces ``forums`` and ``forum-people``;
- a page of a category's threads (titles, badges, authors, counts, pagination), keyed by the statement of the
  visible threads — the one every member reads unless the reader has a thread waiting for approval there (then
  their own statement, so their own thread is in it and nobody else's), staff their own — and the page number:
  ``forums`` and ``forum-people``;
- a page of a thread's posts (numbers, authors, dates, bodies, attachments), per audience (staff see hidden posts
  in full, members a placeholder) and page number: ``forum-thread:<pk>`` and ``forum-people``; the thread's
  ``last_number`` and ``last_post_at`` are in the key too. Which of those posts a reader sees (pending ones only to
  their author) is decided per request, like everything that is the reader's own: unread markers, edit, quote and
  flag links, link cards (through the reader's visibility), forms and their tokens.

The members' home (forums/home.py) shares the latest quick updates (``updates``, ``forum-people``) and keeps each
member's unread threads under ``forums``, ``forum-people`` and their reader namespace.

Kept per member (``forum-reader:<pk>``): which categories and threads are unread for them.

Dropped at once: any save or delete of a thread, post, attachment or category, and every recount
(``forums.counters``: new posts, hidden or shown again, moved, merged — raw SQL, so it bumps explicitly) bumps
``forums`` and the threads' own namespaces; a change to a person's name or standing (``User`` but sign-ins and
"last seen" stamps, ``Membership``) bumps ``forum-people``; a read position or "mark all read" bumps the reader's
namespace. Unread markers also depend on time (activity older than READ_CUTOFF_DAYS counts as read): a member's
cached markers live ``PAGE_CACHE_TIMEOUT`` at most.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_delete, post_save

from network.cache import namespace_bump, namespace_bump_on_change

FORUMS = "forums"
PEOPLE = "forum-people"
UPDATES = "updates"  # the quick updates the members' home lists (forums/home.py)


def thread_namespace(thread_id: int) -> str:
    return f"forum-thread:{thread_id}"


def reader_namespace(user_id: int) -> str:
    return f"forum-reader:{user_id}"


def forum_changed(*, thread_ids: Iterable[int] = ()) -> None:
    """The forums' content changed (in these threads, if any): every cached piece built from it is dropped."""
    namespace_bump(FORUMS, *(thread_namespace(pk) for pk in set(thread_ids)))


def reader_changed(user_id: int) -> None:
    """This member's read positions or "mark all read" changed: their unread markers are dropped."""
    namespace_bump(reader_namespace(user_id))


def _thread_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    forum_changed(thread_ids=[instance.pk])


def _post_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    forum_changed(thread_ids=[instance.thread_id])


def _attachment_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    from forums.models import Post

    thread_id = Post.objects.filter(pk=instance.post_id).values_list("thread_id", flat=True).first()
    forum_changed(thread_ids=[thread_id] if thread_id else [])


def _reader_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    reader_changed(instance.user_id)


def connect() -> None:
    """Called by ForumsConfig.ready()."""
    from forums.models import Category, CategoryReadMark, Post, PostAttachment, QuickUpdate, ReadState, Thread
    from network.models import Membership, User

    namespace_bump_on_change(Category, FORUMS)
    namespace_bump_on_change(QuickUpdate, UPDATES)
    for model, receiver in (
        (Thread, _thread_saved),
        (Post, _post_saved),
        (PostAttachment, _attachment_saved),
    ):
        uid = f"forum-cache:{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    for reading in (ReadState, CategoryReadMark):
        uid = f"forum-cache:{reading._meta.label}"
        post_save.connect(_reader_saved, sender=reading, weak=False, dispatch_uid=uid)
        post_delete.connect(_reader_saved, sender=reading, weak=False, dispatch_uid=uid)
    namespace_bump_on_change(Membership, PEOPLE)
    namespace_bump_on_change(User, PEOPLE, ignore_fields=["last_login", "last_seen_at", "password"])
