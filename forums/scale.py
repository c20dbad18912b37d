"""E-discussions in the scale data (``manage.py seed_scale``, setting ``SCALE_SEED_HOOKS``): threads in the
active categories (a long tail of categories), posts numbered 1…n in each, one thread of exactly
``--long-thread-posts`` posts (``LONG_THREAD_TITLE``), quotes and @mentions as the posting services write them,
follows for everyone who posted (``post_published`` makes an author follow), read positions for a few hundred
members, and quick updates.

Posts are the bulk (500,000 at full size): Python builds them in a second thread (``in_background``) while
PostgreSQL loads the previous chunk — ``COPY`` into a temporary table, then one ``INSERT … SELECT`` that
computes each vector with the shared SQL (``search_vector_expression``), the post table's secondary indexes
built once at the end. Counters come from ``thread_counters_refresh`` and ``category_counters_refresh``, the
posting services' own set-based updates.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from taggit.models import Tag

from experts.models import ExpertProfile
from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import (
    Category,
    CategoryReadMark,
    Post,
    PostEvent,
    QuickUpdate,
    ReadState,
    Thread,
    ThreadEvent,
    ThreadFollow,
)
from forums.search import SEARCH_CONFIG, post_search_refresh, thread_document, thread_search_refresh
from forums.services.posting import quote_text, thread_slug
from network.markdown import markdown_render
from network.models import User
from network.scale import (
    ScaleMember,
    ScalePlan,
    copy_rows,
    copy_text,
    ids_reserve,
    in_background,
    mismatches_raise,
    moment_between,
    paragraph_of,
    recomputed,
    rows_by_id,
    sample_ids,
    secondary_indexes_deferred,
    tag_ids,
    tagged_items_write,
    written_escaped,
    zipf_weights,
)
from network.scale_text import RARE_TERM, TEXT_LANGUAGES, TextPools
from network.search import search_vector_expression, search_vectors_bulk_write
from practices.models import GoodPractice

LONG_THREAD_TITLE = "Ten years of prevention work across the South: the network's long-running exchange"
THREAD_STATUSES = {"open": 87, "locked": 3, "closed": 8, "hidden": 1, "pending": 1}
QUOTE_SHARE, MENTION_SHARE, EDITED_SHARE, HIDDEN_SHARE = 0.03, 0.015, 0.03, 0.01
RARE_POSTS = 25
CHUNK = 20_000  # posts per COPY round
STAGE_COLUMNS = [
    "id", "thread_id", "number", "author_id", "body", "body_html", "status", "created_at", "edited_at",
    "edited_by_id", "quote_of_id", "folded",
]  # fmt: skip
NULL = "\\N"


@dataclass
class _Thread:
    pk: int
    category: int
    title: str
    status: str
    author: ScaleMember
    created_at: datetime
    language: str
    posts: int = 1
    pinned: bool = False
    practice: int | None = None
    keywords: list[int] = field(default_factory=list)
    first_post: int = 0  # id of post 1 (the thread's posts have consecutive ids)
    times: list[float] = field(default_factory=list)  # each post's timestamp, by number
    statuses: list[str] = field(default_factory=list)


def _timestamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).isoformat()


def allocate(rng: random.Random, total: int, count: int, cap: int) -> list[int]:
    """``count`` positive sizes summing to ``total``, long-tailed (log-normal), none above ``cap`` unless
    ``total`` leaves no choice."""
    if count <= 0:
        return []
    cap = max(cap, math.ceil(total / count))
    weights = [rng.lognormvariate(0, 1.1) for _ in range(count)]
    scale = (total - count) / sum(weights)
    raw = [w * scale for w in weights]
    sizes = [1 + int(r) for r in raw]
    by_fraction = sorted(range(count), key=lambda i: (int(raw[i]) - raw[i], i))
    for i in by_fraction[: total - sum(sizes)]:
        sizes[i] += 1
    excess = sum(max(0, s - cap) for s in sizes)
    sizes = [min(s, cap) for s in sizes]
    while excess:
        i = rng.randrange(count)
        if sizes[i] < cap:
            sizes[i] += 1
            excess -= 1
    return sizes


def _threads(plan: ScalePlan, text: TextPools) -> list[_Thread]:
    rng = plan.rng("forums-threads")
    sizes = plan.sizes
    categories = list(
        Category.objects.filter(is_active=True).order_by("position", "pk").values_list("pk", flat=True)
    )
    category_weights = zipf_weights(len(categories), 0.8)
    published = sorted(
        (at.timestamp(), pk)
        for pk, at in GoodPractice.objects.published().values_list("pk", "published_at")
        if at is not None
    )
    languages, language_weights = zip(*TEXT_LANGUAGES.items(), strict=True)
    statuses, status_weights = zip(*THREAD_STATUSES.items(), strict=True)
    keyword_ids = tag_ids(name for lang in languages for name in text.keywords[lang])
    first = ids_reserve(Thread, sizes.threads)
    start = max(plan.founded + timedelta(days=30), plan.now - timedelta(days=3 * 365))
    threads = []
    for n in range(sizes.threads):
        long = n == 0 and sizes.long_thread_posts > 0
        created = (
            plan.now - timedelta(days=420)
            if long
            else moment_between(rng, start, plan.now - timedelta(hours=1), skew=0.8)
        )
        author = plan.members.pick(rng, created)
        lang = (
            "en"
            if long
            else author.text_language
            if rng.random() < 0.6
            else rng.choices(languages, weights=language_weights)[0]
        )
        status = "open" if long else rng.choices(statuses, weights=status_weights)[0]
        thread = _Thread(first + n, rng.choices(categories, weights=category_weights)[0],
                         LONG_THREAD_TITLE if long else text.thread_title(lang)[:200], status, author, created, lang)  # fmt: skip
        thread.pinned = not long and status == "open" and rng.random() < 0.004
        index = bisect.bisect_left(published, (created.timestamp(), 0))
        if index and rng.random() < 0.03:
            thread.practice = published[rng.randrange(index)][1]
        thread.keywords = sorted(
            {keyword_ids[k] for k in text.keyword_choices(lang, rng.choice((0, 0, 1, 2, 3)))}
        )
        threads.append(thread)
    others = threads[1:] if sizes.long_thread_posts else threads
    if others and all(t.status == "pending" for t in others):
        others[-1].status = "open"  # a tiny run: someone must take the posts left
    regular = [t for t in others if t.status != "pending"]
    pending = len(others) - len(regular)
    if sizes.long_thread_posts:
        threads[0].posts = sizes.long_thread_posts
    # The long thread stays the longest by far: no other holds more than three quarters of it.
    cap = max(1, min(1_500, sizes.long_thread_posts * 3 // 4)) if sizes.long_thread_posts else 1_500
    for thread, count in zip(
        regular,
        allocate(rng, sizes.posts - sizes.long_thread_posts - pending, len(regular), cap),
        strict=True,
    ):
        thread.posts = count
    post_id = ids_reserve(Post, sizes.posts)
    for thread in threads:
        thread.first_post, post_id = post_id, post_id + thread.posts
    return threads


def _post_times(rng: random.Random, plan: ScalePlan, thread: _Thread) -> list[float]:
    start = thread.created_at.timestamp()
    if thread.title == LONG_THREAD_TITLE:
        end = (plan.now - timedelta(hours=2)).timestamp()
    else:
        days = rng.uniform(0.2, 1.0) * min(400.0, 2 + thread.posts * rng.uniform(0.3, 3))
        end = min(start + days * 86_400, (plan.now - timedelta(minutes=5)).timestamp())
    return [start, *sorted(rng.uniform(start, end) for _ in range(thread.posts - 1))]


@dataclass
class _Extras:
    """What the post producer collects besides the posts themselves."""

    follows: dict[tuple[int, int], float] = field(default_factory=dict)  # (user, thread) → first visible post
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (post, user)
    hidden: list[tuple[int, float]] = field(default_factory=list)  # (post, when hidden)


def _posts(plan: ScalePlan, threads: list[_Thread], extras: _Extras, slugs: dict[int, str]) -> Iterator[str]:
    """Chunks of COPY lines for the staging table, every thread's posts in number order. Runs in the producer
    thread: no database access here (``slugs``, profile address by user, is read before)."""
    rng = plan.rng("forums-posts")
    text = TextPools(plan.rng("forums-posts-text"))
    paragraphs = plan.paragraphs
    languages, language_weights = zip(*TEXT_LANGUAGES.items(), strict=True)
    now = plan.now.timestamp()
    rare = set(rng.sample(range(plan.sizes.posts), min(RARE_POSTS, plan.sizes.posts)))
    lines: list[str] = []
    serial = 0
    for thread in threads:
        thread.times = _post_times(rng, plan, thread)
        authors: list[ScaleMember] = []
        bodies: list[str] = []
        long = thread.title == LONG_THREAD_TITLE
        for number, ts in enumerate(thread.times, start=1):
            pk = thread.first_post + number - 1
            if number == 1:
                author = thread.author
            elif authors and rng.random() < 0.5:
                author = rng.choice(authors)
            else:
                author = plan.members.pick(rng, datetime.fromtimestamp(ts, tz=UTC))
            authors.append(author)
            if thread.status == "pending":
                status = "pending"
            elif long:  # every one of its posts is visible: its counter says exactly --long-thread-posts
                status = "visible"
            elif rng.random() < HIDDEN_SHARE and number > 1:
                status = "hidden"
                extras.hidden.append((pk, ts + 3_600))
            elif now - ts < 3 * 86_400 and rng.random() < 0.02:
                status = "pending"
            else:
                status = "visible"
            thread.statuses.append(status)
            lang = (
                thread.language if rng.random() < 0.9 else rng.choices(languages, weights=language_weights)[0]
            )
            chosen = paragraphs.some(rng, lang, rng.choice((1, 1, 2, 2, 2, 3, 4)))
            quote_of = None
            special = ""
            if number > 1 and rng.random() < QUOTE_SHARE:
                quoted = rng.randrange(max(1, number - 15), number)
                if thread.statuses[quoted - 1] == "visible":
                    quote_of = thread.first_post + quoted - 1
                    special = quote_text(
                        Post(
                            number=quoted,
                            body=bodies[quoted - 1],
                            author=User(full_name=authors[quoted - 1].name),
                        )
                    )
            elif rng.random() < MENTION_SHARE:
                mentioned = plan.members.pick(rng)
                if mentioned.id != author.id and mentioned.id in slugs:
                    special = f"@{slugs[mentioned.id]} "
                    extras.mentions.append((pk, mentioned.id))
            if serial in rare:
                chosen = [*chosen, paragraph_of(text.rare_paragraph(lang))]
            if special:  # a quote's Markdown or an @mention opens the post: rendered as a whole
                body = special + "\n\n".join(p.text for p in chosen)
                one = paragraph_of(body)
                body_e, html_e, folded_e = one.escaped
            else:
                body = "\n\n".join(p.text for p in chosen)
                body_e, html_e, folded_e = written_escaped(chosen)
            bodies.append(body)
            edited = rng.random() < EDITED_SHARE
            lines.append(
                f"{pk}\t{thread.pk}\t{number}\t{author.id}\t{body_e}\t{html_e}\t{status}\t{_timestamp(ts)}\t"
                f"{_timestamp(min(ts + rng.uniform(60, 1_200), now)) if edited else NULL}\t"
                f"{author.id if edited else NULL}\t{quote_of or NULL}\t{folded_e}\n"
            )
            if status == "visible" and thread.status != "pending":
                extras.follows.setdefault((author.id, thread.pk), ts)
            serial += 1
            if len(lines) >= CHUNK:
                yield "".join(lines)
                lines = []
    if lines:
        yield "".join(lines)


def _load_posts(plan: ScalePlan, threads: list[_Thread]) -> _Extras:
    extras = _Extras()
    vector = search_vector_expression("C", configs=[f"'{SEARCH_CONFIG}'"], texts=["folded"])
    columns = ", ".join(STAGE_COLUMNS[:-1])
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS scale_post_stage")
        cursor.execute(
            "CREATE TEMPORARY TABLE scale_post_stage (id bigint, thread_id bigint, number integer, author_id bigint,"
            " body text, body_html text, status varchar(20), created_at timestamptz, edited_at timestamptz,"
            " edited_by_id bigint, quote_of_id bigint, folded text)"
        )
    slugs = dict(ExpertProfile.objects.values_list("user_id", "slug"))
    plan.paragraphs  # noqa: B018 - the pool is built here, in this thread, before the producer reads it
    with secondary_indexes_deferred(Post):
        for chunk in in_background(_posts(plan, threads, extras, slugs)):
            copy_text("scale_post_stage", STAGE_COLUMNS, [chunk])
            with connection.cursor() as cursor:
                cursor.execute(
                    # the expression comes from search_vector_expression, never from a request
                    f"INSERT INTO forums_post ({columns}, search_vector) "  # noqa: S608
                    f"SELECT {columns}, {vector} FROM scale_post_stage"
                )
                cursor.execute("TRUNCATE scale_post_stage")
        plan.log("  posts loaded; building the post table's indexes")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE scale_post_stage")
    return extras


def _write_threads(threads: list[_Thread]) -> None:
    copy_rows(
        Thread,
        ["id", "title", "slug", "status", "is_pinned", "created_at", "last_number", "post_count",
         "last_post_number", "last_post_at", "author_id", "category_id", "practice_id"],
        ([t.pk, t.title, thread_slug(t.title), t.status, t.pinned, t.created_at, 0, 0, 0, t.created_at,
          t.author.id, t.category, t.practice] for t in threads),
    )  # fmt: skip
    tagged_items_write(Thread, [(t.pk, t.keywords) for t in threads if t.keywords])


def _moderation_history(plan: ScalePlan, threads: list[_Thread], extras: _Extras) -> None:
    """The audit rows a moderator's decisions leave (history: emailing transitions marked as sent)."""
    rows = []
    for t in threads:
        if t.status in ("locked", "closed", "hidden"):
            at = datetime.fromtimestamp(t.times[-1] + 3_600, tz=UTC)
            rows.append((t.pk, "open", t.status, at, at if t.status == "hidden" else None))
    start = ids_reserve(ThreadEvent, len(rows))
    copy_rows(
        ThreadEvent,
        ["id", "thread_id", "from_status", "to_status", "actor_id", "note", "created_at", "notified_at"],
        ([start + k, pk, source, target, plan.moderator_id, "", at, notified] for k, (pk, source, target, at, notified) in enumerate(rows)),
    )  # fmt: skip
    start = ids_reserve(PostEvent, len(extras.hidden))
    copy_rows(
        PostEvent,
        ["id", "post_id", "from_status", "to_status", "actor_id", "note", "created_at", "notified_at"],
        ([start + k, pk, "visible", "hidden", plan.moderator_id, "Off topic.", _at(ts, plan), _at(ts, plan)]
         for k, (pk, ts) in enumerate(extras.hidden)),
    )  # fmt: skip


