"""``{{ names|list_join }}``: a list joined the way the active language writes lists (network/lists.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from network.lists import list_separator

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def list_join(items: Iterable[Any], autoescape: bool = True) -> SafeString | str:
    """Like ``join:", "``, with the active language's separator; each item escaped (when autoescaping)."""
    escape = conditional_escape if autoescape else str
    joined = conditional_escape(list_separator()).join(escape(item) for item in items)
    return mark_safe(joined)  # noqa: S308  (every part escaped above)
