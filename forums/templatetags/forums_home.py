"""Blocks the network's templates load, so network's Python never imports this app:
``{% quick_updates_block %}`` on the members' home and ``{% news_latest 3 %}`` on the public home page."""

from __future__ import annotations

from typing import Any

from django import template

from forums.models import NewsItem, QuickUpdate
from network.permissions import is_member

register = template.Library()

HOME_UPDATES = 10


@register.inclusion_tag("forums/includes/quick_updates_block.html", takes_context=True)
def quick_updates_block(context: template.Context) -> dict[str, Any]:
    """The latest visible quick updates with the form: two queries; nothing for a non-member."""
    from forums.update_views import QuickUpdateForm

    user = context.get("user")
    rows = list(QuickUpdate.objects.visible_to(user).select_related("author__membership")[:HOME_UPDATES])
    return {
        "updates": rows,
        "form": QuickUpdateForm(),
        "csrf_token": context.get("csrf_token"),
        "is_member": is_member(user),
    }


@register.inclusion_tag("forums/includes/news_latest.html")
def news_latest(count: int = 3) -> dict[str, Any]:
    return {"items": list(NewsItem.objects.published()[:count])}
