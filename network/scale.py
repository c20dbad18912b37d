"""Scale data for load tests: ``manage.py seed_scale`` fills a database of its own (``onse_scale``, see
``network.devstack.scale_database_url``) with a network a hundred times the demo — 20,000 experts, 10,000
practices, 500,000 posts — in minutes. This module is the machinery the apps' seeders share
(``SCALE_SEED_HOOKS``: network's members here in ``scale_members.py``, then ``experts/scale.py``,
``practices/scale.py``, ``forums/scale.py``).

Why it is fast, and still what the services would have written:

- Every table's primary keys come from a block reserved on its sequence (``ids_reserve``), so rows can name
  each other before any is written, and rows travel by ``COPY`` (psycopg 3 ``cursor.copy``), never an INSERT
  per row.
- Texts are paragraphs drawn from a pool (``ParagraphPool``); each pooled paragraph is rendered once with the
  services' ``markdown_render`` and folded once with ``search_text``. A body of paragraphs joined by blank
  lines renders and folds to the concatenation of its paragraphs' results — the sampled check (below) proves
  it on the stored rows.
- Search vectors are set in bulk with the same SQL as the services (``network.search.search_vector_expression``,
  ``experts.search.profile_search_vector_refresh``); counters by ``forums.counters``' own set-based updates.
- After seeding, each app's ``check`` hook (``SCALE_CHECK_HOOKS``) re-runs the services' own functions on about
  fifty sampled rows inside a savepoint that is rolled back, and the command fails loudly if any stored value
  differs from what the service computes (``recomputed``).

Everything random is drawn from ``plan.rng(name)``: ``random.Random`` seeded with the seed and the name of the
part, so the same seed and the same ``now`` give the same data, and one part's size never shifts another's.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import queue
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import translation

from network.markdown import markdown_render
from network.scale_text import TEXT_LANGUAGES, TextPools
from network.search import search_text

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


@dataclass(frozen=True)
class ScaleSizes:
    """How much to seed. The defaults are the full sizes of issue 13 (``make seed-scale``)."""

    experts: int = 20_000
    organisations: int = 2_000
    practices: int = 10_000
    threads: int = 5_000
    posts: int = 500_000
    long_thread_posts: int = 2_000  # one thread holds exactly this many posts (0: none singled out)
    readers: int = 300  # members with read positions in threads
    quick_updates: int = 5_000

    def problems(self) -> list[str]:
        problems = [
            f"--{name.replace('_', '-')} cannot be negative"
            for name, value in vars(self).items()
            if value < 0
        ]
        if self.experts < 10:
            problems.append("--experts must be at least 10 (someone has to write)")
        if self.threads and self.posts < self.threads:
            problems.append("--posts must be at least --threads (every thread starts with a post)")
        if self.threads and self.long_thread_posts and self.posts < self.long_thread_posts + self.threads - 1:
            problems.append("--posts must cover --long-thread-posts plus one post for every other thread")
        if self.threads == 1 and self.long_thread_posts and self.posts != self.long_thread_posts:
            problems.append("with one thread, --posts must equal --long-thread-posts")
        if self.long_thread_posts and not self.threads:
            problems.append("--long-thread-posts needs at least one thread")
        if self.posts and not self.threads:
            problems.append("--posts needs at least one thread")
        return problems


@dataclass
class ScaleMember:
    """An approved member as the apps' seeders need them (written by ``network.scale_members``)."""

    id: int
    name: str
    country: str
    region: str
    text_language: str  # the language they write in: en, fr, es, ar, pt, ru, zh
    decided_at: datetime  # approved then; they write nothing before
    weight: float  # how much they write, relative to others (0: never)
    focal_point: bool
    theme_ids: list[int]
    organisation: int | None  # index into ``ScalePlan.organisations``
    last_seen_at: datetime | None


class ScaleMembers:
    """The members in approval order, with a weighted draw among those approved before a moment."""

    def __init__(self, members: Sequence[ScaleMember]) -> None:
        self.all = sorted(members, key=lambda m: (m.decided_at, m.id))
        self._times = [m.decided_at for m in self.all]
        self._cumulative = list(itertools.accumulate(m.weight for m in self.all))
        self.by_id = {m.id: m for m in self.all}

    def __len__(self) -> int:
        return len(self.all)

    def pick(self, rng: random.Random, at: datetime | None = None) -> ScaleMember:
        """A member approved before ``at`` (anyone when None), the active ones far more often."""
        count = bisect.bisect_left(self._times, at) if at is not None else len(self.all)
        count = max(count, 1)
        total = self._cumulative[count - 1]
        if total <= 0:
            return self.all[rng.randrange(count)]
        return self.all[min(bisect.bisect_right(self._cumulative, rng.random() * total), count - 1)]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of Markdown with what the services compute from it, and the three as COPY text."""

    text: str
    html: str
    folded: str
    escaped: tuple[str, str, str]


@dataclass(frozen=True)
class Written:
    """Paragraphs joined as a member's text: source, rendered HTML and folded search text."""

    text: str
    html: str
    folded: str


