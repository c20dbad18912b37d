"""The forums' sections of a member's digest (network/digest.py; how they choose: docs/digests.md).

- ``followed_section``: threads the member follows that have posts they have not read, written since their
  start — how many, who wrote the last one, a link to the first of them;
- ``discussions_section``: threads started since then in the member's categories (a category is linked to
  themes: those of the member's profile or membership application, plus the categories they follow, minus the
  ones they muted); the newest everywhere for a member who has no such category;
- ``updates_section``: quick updates posted since then, newest first.

What may appear, whoever reads (staff included, who see hidden content on the site): what every member reads
(``visible_to_every_member``: visible posts in open, locked or closed threads, quick updates no moderator hid),
never the reader's own, and only what someone still in good standing wrote (an active, approved member or staff:
never an applicant's, a suspended member's or a deleted account's).

Each builder reads a chunk of readers' candidates in a fixed number of queries (one to five), whatever the
number of readers, threads, posts or updates; each reader's list is then picked in Python and written in their
language (category names, "3 new posts").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forums.models import (
    PAGE_SIZE,
    Category,
    CategoryFollow,
    FollowLevel,
    Post,
    QuickUpdate,
    ReadState,
    Thread,
    ThreadFollow,
)
from forums.notify import members
from network.digest import (
    DigestItem,
    DigestReader,
    DigestSection,
    ReaderSection,
    digest_section,
    earliest,
    section_limit,
)
from network.models import User

EXCERPT_CHARS = 140
UPDATE_TITLE_CHARS = 100


def _name(full_name: str | None) -> str:
    """The name members see (``User.display_name``: never an email address)."""
    return User(full_name=full_name or "").display_name


def _page_url(thread_url: str, number: int) -> str:
    page = (max(number, 1) - 1) // PAGE_SIZE + 1
    return f"{settings.SITE_URL}{thread_url}?page={page}#post-{number}"


def _reader_pks(readers: Sequence[DigestReader]) -> list[int]:
    return [reader.pk for reader in readers]


# --- Discussions I follow -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NewPost:
    number: int
    created_at: datetime
    author_id: int
    author_name: str


@digest_section("followed", gettext_lazy("Discussions I follow"))
def followed_section(readers: Sequence[DigestReader]) -> ReaderSection:
    """Followed threads with new posts the reader has not read: the most recently active first. Four queries:
    the readers' follows of threads with new posts, their read marks there, those threads, their new posts."""
    since = earliest(readers)
    new_posts = Post.objects.visible_to_every_member().filter(author__in=members(), created_at__gte=since)
    # Only threads with new posts every member may read (so the thread is readable too).
    follows = ThreadFollow.objects.filter(
        Exists(new_posts.filter(thread=OuterRef("thread"))),
        user__in=_reader_pks(readers),
        level=FollowLevel.FOLLOWING,
    )
    followed: dict[int, set[int]] = defaultdict(set)
    for user_id, thread_id in follows.values_list("user_id", "thread_id"):
        followed[user_id].add(thread_id)
    thread_ids = set().union(*followed.values()) if followed else set()
    read: dict[tuple[int, int], int] = {}
    threads: dict[int, Thread] = {}
    posts: dict[int, list[_NewPost]] = defaultdict(list)
    if thread_ids:
        read = {
            (user_id, thread_id): number
            for user_id, thread_id, number in ReadState.objects.filter(
                user__in=followed.keys(), thread__in=thread_ids
            ).values_list("user_id", "thread_id", "last_read_number")
        }
        threads = {t.pk: t for t in Thread.objects.filter(pk__in=thread_ids).only("pk", "slug", "title")}
        for thread_id, number, created_at, author_id, author_name in (
            new_posts.filter(thread__in=thread_ids)
            .order_by("thread_id", "number")
            .values_list("thread_id", "number", "created_at", "author_id", "author__full_name")
        ):
            posts[thread_id].append(_NewPost(number, created_at, author_id, author_name or ""))
    more_url = settings.SITE_URL + reverse("forums:notifications")

    def for_reader(reader: DigestReader) -> DigestSection | None:
        found = []
        for thread_id in followed.get(reader.pk, ()):
            last_read = read.get((reader.pk, thread_id), 0)
            unread = [
                post
                for post in posts[thread_id]
                if post.number > last_read and post.created_at >= reader.since and post.author_id != reader.pk
            ]
            if unread:
                found.append((threads[thread_id], unread))
        if not found:
            return None
        found.sort(key=lambda pair: (pair[1][-1].created_at, pair[0].pk), reverse=True)
        items = [
            DigestItem(
                title=thread.title,
                url=_page_url(thread.get_absolute_url(), unread[0].number),
                summary=ngettext(
                    "%(count)d new post, the last by %(name)s",
                    "%(count)d new posts, the last by %(name)s",
                    len(unread),
                )
                % {"count": len(unread), "name": _name(unread[-1].author_name)},
                when=unread[-1].created_at,
            )
            for thread, unread in found[: section_limit()]
        ]
        return DigestSection(
            key="followed",
            title=_("Discussions you follow"),
            items=items,
            total=len(found),
            more_url=more_url,
        )

    return for_reader


