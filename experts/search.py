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

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection
from pypinyin import lazy_pinyin

# Arabic: harakat, tanween, shadda, sukun, superscript alef, tatweel.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Hamza and madda forms of alef → bare alef; alef maqsura → yeh; teh marbuta → heh; hamza on waw/yeh → the letter.
_ARABIC_FOLDS = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        "\u0624": "\u0648",
        "\u0626": "\u064a",
    }
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")
SEARCH_MAX_LENGTH = 200  # longer queries are cut: no name, headline or phrase worth finding is longer


def name_key(text: str) -> str:
    """A name (or a query) reduced to what matching should compare, in any script."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()


def name_latin(text: str) -> str:
    """Pinyin (no tones) for the Chinese characters in a name; empty when it has none."""
    if not _HAN.search(text):
        return ""
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


def search_query_text(query: str) -> str:
    """A user's query made safe for ``websearch_to_tsquery``: NUL and control characters dropped, trimmed to a
    sane length (the rest of the syntax — quotes, ``or``, ``-`` — is what websearch_to_tsquery understands)."""
    cleaned = "".join(ch for ch in query if unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", cleaned).strip()[:SEARCH_MAX_LENGTH]
