"""The query side of the discussions' search (the indexing side, ``thread_search_refresh`` and
``post_search_refresh``, lives in forums/search.py).

Threads and posts are indexed with the ``simple`` configuration over ``unaccent`` text folded and split into
Chinese character pairs by ``network.search`` (``search_text``): posts are written in any language and mixed
within one thread, so no stemming is attempted and one configuration answers every query through the GIN
indexes on the stored vectors.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db import models

from network.search import cjk_bigrams, search_query_text, text_fold

SEARCH_CONFIG = "simple"


def search_text(text: str) -> str:
    """Document or query text as the index sees it (the indexing side must use the same)."""
    return cjk_bigrams(text_fold(text))


def forum_search_query(query: str) -> SearchQuery | None:
    """The member's words as a tsquery, or None when nothing is left to search."""
    text = search_text(search_query_text(query))
    if not text:
        return None
    unaccented = models.Func(models.Value(text), function="unaccent", output_field=models.TextField())
    return SearchQuery(unaccented, config=SEARCH_CONFIG, search_type="websearch")