def _at(ts: float, plan: ScalePlan) -> datetime:
    return min(datetime.fromtimestamp(ts, tz=UTC), plan.now)


def _reading(plan: ScalePlan, threads: list[_Thread]) -> int:
    """Read positions of ``sizes.readers`` members (the most active, member00001 first), and a few
    "mark all read"s."""
    rng = plan.rng("forums-reading")
    visible = [t for t in threads if t.status in ("open", "locked", "closed")]
    if not visible or not plan.sizes.readers:
        return 0
    first_member = min(m.id for m in plan.members.all)
    ranked = sorted(plan.members.all, key=lambda m: (-m.weight, m.id))
    others = [m for m in ranked if m.id != first_member][: plan.sizes.readers - 1]
    readers = [plan.members.by_id[first_member], *others]
    rows, marks = [], []
    for reader in readers:
        chosen = {t.pk: t for t in rng.sample(visible, min(len(visible), rng.randint(5, 120)))}
        if reader.id == first_member and threads[0].title == LONG_THREAD_TITLE:
            chosen[threads[0].pk] = threads[0]
        for thread in chosen.values():
            last = len(thread.times)
            if reader.id == first_member and thread.title == LONG_THREAD_TITLE:
                read = max(
                    1, last * 3 // 5
                )  # the long thread read to 60%: "jump to first unread" lands mid-way
            else:
                read = last if rng.random() < 0.6 else rng.randint(1, last)
            at = max(datetime.fromtimestamp(thread.times[read - 1], tz=UTC), reader.decided_at)
            rows.append(
                (reader.id, thread.pk, read, min(at + timedelta(minutes=rng.randint(1, 600)), plan.now))
            )
        if rng.random() < 0.1:
            marks.append(
                (reader.id, rng.choice(visible).category, plan.now - timedelta(days=rng.randint(1, 60)))
            )
    start = ids_reserve(ReadState, len(rows))
    copy_rows(
        ReadState,
        ["id", "user_id", "thread_id", "last_read_number", "updated_at"],
        ([start + k, *row] for k, row in enumerate(rows)),
    )
    marks = list({(user, category): (user, category, at) for user, category, at in marks}.values())
    start = ids_reserve(CategoryReadMark, len(marks))
    copy_rows(
        CategoryReadMark,
        ["id", "user_id", "category_id", "marked_at"],
        ([start + k, *row] for k, row in enumerate(marks)),
    )
    return len(rows)


