"""Template helpers for writing in the forums: why a thread takes no posts, a post's link cards, whether the
reader may edit a post."""

from __future__ import annotations

from typing import Any

from django import template

from forums.cards import Card
from forums.models import Post, Thread
from forums.services.posting import thread_refusal

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_refusal(context: Any, thread: Thread) -> str:
    """``{% forum_refusal thread as refusal %}``: why the reader may not post here now ("" when they may)."""
    return thread_refusal(thread, context["request"].user) or ""


@register.filter
def post_cards(cards_by_post: dict[int, list[Card]] | None, post: Post) -> list[Card]:
    """``{{ cards_by_post|post_cards:post }}``: the cards of one post from ``forums.cards.cards_for_posts``."""
    return (cards_by_post or {}).get(post.pk, [])
