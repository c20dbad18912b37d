"""Full-text search of good practices, each in its own language.

The stored vector (``GoodPractice.search_vector``) is built with the PostgreSQL configuration of the practice's
language (``SEARCH_CONFIGS``: english, french, spanish, portuguese, russian, arabic…; ``simple`` for Chinese and
any other), weighted title A, summary B, everything else C, accents removed (``unaccent``), Arabic diacritics
and letter forms folded and Chinese split into character pairs (``network.search``).

A query does not know the language of the practice it should find, so it is parsed once per configuration and
the results OR-ed into one constant ``tsquery``: "prevention" becomes ``'prevent'`` in English and French alike
and finds "preventing" and "préventions", and the GIN index on the vector answers it (a per-row configuration
in the query would defeat the index).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.postgres.search import SearchQuery

from network.cache import namespace_bump
from network.search import search_query, search_vectors_write

from .models import SEARCH_CONFIGS, GoodPractice

QUERY_CONFIGS = (*dict.fromkeys(SEARCH_CONFIGS.values()), "simple")


def practice_document(
    *,
    title: str,
    summary: str,
    texts: Sequence[str],
    organisations: Iterable[tuple[str, str]],
    keywords: Iterable[str],
) -> tuple[str, str, str]:
    """The three weighted parts of a practice's vector: title (A), summary (B) and the rest (C) — ``texts``
    (description, outcomes, lessons, safeguards, other organisations), then the implementing organisations'
    ``(name, acronym)`` and the keywords, each sorted here: the queries that read them promise no order
    (taggit's prefetch has no ORDER BY), and a vector's positions must not depend on the query plan."""
    organisation_text = " ".join(f"{name} {acronym}" for name, acronym in sorted(organisations))
    rest = " ".join([*texts, organisation_text, " ".join(sorted(keywords))])
    return title, summary, rest


def _document(practice: GoodPractice) -> tuple[str, str, str]:
    return practice_document(
        title=practice.title,
        summary=practice.summary,
        texts=[
            practice.body,
            practice.outcomes,
            practice.lessons,
            practice.safeguards,
            practice.other_organisations,
        ],
        organisations=((o.name, o.acronym) for o in practice.organisations.all()),
        keywords=(tag.name for tag in practice.keywords.all()),
    )


def practice_search_refresh(*, practice_ids: Iterable[int]) -> None:
    """Recompute the stored search vector of these practices (called by every service that changes text)."""
    # taggit's manager prefetches, though the stubs do not know it
    practices = GoodPractice.objects.filter(pk__in=list(practice_ids)).prefetch_related(
        "organisations",
        "keywords",  # type: ignore[misc]
    )
    namespace_bump("practices")  # what a search finds changes: the list's cached counts too
    search_vectors_write(
        table=GoodPractice._meta.db_table,
        weights="ABC",
        rows=[(p.pk, p.search_config, _document(p)) for p in practices],
    )


def practice_search_query(query: str) -> SearchQuery | None:
    """The user's words as one tsquery valid in every configuration, or None when nothing is left to search."""
    return search_query(query, configs=QUERY_CONFIGS)