def _quick_updates(plan: ScalePlan) -> int:
    rng = plan.rng("forums-updates")
    text = TextPools(plan.rng("forums-updates-text"))
    rows = []
    for n in range(plan.sizes.quick_updates):
        at = moment_between(rng, max(plan.founded, plan.now - timedelta(days=730)), plan.now, skew=0.6)
        author = plan.members.pick(rng, at)
        link = f"https://example.org/updates/{n}" if rng.random() < 0.2 else ""
        rows.append((author.id, text.sentence(author.text_language)[:500], link, at, rng.random() < 0.01))
    start = ids_reserve(QuickUpdate, len(rows))
    return copy_rows(
        QuickUpdate,
        ["id", "author_id", "body", "link", "created_at", "is_hidden"],
        ([start + k, *row] for k, row in enumerate(rows)),
    )


def seed(*, plan: ScalePlan) -> dict[str, int]:
    text = TextPools(plan.rng("forums-text"))
    with plan.step("threads"):
        threads = _threads(plan, text)
        _write_threads(threads)
    with plan.step(f"posts ({plan.sizes.posts:,})"):
        extras = _load_posts(plan, threads)
    with plan.step("mentions, follows, moderation history"):
        through = Post.mentions.through
        start = ids_reserve(through, len(extras.mentions))
        copy_rows(
            through,
            ["id", "post_id", "user_id"],
            ([start + k, *row] for k, row in enumerate(extras.mentions)),
        )
        start = ids_reserve(ThreadFollow, len(extras.follows))
        copy_rows(
            ThreadFollow,
            ["id", "user_id", "thread_id", "level", "created_at"],
            ([start + k, user, thread, "following", datetime.fromtimestamp(ts, tz=UTC)]
             for k, ((user, thread), ts) in enumerate(sorted(extras.follows.items()))),
        )  # fmt: skip
        _moderation_history(plan, threads, extras)
    with plan.step("thread and category counters"):
        thread_counters_refresh(thread_ids=[t.pk for t in threads])
        category_counters_refresh(category_ids=Category.objects.values_list("pk", flat=True))
    with plan.step("thread search vectors"):
        names = dict(Tag.objects.values_list("pk", "name"))
        search_vectors_bulk_write(
            table=Thread._meta.db_table,
            weights="AB",
            rows=(
                (t.pk, SEARCH_CONFIG, thread_document(title=t.title, keywords=[names[k] for k in t.keywords]))
                for t in threads
            ),
        )
    with plan.step("read positions, quick updates"):
        readers = _reading(plan, threads)
        updates = _quick_updates(plan)
    return {
        "threads": len(threads),
        "posts": plan.sizes.posts,
        "thread_follows": len(extras.follows),
        "mentions": len(extras.mentions),
        "read_positions": readers,
        "quick_updates": updates,
    }


