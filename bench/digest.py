"""Digest benchmark: plan and send a weekly digest to N members through a local SMTP sink (not a test).

Run inside the embedded stack:

    .venv/bin/python -m network.devstack exec -- .venv/bin/python bench/digest.py --members 10000

It builds its own throwaway database (``bench_digest_onse``, dropped at the end; the development data is left
alone): N approved members in every language with themes, countries and profiles, a busy week of content
(practices, threads with posts and followers, quick updates, offers, new profiles), some members on other
frequencies, some active on the site. Then it plans the run (``digest_run_plan``) and sends every chunk with the
real send path (``digest_deliveries_send``: claim, sections, templates, CSS inlining, SMTP) in this process, over
real SMTP to an aiosmtpd server on 127.0.0.1 that accepts everything. It prints the total time, emails per
second, SQL queries per chunk (and per email) and memory (peak RSS, and RSS after the first and the last chunk:
flat when the second is not far above the first).

Targets (issue 11): at least 100 emails/s on the 2-core machine; queries per chunk constant in N; flat memory.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import multiprocessing
import os
import random
import resource
import socket
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections, models  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

BENCH_DATABASE = "bench_digest_onse"
TARGET_EMAILS_PER_SECOND = 100
# A busy week on the network, the same whatever N: sections are capped, so what a chunk costs must not grow.
WEEK = {"practices": 120, "threads": 60, "posts_per_thread": 6, "updates": 150, "offers": 30}


class SinkHandler:
    """Accepts every message; counts them and their size."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        with self.lock:
            self.messages += 1
            self.bytes += len(envelope.content)
        return "250 2.0.0 Queued"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mb(pid: int | str = "self") -> float:
    """Resident memory now (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc): unlike the wall clock, it does not
    depend on what else the machine is doing."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# --- The network --------------------------------------------------------------------------------------------


def build_members(count: int, rng: random.Random) -> list[int]:
    """N approved members with themes, a country and (most of them) a profile, in bulk; their ids."""
    from experts.models import ExpertProfile
    from network.models import Country, DigestFrequency, MemberPreferences, Membership, Theme, User

    now = timezone.now()
    languages = [code for code, _name in settings.LANGUAGES]
    countries = list(Country.objects.order_by("code").values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    batch = 2000
    users = User.objects.bulk_create(
        (
            User(
                email=f"member{n}@bench.example.org",
                full_name=f"Bench Member {n}",
                password="!",  # noqa: S106 (unusable: nobody signs in)
                preferred_language=languages[n % len(languages)],
                date_joined=now - timedelta(days=400),
                # A fifth were on the site this week: they have seen the news, no digest.
                last_seen_at=now - timedelta(days=rng.randint(0, 3)) if n % 5 == 0 else None,
            )
            for n in range(count)
        ),
        batch_size=batch,
    )
    user_ids = [user.pk for user in users]
    memberships = Membership.objects.bulk_create(
        (
            Membership(
                user_id=pk,
                status=Membership.Status.APPROVED,
                country_id=rng.choice(countries),
                organisation="Ministry of Interior",
                position="Programme officer",
                motivation="Compare approaches with peers.",
                applied_at=now - timedelta(days=390),
                decided_at=now - timedelta(days=380),
            )
            for pk in user_ids
        ),
        batch_size=batch,
    )
    Membership.themes.through.objects.bulk_create(
        (
            Membership.themes.through(membership_id=m.pk, theme_id=theme)
            for m in memberships
            for theme in rng.sample(themes, rng.randint(1, 3))
        ),
        batch_size=batch * 2,
    )
    # Nine in ten have a profile; one in fifty of those is new this week (the experts section).
    profiles = ExpertProfile.objects.bulk_create(
        (
            ExpertProfile(
                user_id=pk,
                slug=f"bench-expert-{pk}",
                headline="Prevention practitioner",
                created_at=now - timedelta(days=rng.randint(0, 6))
                if n % 50 == 0
                else now - timedelta(days=300),
            )
            for n, pk in enumerate(user_ids)
            if n % 10
        ),
        batch_size=batch,
    )
    ExpertProfile.themes.through.objects.bulk_create(
        (
            ExpertProfile.themes.through(expertprofile_id=p.pk, theme_id=theme)
            for p in profiles
            for theme in rng.sample(themes, rng.randint(1, 3))
        ),
        batch_size=batch * 2,
    )
    # Saved settings for one in ten: some daily, some off, some with sections turned off.
    keys = ["practices", "experts", "updates", "offers"]
    MemberPreferences.objects.bulk_create(
        (
            MemberPreferences(
                user_id=pk,
                digest_frequency=[DigestFrequency.DAILY, DigestFrequency.OFF, DigestFrequency.WEEKLY][n % 3],
                digest_sections_off=rng.sample(keys, rng.randint(0, 2)),
            )
            for n, pk in enumerate(user_ids)
            if n % 10 == 3
        ),
        batch_size=batch,
    )
    return user_ids


def build_week(user_ids: list[int], rng: random.Random) -> None:
    """A busy week of content, written by members, through the factories (the same shape as the tests')."""
    from forums.counters import category_counters_refresh, thread_counters_refresh
    from forums.models import Category, FollowLevel, Post, QuickUpdate, Thread, ThreadFollow
    from network.models import Theme, User
    from tests.factories import GoodPracticeFactory, OfferFactory, PostFactory, ThreadFactory

    now = timezone.now()
    authors = list(User.objects.filter(pk__in=rng.sample(user_ids, min(300, len(user_ids)))))
    theme_slugs = list(Theme.objects.values_list("slug", flat=True))
    country_codes = ["KE", "NG", "JO", "MA", "ID", "PH", "CO", "PK", "BD", "TN", "SN", "EG"]

    def this_week() -> object:
        return now - timedelta(days=rng.random() * 6.5)

    for _ in range(WEEK["practices"]):
        GoodPracticeFactory(
            submitted_by=rng.choice(authors),
            published_at=this_week(),
            themes=rng.sample(theme_slugs, 2),
            countries=rng.sample(country_codes, 2),
        )
    for _ in range(WEEK["offers"]):
        OfferFactory(
            offered_by=rng.choice(authors), published_at=this_week(), themes=rng.sample(theme_slugs, 1)
        )
    categories = list(Category.objects.all())
    threads = []
    for _ in range(WEEK["threads"]):
        thread = ThreadFactory(category=rng.choice(categories), author=rng.choice(authors))
        Thread.objects.filter(pk=thread.pk).update(created_at=this_week())
        for number in range(1, WEEK["posts_per_thread"] + 1):
            post = PostFactory(thread=thread, number=number, author=rng.choice(authors))
            Post.objects.filter(pk=post.pk).update(created_at=this_week())
        threads.append(thread)
    thread_counters_refresh(thread_ids=[t.pk for t in threads])
    category_counters_refresh(category_ids=[c.pk for c in categories])
    # Three in ten members follow one to three of this week's threads.
    ThreadFollow.objects.bulk_create(
        (
            ThreadFollow(user_id=pk, thread=thread, level=FollowLevel.FOLLOWING)
            for n, pk in enumerate(user_ids)
            if n % 10 < 3
            for thread in rng.sample(threads, rng.randint(1, 3))
        ),
        batch_size=4000,
        ignore_conflicts=True,
    )
    QuickUpdate.objects.bulk_create(
        QuickUpdate(
            author=rng.choice(authors),
            body="Our county published its action plan today: comments welcome.",
            created_at=this_week(),
        )
        for _ in range(WEEK["updates"])
    )


def _profiled(function, *args):  # type: ignore[no-untyped-def]
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    result = profiler.runcall(function, *args)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    return result


# --- The run ------------------------------------------------------------------------------------------------


def _parent_pid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("PPid:"):
            return int(line.split()[1])
    raise RuntimeError(f"no parent for {pid}")


def _children_cpu_seconds(parent: int) -> float:
    """CPU used so far by every child of ``parent`` (PostgreSQL's backends and helpers of this server)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if _parent_pid(int(entry.name)) == parent:
                    total += _cpu_seconds(int(entry.name))
            except (OSError, RuntimeError):
                continue  # exited meanwhile
    return total


def _send_chunk(job: tuple[list[int], bool]) -> tuple[int, int, int, float, dict[str, int], float]:
    """In a worker process: send one chunk, as the Celery task does; what it cost."""
    from network.services.digests import digest_deliveries_send

    batch, profiled = job
    connection.queries_log.clear()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        outcome = _profiled(digest_deliveries_send, batch) if profiled else digest_deliveries_send(batch)
    return os.getpid(), len(batch), len(queries), time.perf_counter() - started, outcome.counts, _rss_mb()


def run(
    members: int, chunk_size: int, seed: int, workers: int, profile: bool = False, celery: bool = False
) -> int:
    from network.models import DigestDelivery
    from network.services.digests import chunks, digest_run_plan

    rng = random.Random(seed)  # noqa: S311 (sample data, repeatable)
    started = time.perf_counter()
    user_ids = build_members(members, rng)
    build_week(user_ids, rng)
    _log(f"built {members} members and a week of content in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as plan_queries:
        _run, planned = digest_run_plan(frequency="weekly")
    plan_seconds = time.perf_counter() - started
    plan_query_count = len(plan_queries)
    _log(f"planned {len(planned)} deliveries in {plan_seconds:.1f} s ({plan_query_count} queries)")

    sink = SinkHandler()
    from aiosmtpd.controller import Controller

    port = _free_port()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    batches = list(chunks(planned, chunk_size))
    if celery:
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            return _celery_run(batches, workers, port, sink, members)
        finally:
            controller.stop()
    per_chunk: list[tuple[int, int, float]] = []  # (deliveries, queries, seconds)
    totals: dict[str, int] = {}
    rss_by_worker: dict[int, list[float]] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        postmaster = _parent_pid(cursor.fetchone()[0])
    # Like a Celery worker with one process per core (prefork): the workers are forked now, without the
    # parent's database connection, and each sends whole chunks over its own SMTP connection.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    pool = context.Pool(1 if profile else workers)
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    worker_pids = [process.pid for process in pool._pool]  # type: ignore[attr-defined]
    cpu_started = (
        _cpu_seconds(os.getpid()) + sum(_cpu_seconds(pid) for pid in worker_pids),
        _children_cpu_seconds(postmaster),
    )
    load_started = os.getloadavg()[0]
    started = time.perf_counter()
    try:
        jobs = [(batch, profile and index == 2) for index, batch in enumerate(batches, 1)]
        for index, (pid, size, queries, seconds, counts, rss) in enumerate(
            pool.imap_unordered(_send_chunk, jobs), 1
        ):
            per_chunk.append((size, queries, seconds))
            for status, count in counts.items():
                totals[status] = totals.get(status, 0) + count
            rss_by_worker.setdefault(pid, []).append(rss)
            if index % 5 == 0 or index == len(batches):
                elapsed = time.perf_counter() - started
                _log(
                    f"  chunk {index}/{len(batches)}: {sink.messages} emails in {elapsed:.0f} s, RSS {rss:.0f} MB"
                )
        send_seconds = time.perf_counter() - started
        python_cpu = (
            _cpu_seconds(os.getpid()) + sum(_cpu_seconds(pid) for pid in worker_pids) - cpu_started[0]
        )
        database_cpu = _children_cpu_seconds(postmaster) - cpu_started[1]
    finally:
        pool.close()
        pool.join()
        controller.stop()

    sent = totals.get("sent", 0)
    assert sink.messages == sent, (sink.messages, sent)
    assert not DigestDelivery.objects.filter(status__in=["planned", "sending"]).exists()
    full = [c for c in per_chunk if c[0] == chunk_size] or per_chunk
    queries_per_chunk = [q for _n, q, _s in full]
    rate = sent / send_seconds if send_seconds else 0.0
    print(
        f"digest benchmark: {members} members, chunks of {chunk_size}, {len(batches)} chunks, "
        f"{1 if profile else workers} worker processes"
    )
    print(f"  planning:        {plan_seconds:.1f} s, {plan_query_count} queries, {len(planned)} deliveries")
    print(f"  outcome:         {', '.join(f'{k} {v}' for k, v in sorted(totals.items()))}")
    print(
        f"  sending:         {send_seconds:.1f} s, {rate:.0f} emails/s "
        f"({sent / (plan_seconds + send_seconds):.0f} emails/s with planning), "
        f"{sink.bytes / max(sink.messages, 1) / 1024:.1f} KB per email"
    )
    print(
        f"  queries/chunk:   median {statistics.median(queries_per_chunk):.0f}, max {max(queries_per_chunk)} "
        f"({statistics.median(queries_per_chunk) / chunk_size:.1f} per delivery)"
    )
    print(
        f"  seconds/chunk:   median {statistics.median(s for _n, _q, s in full):.2f}, "
        f"max {max(s for _n, _q, s in full):.2f}"
    )
    for pid, samples in sorted(rss_by_worker.items()):
        print(
            f"  memory:          worker {pid}: RSS after its first chunk {samples[0]:.0f} MB, "
            f"after its last ({len(samples)} chunks) {samples[-1]:.0f} MB, max {max(samples):.0f} MB"
        )
    per_email_ms = 1000 * (python_cpu + database_cpu) / max(sent, 1)
    print(
        f"  CPU per email:   {1000 * python_cpu / max(sent, 1):.1f} ms Python (workers and SMTP sink), "
        f"{1000 * database_cpu / max(sent, 1):.1f} ms PostgreSQL = {per_email_ms:.1f} ms: "
        f"~{1000 / per_email_ms:.0f} emails/s per busy core"
    )
    print(
        f"  machine:         {os.cpu_count()} cores, load average {load_started:.1f} → {os.getloadavg()[0]:.1f}"
    )
    print(
        f"  target:          {'met' if rate >= TARGET_EMAILS_PER_SECOND else 'MISSED'} (≥ {TARGET_EMAILS_PER_SECOND} emails/s)"
    )
    return 0 if rate >= TARGET_EMAILS_PER_SECOND else 1


def _celery_run(batches: list[list[int]], workers: int, port: int, sink: SinkHandler, members: int) -> int:
    """The chunks sent by a real ``celery worker`` (prefork, ``workers`` processes, production's settings),
    queued through Redis as ``digests_schedule`` queues them; the pool processes' memory read from /proc every
    second. What issue 13 asks: the worker's memory after a 10,000-member run, flat."""
    import signal
    import subprocess

    from network.celery import app
    from network.models import DigestDelivery
    from network.tasks import digests_send_chunk

    database_url = os.environ["DATABASE_URL"].split("?")[0].rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        # Production's settings (bench/settings.py): with DEBUG on, Django would keep the last 9,000 queries'
        # SQL in each process — memory that grows through a run and that production never holds.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    command = [sys.executable, "-m", "celery", "-A", "network", "--quiet", "worker", "--pool=prefork"]
    command += [f"--concurrency={workers}", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]
    connections.close_all()
    worker = subprocess.Popen(
        command, env=env, cwd=Path(__file__).resolve().parent.parent, start_new_session=True
    )
    samples: dict[int, list[tuple[int, float]]] = {}  # pool process → (emails sent so far, RSS MB)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the celery worker did not start")
        _log(f"celery worker up (pid {worker.pid}, {workers} pool processes)")
        started = time.perf_counter()
        for batch in batches:
            digests_send_chunk.apply_async(kwargs={"delivery_ids": batch})
        pending = DigestDelivery.objects.filter(status__in=["planned", "sending"])
        while True:
            children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
            for child in children:
                samples.setdefault(int(child), []).append((sink.messages, _rss_mb(child)))
            if not pending.exists():
                break
            time.sleep(1)
        send_seconds = time.perf_counter() - started
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    totals = dict(DigestDelivery.objects.values_list("status").annotate(n=models.Count("pk")).order_by())
    sent = totals.get("sent", 0)
    print(
        f"digest benchmark through a celery worker: {members} members, {len(batches)} chunks, {workers} processes"
    )
    print(f"  outcome:         {', '.join(f'{k} {v}' for k, v in sorted(totals.items()))}")
    print(f"  sending:         {send_seconds:.1f} s, {sent / send_seconds:.0f} emails/s")
    for pid, rows in sorted(samples.items()):
        # RSS when a fifth, two fifths… of the emails had gone: flat when it stops growing after the first.
        steps = [next(rss for emails, rss in rows if emails >= sent * k / 5) for k in range(1, 6)]
        print(
            f"  memory:          pool process {pid}: RSS {rows[0][1]:.0f} MB idle; at 20/40/60/80/100 % of the "
            f"emails {' / '.join(f'{rss:.0f}' for rss in steps)} MB (max {max(rss for _e, rss in rows):.0f} MB)"
        )
    return 0 if sink.messages == sent else 1


def _digest_templates_or_stand_ins() -> None:
    """Until the digest's own templates exist, render with the test suite's stand-ins (and say so): the figures
    then leave out the real layout's cost."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("emails/digest.html")
    except TemplateDoesNotExist:
        stand_ins = Path(__file__).resolve().parent.parent / "tests/network/digest_fallback_templates"
        templates = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], stand_ins]}]
        override_settings(TEMPLATES=templates).enable()  # resets the template engines
        _log(
            "templates/emails/digest.html is missing: using the test stand-ins (lighter than the real email)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000, help="members to create (default 10,000)")
    parser.add_argument("--chunk", type=int, default=settings.DIGEST_CHUNK_SIZE, help="deliveries per chunk")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="sending processes (default: one per core)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="one worker; print where the second chunk spends its time"
    )
    parser.add_argument(
        "--celery", action="store_true", help="send through a real celery worker; report its pool's memory"
    )
    args = parser.parse_args()

    _digest_templates_or_stand_ins()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = BENCH_DATABASE
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        return run(args.members, args.chunk, args.seed, args.workers, args.profile, args.celery)
    finally:
        connection.close()
        runner.teardown_databases(old)


if __name__ == "__main__":
    sys.exit(main())
