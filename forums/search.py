"""Full-text search vectors of threads and posts, kept by the posting services in the post's transaction.

Discussions mix languages (a thread in French, a reply in Arabic), so both use the ``simple`` configuration
(no stemming; words as written, accents removed, Arabic folded, Chinese in character pairs — network/search.py):
a thread's vector holds its title (weight A) and keywords (B), a post's its text (C). The search page matches
``forum_search_query`` against both, through ``visible_to``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery

from network.search import search_query, search_vectors_write

from .models import Post, Thread

SEARCH_CONFIG = "simple"


def thread_document(*, title: str, keywords: Iterable[str]) -> tuple[str, str]:
    """The two weighted parts of a thread's vector: its title (A) and its keywords (B), sorted (taggit's
    prefetch promises no order, and a vector's positions must not depend on the query plan)."""
    return title, " ".join(sorted(keywords))


def thread_search_refresh(*, thread_ids: Iterable[int]) -> None:
    threads = Thread.objects.filter(pk__in=list(thread_ids)).prefetch_related("keywords")  # type: ignore[misc]
    search_vectors_write(
        table=Thread._meta.db_table,
        weights="AB",
        rows=[
            (
                t.pk,
                SEARCH_CONFIG,
                thread_document(title=t.title, keywords=(tag.name for tag in t.keywords.all())),
            )
            for t in threads
        ],
    )


def post_search_refresh(*, post_ids: Iterable[int]) -> None:
    posts = Post.objects.filter(pk__in=list(post_ids)).only("pk", "body")
    search_vectors_write(
        table=Post._meta.db_table, weights="C", rows=[(p.pk, SEARCH_CONFIG, (p.body,)) for p in posts]
    )


def forum_search_query(query: str) -> SearchQuery | None:
    """A member's words as a tsquery (``simple``, as the vectors are), or None when nothing is left to search.
    A constant at planning: on hundreds of thousands of posts the planner must see how rare a word is
    (network/search.py, docs/performance.md step 7)."""
    return search_query(query, constant_at_planning=True)
