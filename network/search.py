"""Text made ready for searching, in any of the network's scripts: one place for every app's search.

- ``text_fold``: NFKC, case folded, accents removed, Arabic diacritics (tashkeel, tatweel) removed and alef, yeh
  and teh-marbuta forms folded — for keys compared with trigrams (names) and for Arabic full text.
- ``cjk_bigrams``: Chinese has no spaces between words and PostgreSQL ships no Chinese parser, so runs of Han
  characters are indexed and queried as overlapping pairs ("恐怖主义" → "恐怖 怖主 主义"), the classic n-gram
  approach of search engines without a dictionary; a one-character run stays as it is.
- ``search_query_text``: a user's query made safe for ``websearch_to_tsquery``.
- ``search_text``: document or query text as the indexes see it (folded, Chinese in pairs).
- ``search_vectors_write``: store weighted ``tsvector``s (``setweight(to_tsvector(config, unaccent(text)))``
  per part, concatenated) for many rows in one round trip — good practices and forum threads and posts alike;
  ``search_vector_expression`` is that SQL, and ``search_vectors_bulk_write`` the same for a data load (COPY into
  a temporary table, one ``UPDATE … FROM``: ``manage.py seed_scale``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.contrib.postgres.search import SearchQuery
from django.db import connection, models

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
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SPACES = re.compile(r"\s+")
SEARCH_MAX_LENGTH = 200  # longer queries are cut: no name, title or phrase worth finding is longer


def text_fold(text: str) -> str:
    """Text (or a query) reduced to what matching should compare, in any script."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()


def _bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) < 2:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def cjk_bigrams(text: str) -> str:
    """Runs of Han characters as space-separated overlapping pairs; other text unchanged."""
    return _SPACES.sub(" ", _HAN_RUN.sub(_bigrams, text)).strip()


def search_query_text(query: str) -> str:
    """A user's query made safe for ``websearch_to_tsquery``: NUL and control characters dropped, trimmed to a
    sane length (the rest of the syntax — quotes, ``or``, ``-`` — is what websearch_to_tsquery understands)."""
    cleaned = "".join(ch for ch in query if unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", cleaned).strip()[:SEARCH_MAX_LENGTH]


def search_text(text: str) -> str:
    """Document or query text as the index sees it."""
    return cjk_bigrams(text_fold(text))


def search_query(
    query: str, *, configs: Sequence[str] = ("simple",), constant_at_planning: bool = False
) -> SearchQuery | None:
    """A user's words as one ``tsquery`` matching documents indexed by ``search_vectors_write`` in any of
    ``configs`` (parsed once per configuration and OR-ed, so one constant query the GIN index answers), or None
    when nothing is left to search."""
    text = search_text(search_query_text(query))
    if not text:
        return None
    # ``constant_at_planning``: onse_unaccent is unaccent declared immutable (migration network 0010), so the whole
    # query is a constant when PostgreSQL plans it and the planner estimates matches from the vectors' statistics.
    # That is what 500,000 posts need (a rare word: the GIN index, not the date index filtered). On practices,
    # whose queries OR seven configurations, the estimate of the OR comes out high and the planner then prefers a
    # scan: they keep the planner's default guess, which favours the index.
    function = "onse_unaccent" if constant_at_planning else "unaccent"
    unaccented = models.Func(models.Value(text), function=function, output_field=models.TextField())
    parsed = [SearchQuery(unaccented, config=config, search_type="websearch") for config in configs]
    combined = parsed[0]
    for other in parsed[1:]:
        combined = combined | other
    return combined


def _weights_check(weights: Sequence[str]) -> None:
    if not weights or any(weight not in "ABCD" for weight in weights):
        raise ValueError(f"weights must be letters A-D, not {weights!r}")


def search_vector_expression(weights: Sequence[str], *, configs: Sequence[str], texts: Sequence[str]) -> str:
    """The SQL of a stored vector: one ``setweight(to_tsvector(config, unaccent(text)), weight)`` per weight,
    concatenated, where ``configs`` and ``texts`` are SQL (placeholders, or a staging table's columns holding
    texts already passed through ``search_text``). The one definition every writer of vectors uses."""
    _weights_check(weights)
    if not (len(configs) == len(texts) == len(weights)):
        raise ValueError("one configuration and one text per weight")
    return " || ".join(
        f"setweight(to_tsvector({config}::regconfig, unaccent({text})), '{weight}')"
        for weight, config, text in zip(weights, configs, texts, strict=True)
    )


def search_vectors_write(
    *, table: str, weights: Sequence[str], rows: Iterable[tuple[int, str, Sequence[str]]]
) -> None:
    """Set ``search_vector`` of rows of ``table``: each row is ``(pk, configuration, texts)`` with one text per
    weight in ``weights`` (e.g. ``"AC"``); each text is passed through ``search_text`` and ``unaccent`` and
    parsed with the row's configuration (``simple`` when the language is unknown or mixed)."""
    _weights_check(weights)
    parts = search_vector_expression(weights, configs=["%s"] * len(weights), texts=["%s"] * len(weights))
    params = []
    for pk, config, texts in rows:
        if len(texts) != len(weights):
            raise ValueError("one text per weight")
        params.append([value for text in texts for value in (config, search_text(text))] + [pk])
    if not params:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            # table and weights come from code (weights checked above), never from a request
            f"UPDATE {connection.ops.quote_name(table)} SET search_vector = {parts} WHERE id = %s",  # noqa: S608
            params,
        )


def search_vectors_bulk_write(
    *, table: str, weights: Sequence[str], rows: Iterable[tuple[int, str, Sequence[str]]]
) -> int:
    """``search_vectors_write`` for a data load (``manage.py seed_scale``): the same vectors, but the folded
    texts travel by ``COPY`` into a temporary table and one ``UPDATE … FROM`` sets them all — a statement per
    row is what makes a load of thousands slow. Returns the number of rows written."""
    _weights_check(weights)
    quote = connection.ops.quote_name
    columns = [f"t{n}" for n in range(len(weights))]
    expression = search_vector_expression(
        weights, configs=["s.config"] * len(weights), texts=[f"s.{c}" for c in columns]
    )
    count = 0
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_vectors_stage")
        cursor.execute(
            "CREATE TEMPORARY TABLE search_vectors_stage (id bigint, config text, "
            + ", ".join(f"{c} text" for c in columns)
            + ")"
        )
        with cursor.copy(f"COPY search_vectors_stage (id, config, {', '.join(columns)}) FROM STDIN") as copy:
            for pk, config, texts in rows:
                if len(texts) != len(weights):
                    raise ValueError("one text per weight")
                copy.write_row([pk, config, *(search_text(text) for text in texts)])
                count += 1
        cursor.execute(
            # table comes from code, never from a request; the expression from search_vector_expression
            f"UPDATE {quote(table)} AS t SET search_vector = {expression} "  # noqa: S608
            "FROM search_vectors_stage AS s WHERE t.id = s.id"
        )
        cursor.execute("DROP TABLE search_vectors_stage")
    return count