def check(*, plan: ScalePlan) -> None:
    """Sampled posts and threads against the services (vectors, HTML, counters), every category's counters,
    and the numbering of every thread's posts."""
    rng = plan.rng("forums-check")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            (SELECT id FROM forums_post WHERE quote_of_id IS NOT NULL ORDER BY id LIMIT 3)
            UNION (SELECT post_id FROM forums_post_mentions ORDER BY post_id LIMIT 3)
            UNION (SELECT p.id FROM forums_post p JOIN forums_thread t ON t.id = p.thread_id
                   WHERE t.title = %s AND p.number IN (1, t.last_number))
            """,
            [LONG_THREAD_TITLE],
        )
        special = [row[0] for row in cursor.fetchall()]
    rare = Post.objects.filter(body__contains=RARE_TERM).values_list("pk", flat=True)[:2]
    posts = sample_ids(rng, Post, extra=[*special, *rare])

    def read_posts() -> dict[int, tuple[Any, ...]]:
        return rows_by_id("SELECT id, search_vector::text FROM forums_post WHERE id = ANY(%s)", posts)

    mismatches_raise(
        "post search vectors", recomputed(read_posts, lambda: post_search_refresh(post_ids=posts))
    )
    html = {pk: (stored, markdown_render(body)) for pk, body, stored in
            Post.objects.filter(pk__in=posts).values_list("pk", "body", "body_html")}  # fmt: skip
    mismatches_raise("post HTML", {pk: pair for pk, pair in html.items() if pair[0] != pair[1]})

    long = list(Thread.objects.filter(title=LONG_THREAD_TITLE).values_list("pk", flat=True))
    threads = sample_ids(rng, Thread, extra=long)

    def read_threads() -> dict[int, tuple[Any, ...]]:
        return rows_by_id(
            "SELECT id, post_count, last_post_id, last_post_number, last_post_at, last_number, search_vector::text"
            " FROM forums_thread WHERE id = ANY(%s)",
            threads,
        )

    def refresh_threads() -> None:
        thread_counters_refresh(thread_ids=threads)
        thread_search_refresh(thread_ids=threads)

    mismatches_raise("thread counters and vectors", recomputed(read_threads, refresh_threads))
    categories = list(Category.objects.values_list("pk", flat=True))

    def read_categories() -> dict[int, tuple[Any, ...]]:
        return rows_by_id(
            "SELECT id, thread_count, post_count, last_post_id, last_post_at FROM forums_category WHERE id = ANY(%s)",
            categories,
        )

    mismatches_raise(
        "category counters",
        recomputed(read_categories, lambda: category_counters_refresh(category_ids=categories)),
    )
    _invariants(plan, long)


def _invariants(plan: ScalePlan, long: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.id, t.last_number, x.posts, x.lowest, x.highest FROM forums_thread t
            LEFT JOIN (SELECT thread_id, count(*) AS posts, min(number) AS lowest, max(number) AS highest
                       FROM forums_post GROUP BY thread_id) x ON x.thread_id = t.id
            WHERE x.posts IS NULL OR x.lowest <> 1 OR x.highest <> x.posts OR t.last_number <> x.posts
            LIMIT 5
            """
        )
        misnumbered = {row[0]: (row[1:], "posts numbered 1..n") for row in cursor.fetchall()}
        cursor.execute(
            "SELECT t.id FROM forums_thread t JOIN forums_category c ON c.id = t.category_id WHERE NOT c.is_active LIMIT 5"
        )
        inactive = {row[0]: ("inactive category", "active") for row in cursor.fetchall()}
        cursor.execute(
            "SELECT r.id FROM forums_readstate r JOIN forums_thread t ON t.id = r.thread_id"
            " WHERE r.last_read_number > t.last_number LIMIT 5"
        )
        beyond = {row[0]: ("read beyond the last post", "within") for row in cursor.fetchall()}
    mismatches_raise("post numbering", misnumbered)
    mismatches_raise("thread categories", inactive)
    mismatches_raise("read positions", beyond)
    if plan.sizes.long_thread_posts:
        counts = {pk: Post.objects.filter(thread_id=pk).count() for pk in long}
        wrong = {
            pk: (n, plan.sizes.long_thread_posts)
            for pk, n in counts.items()
            if n != plan.sizes.long_thread_posts
        }
        mismatches_raise(
            "the long thread", wrong if counts else {"missing": (0, plan.sizes.long_thread_posts)}
        )
