"""The forums' sections of a member's digest (network/digest.py; how they choose in docs/digests-forums.md).

- ``followed_section``: threads the member follows that have posts they have not read, written since ``since``
  — how many, who wrote the last one, a link to the first of them;
- ``discussions_section``: threads started since ``since`` in the member's categories (a category is linked to
  themes: those of the member's profile or membership application, plus the categories they follow, minus the
  ones they muted); the newest everywhere for a member who has no such category;
- ``updates_section``: quick updates posted since ``since``, newest first.

What may appear, whoever reads (staff included, who see hidden content on the site): only visible posts in
threads every member can read (open, locked, closed), never a quick update hidden by a moderator, never the
member's own, and only what someone who is still in good standing wrote (an active, approved member or staff:
never an applicant's, a suspended member's or a deleted account's). Someone who is not a member gets None.

Each section is one query, whatever the number of threads, posts or updates; it is written in the member's
language (category names, "3 new posts"), whichever language the sending worker has active.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
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
    PostStatus,
    QuickUpdate,
    ReadState,
    Thread,
    ThreadFollow,
)
from forums.notify import MEMBER_THREAD_STATUSES, members
from network.digest import DigestItem, DigestSection, digest_section
from network.models import User
from network.permissions import is_member

EXCERPT_CHARS = 140
UPDATE_TITLE_CHARS = 100


@contextmanager
def _in_language_of(user: Any) -> Iterator[None]:
    with translation.override(getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE):
        yield


def _limit() -> int:
    return int(settings.DIGEST_SECTION_LIMIT)


def _name(full_name: str | None) -> str:
    """The name members see (``User.display_name``: never an email address)."""
    return User(full_name=full_name or "").display_name


def _by_members_in_good_standing(field: str = "author") -> Q:
    return Q(**{f"{field}__in": members()})


def _readable_threads(user: Any) -> models.QuerySet[Thread]:
    """Threads any member may read (not pending, not hidden — even for staff, who see those on the site)."""
    return Thread.objects.visible_to(user).filter(status__in=MEMBER_THREAD_STATUSES)


def _page_url(thread_url: str, number: int) -> str:
    page = (max(number, 1) - 1) // PAGE_SIZE + 1
    return f"{settings.SITE_URL}{thread_url}?page={page}#post-{number}"


# --- Discussions I follow -------------------------------------------------------------------------------------


@digest_section("followed", gettext_lazy("Discussions I follow"))
def followed_section(user: Any, since: datetime) -> DigestSection | None:
    """Followed threads with new posts the member has not read: the most recently active first. One query."""
    if not is_member(user):
        return None
    followed = ThreadFollow.objects.filter(user=user.pk, thread=OuterRef("pk"), level=FollowLevel.FOLLOWING)
    read_number = ReadState.objects.filter(user=user.pk, thread=OuterRef("pk")).values("last_read_number")[:1]
    new_posts = (
        Post.objects.filter(
            _by_members_in_good_standing(),
            thread=OuterRef("pk"),
            status=PostStatus.VISIBLE,
            created_at__gte=since,
            number__gt=OuterRef("read_number"),
        )
        .exclude(author=user.pk)
        .order_by()
    )
    last_new = new_posts.order_by("-number")
    threads: list[Any] = list(
        _readable_threads(user)
        .filter(Exists(followed))
        .annotate(read_number=Coalesce(Subquery(read_number), 0))
        .filter(Exists(new_posts))
        .annotate(
            new_count=Subquery(new_posts.values("thread").annotate(n=models.Count("pk")).values("n")),
            first_new_number=Subquery(new_posts.order_by("number").values("number")[:1]),
            last_new_at=Subquery(last_new.values("created_at")[:1]),
            last_author_name=Subquery(last_new.values("author__full_name")[:1]),
            total=models.Window(models.Count("pk")),
        )
        .only("pk", "slug", "title")
        .order_by(models.F("last_new_at").desc(), "-pk")[: _limit()]
    )
    if not threads:
        return None
    with _in_language_of(user):
        items = [
            DigestItem(
                title=thread.title,
                url=_page_url(thread.get_absolute_url(), thread.first_new_number),
                summary=ngettext(
                    "%(count)d new post, the last by %(name)s",
                    "%(count)d new posts, the last by %(name)s",
                    thread.new_count,
                )
                % {"count": thread.new_count, "name": _name(thread.last_author_name)},
                when=thread.last_new_at,
            )
            for thread in threads
        ]
        return DigestSection(
            key="followed",
            title=_("Discussions you follow"),
            items=items,
            total=threads[0].total,
            more_url=settings.SITE_URL + reverse("forums:notifications"),
        )


# --- New discussions in my themes ------------------------------------------------------------------------------


def _member_categories(user: Any) -> Q:
    """The member's categories, as a condition on ``Category`` (subqueries, no query of its own): linked to a
    theme of their profile or membership application, or followed; never one they muted."""
    from experts.models import ExpertProfile
    from network.models import Membership

    profile_themes = ExpertProfile.themes.through.objects.filter(expertprofile__user=user.pk).values(
        "theme_id"
    )
    membership_themes = Membership.themes.through.objects.filter(membership__user=user.pk).values("theme_id")
    on_my_themes = Category.themes.through.objects.filter(category=OuterRef("pk")).filter(
        Q(theme__in=profile_themes) | Q(theme__in=membership_themes)
    )
    follows = CategoryFollow.objects.filter(user=user.pk, category=OuterRef("pk"))
    return (Q(Exists(on_my_themes)) | Q(Exists(follows.filter(level=FollowLevel.FOLLOWING)))) & ~Q(
        Exists(follows.filter(level=FollowLevel.MUTED))
    )


@digest_section("discussions", gettext_lazy("New discussions in my themes"))
def discussions_section(user: Any, since: datetime) -> DigestSection | None:
    """Threads started since ``since`` in the member's categories, newest first (in every active category for a
    member who has none), without the ones they follow or muted (the followed ones are in their own section). One
    query."""
    if not is_member(user):
        return None
    mine = Category.objects.filter(_member_categories(user), is_active=True)
    first_post = Post.objects.filter(thread=OuterRef("pk"), number=1, status=PostStatus.VISIBLE)
    threads: list[Any] = list(
        _readable_threads(user)
        .filter(
            _by_members_in_good_standing(),
            Q(category__in=mine) | ~Exists(mine),
            created_at__gte=since,
            category__is_active=True,
        )
        .exclude(author=user.pk)
        .exclude(Exists(ThreadFollow.objects.filter(user=user.pk, thread=OuterRef("pk"))))
        .exclude(
            category__in=CategoryFollow.objects.filter(user=user.pk, level=FollowLevel.MUTED).values(
                "category"
            )
        )
        .select_related("category", "author")
        .annotate(
            first_post_html=Subquery(first_post.values("body_html")[:1]),
            total=models.Window(models.Count("pk")),
        )
        .order_by("-created_at", "-pk")[: _limit()]
    )
    if not threads:
        return None
    with _in_language_of(user):
        items = []
        for thread in threads:
            excerpt = Truncator(" ".join(strip_tags(thread.first_post_html or "").split())).chars(
                EXCERPT_CHARS
            )
            context = _("%(category)s · started by %(name)s") % {
                "category": thread.category.label,
                "name": _name(thread.author.full_name if thread.author else ""),
            }
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
            total=threads[0].total,
            more_url=settings.SITE_URL + reverse("forums:index"),
        )


# --- Quick updates ---------------------------------------------------------------------------------------------


@digest_section("updates", gettext_lazy("Quick updates"))
def updates_section(user: Any, since: datetime) -> DigestSection | None:
    """Quick updates posted since ``since`` by other members, not hidden, newest first. One query."""
    if not is_member(user):
        return None
    updates: list[Any] = list(
        QuickUpdate.objects.visible_to(user)
        .filter(_by_members_in_good_standing(), is_hidden=False, created_at__gte=since)
        .exclude(author=user.pk)
        .select_related("author")
        .annotate(total=models.Window(models.Count("pk")))
        .order_by("-created_at", "-pk")[: _limit()]
    )
    if not updates:
        return None
    page = settings.SITE_URL + reverse("forums:updates")
    with _in_language_of(user):
        items = [
            DigestItem(
                title=Truncator(" ".join(update.body.split())).chars(UPDATE_TITLE_CHARS),
                url=f"{page}#update-{update.pk}",
                summary=_("by %(name)s") % {"name": update.author.display_name},
                when=update.created_at,
            )
            for update in updates
        ]
        return DigestSection(
            key="updates",
            title=_("Quick updates from members"),
            items=items,
            total=updates[0].total,
            more_url=page,
        )
