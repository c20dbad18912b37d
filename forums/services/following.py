"""What a member follows or mutes: threads (notified of every new post) and categories (notified of every new
thread). Preferences, not moderation: upserted, never audited. Muting a thread wins over following its category
and stops replies and quotes; mentions still reach the member (as in Discourse: a name called out is worth
hearing about)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from forums.models import Category, CategoryFollow, FollowLevel, Thread, ThreadFollow


@transaction.atomic
def thread_follow(*, user: Any, thread: Thread) -> ThreadFollow:
    follow, _created = ThreadFollow.objects.update_or_create(
        user=user, thread=thread, defaults={"level": FollowLevel.FOLLOWING}
    )
    return follow


@transaction.atomic
def thread_mute(*, user: Any, thread: Thread) -> ThreadFollow:
    follow, _created = ThreadFollow.objects.update_or_create(
        user=user, thread=thread, defaults={"level": FollowLevel.MUTED}
    )
    return follow


@transaction.atomic
def thread_unfollow(*, user: Any, thread: Thread) -> None:
    """Back to the default: notified only through the category (a new thread) or a mention or quote."""
    ThreadFollow.objects.filter(user=user, thread=thread).delete()


@transaction.atomic
def category_follow(*, user: Any, category: Category) -> CategoryFollow:
    follow, _created = CategoryFollow.objects.update_or_create(
        user=user, category=category, defaults={"level": FollowLevel.FOLLOWING}
    )
    return follow


@transaction.atomic
def category_mute(*, user: Any, category: Category) -> CategoryFollow:
    follow, _created = CategoryFollow.objects.update_or_create(
        user=user, category=category, defaults={"level": FollowLevel.MUTED}
    )
    return follow


@transaction.atomic
def category_unfollow(*, user: Any, category: Category) -> None:
    CategoryFollow.objects.filter(user=user, category=category).delete()


def thread_follow_level(*, user: Any, thread: Thread) -> str | None:
    """``following``, ``muted`` or None (a read for the thread page's follow buttons)."""
    return ThreadFollow.objects.filter(user=user, thread=thread).values_list("level", flat=True).first()


def category_follow_level(*, user: Any, category: Category) -> str | None:
    return CategoryFollow.objects.filter(user=user, category=category).values_list("level", flat=True).first()
