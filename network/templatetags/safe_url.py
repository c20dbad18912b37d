"""`{% url_or "practices:mine" "/practices/mine/" %}`: the named page's path, or the fallback path while the
page's app is not installed yet (an email template may name a page another part of the portal adds).

The fallback may name the keyword arguments: `{% url_or "practices:detail" "/practices/{slug}/" slug=p.slug %}`.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_or(name: str, fallback: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return fallback.format(**kwargs)