def written(paragraphs: Sequence[Paragraph]) -> Written:
    return Written(
        "\n\n".join(p.text for p in paragraphs),
        "".join(p.html for p in paragraphs),
        " ".join(p.folded for p in paragraphs),
    )


def written_escaped(paragraphs: Sequence[Paragraph]) -> tuple[str, str, str]:
    """``written`` in COPY's text format (the blank line between paragraphs escaped too)."""
    return (
        "\\n\\n".join(p.escaped[0] for p in paragraphs),
        "".join(p.escaped[1] for p in paragraphs),
        " ".join(p.escaped[2] for p in paragraphs),
    )


def paragraph_of(text: str) -> Paragraph:
    html, folded = markdown_render(text), search_text(text)
    return Paragraph(text, html, folded, (copy_escape(text), copy_escape(html), copy_escape(folded)))


class ParagraphPool:
    """Distinct paragraphs per language, each rendered and folded once, drawn with a long tail: a few are
    everywhere, most are rare."""

    ZIPF = 0.6

    def __init__(self, rng: random.Random, *, per_language: int) -> None:
        text = TextPools(rng)
        self.paragraphs: dict[str, list[Paragraph]] = {}
        self._cumulative: dict[str, list[float]] = {}
        for lang, share in TEXT_LANGUAGES.items():
            count = max(40, int(per_language * share / max(TEXT_LANGUAGES.values())))
            self.paragraphs[lang] = [paragraph_of(text.paragraph(lang)) for _ in range(count)]
            self._cumulative[lang] = list(
                itertools.accumulate(1 / (rank + 1) ** self.ZIPF for rank in range(count))
            )

    def pick(self, rng: random.Random, lang: str) -> Paragraph:
        cumulative = self._cumulative[lang]
        index = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
        return self.paragraphs[lang][min(index, len(cumulative) - 1)]

    def some(self, rng: random.Random, lang: str, count: int) -> list[Paragraph]:
        return [self.pick(rng, lang) for _ in range(count)]


