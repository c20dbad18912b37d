"""Paginating results whose total is dear: cached until the data changes, or not counted past a cap.

``CountCachedPaginator`` keeps the ``COUNT(*)`` behind "1,234 experts" under versioned namespaces
(network/cache.py), keyed by the counted statement.


A search for a common word on a grown network matches 150,000 posts: counting them costs more than reading the
page (0.6 s against 2 ms), and nobody pages past the fiftieth page. ``CappedCountPaginator`` counts at most
``cap + 1`` rows (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``), so "More than 1,000 posts" is as cheap as the page;
``is_capped`` says when the count stopped there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property

from .cache import namespace_cached, statement_key


class CappedCountPaginator(Paginator):  # type: ignore[type-arg]
    def __init__(self, object_list: Any, per_page: int, *, cap: int = 1000, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, models.QuerySet):
            return int(self.object_list[: self.cap + 1].count())
        return min(len(self.object_list), self.cap + 1)

    @property
    def is_capped(self) -> bool:
        """More rows match than were counted: say "more than ``cap``"."""
        return self.count > self.cap


class CountCachedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose total (the ``COUNT(*)`` behind "1,234 experts" and the page links) is cached under the
    namespaces' versions, keyed by the counted statement."""

    def __init__(self, object_list: Any, per_page: int, *, cache_namespaces: Sequence[str], **kwargs: Any):
        super().__init__(object_list, per_page, **kwargs)
        self.cache_namespaces = tuple(cache_namespaces)

    @cached_property
    def count(self) -> int:
        counted = self.object_list
        if not isinstance(counted, models.QuerySet):
            return len(counted)
        return namespace_cached(
            self.cache_namespaces, ("count", statement_key(counted.order_by())), counted.count
        )
