"""Lists in running text, written the way each language writes them: "Kenya, Brazil" in English, "كينيا، البرازيل"
in Arabic, "肯尼亚、巴西" in Chinese. The separator is a translation (context "list separator"), so translators
choose it with the rest of the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import pgettext


def list_separator() -> str:
    """The separator between the items of a list in the active language."""
    return pgettext("list separator", ", ")


def list_join(items: Iterable[Any]) -> str:
    """The items as text, joined with the active language's separator."""
    return list_separator().join(str(item) for item in items)