# --- New discussions in my themes ------------------------------------------------------------------------------


@digest_section("discussions", gettext_lazy("New discussions in my themes"))
def discussions_section(readers: Sequence[DigestReader]) -> ReaderSection:
    """Threads started since a reader's start in their categories, newest first (in every active category for a
    reader who has none), without the ones they follow or muted (the followed ones are in their own section).
    Five queries: the new threads, the active categories and their themes, the readers' category follows and
    mutes, the readers' follows of the new threads."""
    first_post = Post.objects.filter(thread=OuterRef("pk"), number=1).visible_to_every_member()
    new: list[Any] = list(
        Thread.objects.visible_to_every_member()
        .filter(author__in=members(), created_at__gte=earliest(readers), category__is_active=True)
        .select_related("category", "author")
        .annotate(first_post_html=Subquery(first_post.values("body_html")[:1]))
        .order_by("-created_at", "-pk")
    )
    if not new:
        return lambda reader: None
    excerpts = {
        thread.pk: Truncator(" ".join(strip_tags(thread.first_post_html or "").split())).chars(EXCERPT_CHARS)
        for thread in new
    }
    category_themes: dict[int, set[int]] = defaultdict(set)
    active = set(Category.objects.filter(is_active=True).values_list("pk", flat=True))
    for category_id, theme_id in Category.themes.through.objects.filter(category__in=active).values_list(
        "category_id", "theme_id"
    ):
        category_themes[category_id].add(theme_id)
    pks = _reader_pks(readers)
    following: dict[int, set[int]] = defaultdict(set)
    muted: dict[int, set[int]] = defaultdict(set)
    for user_id, category_id, level in CategoryFollow.objects.filter(user__in=pks).values_list(
        "user_id", "category_id", "level"
    ):
        (muted if level == FollowLevel.MUTED else following)[user_id].add(category_id)
    thread_follows: dict[int, set[int]] = defaultdict(set)
    for user_id, thread_id in ThreadFollow.objects.filter(
        user__in=pks, thread__in=[thread.pk for thread in new]
    ).values_list("user_id", "thread_id"):
        thread_follows[user_id].add(thread_id)
    more_url = settings.SITE_URL + reverse("forums:index")

    def for_reader(reader: DigestReader) -> DigestSection | None:
        mine = {
            category
            for category in active
            if (category_themes[category] & reader.theme_ids or category in following[reader.pk])
            and category not in muted[reader.pk]
        }
        theirs = [
            thread
            for thread in new
            if thread.created_at >= reader.since
            and thread.author_id != reader.pk
            and thread.pk not in thread_follows[reader.pk]
            and thread.category_id not in muted[reader.pk]
            and (not mine or thread.category_id in mine)
        ]
        if not theirs:
            return None
        items = []
        for thread in theirs[: section_limit()]:
            context = _("%(category)s · started by %(name)s") % {
                "category": thread.category.label,
                "name": _name(thread.author.full_name),
            }
            excerpt = excerpts[thread.pk]
            items.append(
                DigestItem(
                    title=thread.title,
                    url=settings.SITE_URL + thread.get_absolute_url(),
                    summary=f"{context} — {excerpt}" if excerpt else context,
                    when=thread.created_at,
                )
            )
        return DigestSection(
            key="discussions",
            title=_("New discussions in your themes"),
            items=items,
            total=len(theirs),
            more_url=more_url,
        )

    return for_reader


# --- Quick updates ---------------------------------------------------------------------------------------------


@digest_section("updates", gettext_lazy("Quick updates"))
def updates_section(readers: Sequence[DigestReader]) -> ReaderSection:
    """Quick updates posted since a reader's start by other members, not hidden, newest first. One query."""
    new: list[Any] = list(
        QuickUpdate.objects.visible_to_every_member()
        .filter(author__in=members(), created_at__gte=earliest(readers))
        .select_related("author")
        .order_by("-created_at", "-pk")
    )
    page = settings.SITE_URL + reverse("forums:updates")

    def for_reader(reader: DigestReader) -> DigestSection | None:
        theirs = [u for u in new if u.created_at >= reader.since and u.author_id != reader.pk]
        if not theirs:
            return None
        items = [
            DigestItem(
                title=Truncator(" ".join(update.body.split())).chars(UPDATE_TITLE_CHARS),
                url=f"{page}#update-{update.pk}",
                summary=_("by %(name)s") % {"name": update.author.display_name},
                when=update.created_at,
            )
            for update in theirs[: section_limit()]
        ]
        return DigestSection(
            key="updates",
            title=_("Quick updates from members"),
            items=items,
            total=len(theirs),
            more_url=page,
        )

    return for_reader
