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

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery

from network.search import search_query, search_vectors_write

from .models import SEARCH_CONFIGS, GoodPractice

QUERY_CONFIGS = (*dict.fromkeys(SEARCH_CONFIGS.values()), "simple")


def _document(practice: GoodPractice) -> tuple[str, str, str]:
    organisations = " ".join(f"{o.name} {o.acronym}" for o in practice.organisations.all())
    keywords = " ".join(tag.name for tag in practice.keywords.all())
    rest = " ".join(
        [
            practice.body,
            practice.outcomes,
            practice.lessons,
            practice.safeguards,
            practice.other_organisations,
            organisations,
            keywords,
        ]
    )
    return practice.title, practice.summary, rest


def practice_search_refresh(*, practice_ids: Iterable[int]) -> None:
    """Recompute the stored search vector of these practices (called by every service that changes text)."""
    # taggit's manager prefetches, though the stubs do not know it
    practices = GoodPractice.objects.filter(pk__in=list(practice_ids)).prefetch_related(
        "organisations",
        "keywords",  # type: ignore[misc]
    )
    search_vectors_write(
        table=GoodPractice._meta.db_table,
        weights="ABC",
        rows=[(p.pk, p.search_config, _document(p)) for p in practices],
    )


def practice_search_query(query: str) -> SearchQuery | None:
    """The user's words as one tsquery valid in every configuration, or None when nothing is left to search."""
    return search_query(query, configs=QUERY_CONFIGS)
