"""Search keys of expert profiles: written by the services, read by the directory.

Three stored columns per profile (``ExpertProfile.search_vector``, ``name_key``, ``name_latin``):

- ``search_vector``: PostgreSQL full text, accent-insensitive (``unaccent``), weighted: name A, headline and
  organisation B, biography C. The ``simple`` configuration, because profiles are written in many languages and
  a stemmer for one would mangle the others.
- ``name_key``: the name normalised for matching in any script — NFKC, case folded, accents removed, Arabic
  diacritics (tashkeel, tatweel) removed and alef/yeh/teh-marbuta forms folded — queried with trigrams.
- ``name_latin``: for names with Chinese characters, their pinyin without tones ("王伟" → "wang wei"), so a
  Latin query finds them.

``profile_search_refresh(profile_ids=...)`` recomputes all three; every service that changes a name, headline,
biography or organisation calls it (inside its transaction).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from network.cache import namespace_bump
from network.search import HAN, SEARCH_MAX_LENGTH, search_query_text, text_fold

__all__ = [
    "SEARCH_MAX_LENGTH",
    "name_key",
    "name_latin",
    "profile_search_refresh",
    "profile_search_vector_refresh",
    "search_query_text",
]


# A name (or a query) reduced to what matching should compare, in any script.
name_key = text_fold


def name_latin(text: str) -> str:
    """Pinyin (no tones) for the Chinese characters in a name; empty when it has none."""
    if not HAN.search(text):
        return ""
    # Imported here: pypinyin's dictionaries weigh ~56 MB, and most processes (every web worker serving pages
    # without Chinese names to write or search) never need them.
    from pypinyin import lazy_pinyin

    return name_key(" ".join(part.strip() for part in lazy_pinyin(text) if part.strip()))


def profile_search_refresh(*, profile_ids: Iterable[int]) -> None:
    """Recompute the stored search columns of these profiles from the user, membership and organisation."""
    ids = list(profile_ids)
    if not ids:
        return
    from experts.models import ExpertProfile

    rows = ExpertProfile.objects.filter(pk__in=ids).values_list("pk", "user__full_name")
    keys = [(pk, name_key(name or ""), name_latin(name or "")) for pk, name in rows]
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE experts_expertprofile SET name_key = %s, name_latin = %s WHERE id = %s",
            [(key, latin, pk) for pk, key, latin in keys],
        )
    profile_search_vector_refresh(profile_ids=ids)


def profile_search_vector_refresh(*, profile_ids: Iterable[int]) -> None:
    """Recompute only ``search_vector`` of these profiles (their ``name_latin`` already stored), in one
    statement whatever their number: ``profile_search_refresh`` calls it, and so does a bulk load."""
    ids = list(profile_ids)
    if not ids:
        return
    namespace_bump("experts")  # what a search finds changes: the directory's cached counts too
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE experts_expertprofile AS p SET search_vector = (
                SELECT
                    setweight(to_tsvector('simple', unaccent(coalesce(u.full_name, '') || ' ' || p.name_latin)), 'A')
                    || setweight(to_tsvector('simple', unaccent(concat_ws(' ', p.headline, m.organisation,
                        m.position, o.name, o.acronym))), 'B')
                    || setweight(to_tsvector('simple', unaccent(p.bio)), 'C')
                FROM network_user AS u
                LEFT JOIN network_membership AS m ON m.user_id = u.id
                LEFT JOIN experts_organisation AS o ON o.id = p.organisation_id
                WHERE u.id = p.user_id
            )
            WHERE p.id = ANY(%s)
            """,
            [ids],
        )