@dataclass
class ScalePlan:
    """What every seeder reads: the sizes, the seed, the moment "now" and network's members."""

    seed: int
    sizes: ScaleSizes
    now: datetime
    log: Callable[[str], None] = print  # the command passes its stdout
    moderator_id: int = 0
    members: ScaleMembers = field(default_factory=lambda: ScaleMembers([]))
    organisations: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    _paragraphs: ParagraphPool | None = None

    @property
    def founded(self) -> datetime:
        """The network's first day: members were approved from then on."""
        return self.now - timedelta(days=5 * 365)

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")  # noqa: S311 - data for load tests, not secrets

    @property
    def paragraphs(self) -> ParagraphPool:
        if self._paragraphs is None:
            per_language = max(200, min(6_000, self.sizes.posts // 80))
            self._paragraphs = ParagraphPool(self.rng("paragraphs"), per_language=per_language)
        return self._paragraphs

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.log(f"  {name}: {time.monotonic() - started:.1f} s")


# --- writing rows -------------------------------------------------------------------------------------------

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def copy_escape(text: str) -> str:
    """A value in COPY's text format."""
    return text.translate(_COPY_ESCAPES)


def table_of(model: type[models.Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.db_table


def ids_reserve(model: type[models.Model] | str, count: int) -> int:
    """Reserve ``count`` consecutive primary keys on the table's sequence; returns the first."""
    if count <= 0:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table_of(model)])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return int(first)


def copy_rows(model: type[models.Model] | str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows (sequences of Python values, in ``columns`` order) into the table; returns how many. The
    connection is busy while the rows are read: ``rows`` must not query the database."""
    quote = connection.ops.quote_name
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(
            f"COPY {quote(table_of(model))} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_text(table: str, columns: Sequence[str], chunks: Iterable[str]) -> None:
    """COPY lines already in COPY's text format (``copy_escape``), a chunk of many lines at a time."""
    quote = connection.ops.quote_name
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN") as copy,
    ):
        for chunk in chunks:
            copy.write(chunk.encode())


@contextlib.contextmanager
def secondary_indexes_deferred(model: type[models.Model]) -> Iterator[None]:
    """Drop the table's indexes that back no constraint, then build them again from their own definitions:
    building an index once over a loaded table is several times faster than growing it row by row."""
    table = table_of(model)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = %s::regclass
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)


_DONE = object()


def in_background(items: Iterable[T], *, depth: int = 2) -> Iterator[T]:
    """Iterate ``items`` in a second thread, ``depth`` items ahead: Python builds the next chunk of rows on
    one core while PostgreSQL loads the previous one on the other (the database connection stays in the
    caller's thread; the producer must not touch it). Gettext in the producer speaks English, as the command."""
    channel: queue.Queue[Any] = queue.Queue(maxsize=depth)

    def produce() -> None:
        try:
            with translation.override("en"):
                for item in items:
                    channel.put(item)
        except BaseException as error:  # handed to the consumer, which raises it
            channel.put(_Failed(error))
            return
        channel.put(_DONE)

    producer = threading.Thread(target=produce, name="seed-scale-producer", daemon=True)
    producer.start()
    while (item := channel.get()) is not _DONE:
        if isinstance(item, _Failed):
            raise item.error
        yield item
    producer.join()


@dataclass(frozen=True)
class _Failed:
    error: BaseException


# --- checking -----------------------------------------------------------------------------------------------


class ScaleCheckError(Exception):
    """A stored value differs from what the service computes: the seeder is wrong."""


class _Rollback(Exception):
    pass


def recomputed(read: Callable[[], dict[K, V]], recompute: Callable[[], Any]) -> dict[K, tuple[V, V | None]]:
    """Values as stored, then as the service recomputes them (in a savepoint rolled back afterwards): the
    keys whose values differ, with both values."""
    before = read()
    after: dict[K, V] = {}
    try:
        with transaction.atomic():
            recompute()
            after = read()
            raise _Rollback
    except _Rollback:
        pass
    return {key: (value, after.get(key)) for key, value in before.items() if after.get(key) != value}


def mismatches_raise(what: str, mismatches: dict[Any, tuple[Any, Any]]) -> None:
    """Raise ``ScaleCheckError`` naming the first mismatch, around the first character that differs."""
    if mismatches:
        key, (stored, computed) = next(iter(mismatches.items()))
        stored, computed = str(stored), str(computed)
        at = next((i for i, (a, b) in enumerate(zip(stored, computed, strict=False)) if a != b), 0)
        start = max(0, at - 120)
        raise ScaleCheckError(
            f"{what}: {len(mismatches)} sampled rows differ from what the services compute; first, row {key}, "
            f"from character {start}: stored {stored[start : at + 200]!r}, computed {computed[start : at + 200]!r}"
        )


def sample_ids(
    rng: random.Random, model: type[models.Model], count: int = 50, where: str = "", extra: Iterable[int] = ()
) -> list[int]:
    """About ``count`` primary keys of the table drawn with ``rng`` (plus ``extra``), in order."""
    with connection.cursor() as cursor:
        # table and condition come from code, never from a request
        cursor.execute(f"SELECT id FROM {table_of(model)} {where} ORDER BY id")  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
    chosen = rng.sample(ids, min(count, len(ids)))
    return sorted({*chosen, *extra})


def rows_by_id(sql: str, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """``{id: the rest of the row}`` of a query whose first column is the id and that takes ``ids`` as %s."""
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(ids)])
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def zipf_weights(count: int, exponent: float) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


def moment_between(rng: random.Random, start: datetime, end: datetime, *, skew: float = 1.0) -> datetime:
    """A moment in [start, end]; ``skew`` below 1 favours recent ones, above 1 early ones."""
    span = max((end - start).total_seconds(), 0.0)
    return start + timedelta(seconds=span * rng.random() ** skew)


# --- keywords (django-taggit, shared by practices and threads) ----------------------------------------------


def tag_ids(names: Iterable[str]) -> dict[str, int]:
    """The taggit tags with these names (created as taggit creates them, slug included), by name."""
    from taggit.models import Tag

    return {name: Tag.objects.get_or_create(name=name)[0].pk for name in dict.fromkeys(names)}


def tagged_items_write(model: type[models.Model], tags: Iterable[tuple[int, Sequence[int]]]) -> int:
    """Tag rows of ``model``: ``(object id, tag ids)`` pairs, written in object then tag order."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    content_type = ContentType.objects.get_for_model(model).pk
    rows = [(pk, tag) for pk, ids in sorted(tags) for tag in sorted(ids)]
    first = ids_reserve(TaggedItem, len(rows))
    return copy_rows(
        TaggedItem,
        ["id", "object_id", "content_type_id", "tag_id"],
        ([first + n, pk, content_type, tag] for n, (pk, tag) in enumerate(rows)),
    )
