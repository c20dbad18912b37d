"""``{% news_latest 3 %}``: the public home page's latest news, a block network's template loads so network's
Python never imports this app (the members' home takes its forum sections through MEMBERS_HOME_SECTIONS)."""

from __future__ import annotations

from typing import Any

from django import template

from forums.models import NewsItem

register = template.Library()


@register.inclusion_tag("forums/includes/news_latest.html")
def news_latest(count: int = 3) -> dict[str, Any]:
    return {"items": list(NewsItem.objects.published()[:count])}
