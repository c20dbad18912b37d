"""Load benchmark: the portal served as in production, driven by wrk, each page read against a hello-world floor.

Run it with ``make bench-load`` (installs wrk, starts the embedded PostgreSQL and Redis unless DATABASE_URL and
REDIS_URL name running ones), or inside the stack::

    .venv/bin/python -m network.devstack exec -- .venv/bin/python bench/load.py [--duration 5s] [--database onse_scale]

What it does, on the database ``DATABASE_URL`` names (``--database NAME`` swaps the name, same server):

1. picks the pages from the data (bench/loadpages.py) and an approved member, whose session it creates with
   Django's session store: wrk sends that cookie as the signed-in reader;
2. counts each page's SQL queries (Django's test client and ``CaptureQueriesContext``, same database, same user,
   the second of two requests: what the load sees once per-hour stamps and read positions are written) and its
   weight (the HTML as the server gzips it, plus the CSS files it links, gzipped: what a phone downloads);
3. prints ``EXPLAIN ANALYZE`` of the SQL the directory and the practices list run for a common and a rare term;
4. serves the project with gunicorn (2 sync workers) and bench/settings.py (production's settings: DEBUG off,
   cached templates, persistent connections, whitenoise's compressed manifest, plus ``/__floor__/``);
5. runs wrk (20 connections, 20 s a page by default) on the floor and every page, as a visitor and as the
   member; bench/wrk_report.lua reports the exact p50/p95/p99 and every response outside 2xx;
6. reads each gunicorn worker's RSS from /proc after the run;
7. prints a Markdown table and writes it into docs/performance.md between its markers (the rest of the file is
   left as it is).

Targets (issue 13): each page ≥ 30 % of the floor's req/s (same run, same reader), p95 ≤ 100 ms, ≤ 10 SQL
queries, HTML + CSS ≤ 60 KB compressed; full-text search ≤ 25 ms in SQL; worker RSS ≤ 200 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

DOCS = BASE_DIR / "docs" / "performance.md"
START_MARK = "<!-- bench/load.py: results start (generated, replaced on each run) -->"
END_MARK = "<!-- bench/load.py: results end -->"
LUA_SCRIPT = BASE_DIR / "bench" / "wrk_report.lua"
LOG_DIR = BASE_DIR / ".data" / "bench"

MIN_FLOOR_RATIO = 0.30
MAX_P95_MS = 100.0
MAX_QUERIES = 10
MAX_BYTES = 60_000
MAX_SEARCH_MS = 25.0
MAX_RSS_MB = 200.0

FLOOR_PATH = "/__floor__/"
VISITOR, MEMBER = "visitor", "member"


@dataclass
class Run:
    """One page as one reader: what the test client saw, then what wrk measured."""

    label: str
    path: str
    role: str
    status: int = 0
    queries: int = 0
    html_bytes: int = 0
    css_bytes: int = 0
    requests: int = 0
    seconds: float = 0.0
    non2xx: int = 0
    socket_errors: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    ratio: float = 0.0
    search_sql: list[str] = field(default_factory=list)

    @property
    def is_floor(self) -> bool:
        return self.path == FLOOR_PATH

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def weight(self) -> int:
        return self.html_bytes + self.css_bytes

    @property
    def failed(self) -> int:
        """Responses outside 2xx, socket errors and timeouts; a run that got no response at all counts as one."""
        return self.non2xx + self.socket_errors + (0 if self.requests else 1)

    def targets(self) -> dict[str, bool]:
        """Each target of issue 13, by what this run shows when it misses it (the floor has none)."""
        if self.is_floor:
            return {}
        return {
            f"req/s {self.ratio:.0%} of the floor": self.ratio >= MIN_FLOOR_RATIO,
            f"p95 {self.p95_ms:.0f} ms": bool(self.requests) and self.p95_ms <= MAX_P95_MS,
            f"{self.queries} queries": self.queries <= MAX_QUERIES,
            f"{self.weight / 1000:.1f} KB": self.weight <= MAX_BYTES,
        }

    def misses(self) -> list[str]:
        missed = [name for name, ok in self.targets().items() if not ok]
        return [*missed, f"{self.failed} failed"] if self.failed else missed


@dataclass
class Explained:
    label: str
    term: str
    kind: str
    execution_ms: float
    plan: str


# --- Setup ---------------------------------------------------------------------------------------------


def _database_url(name: str) -> None:
    """Point DATABASE_URL at another database of the same server (``--database onse_scale``)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("DATABASE_URL is unset: run inside the stack (make bench-load, or network.devstack exec)")
    base, _sep, query = url.partition("?")
    os.environ["DATABASE_URL"] = f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def _setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def _check_ready() -> None:
    """The database is migrated and holds data, the templates are cached, wrk is here."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.template import engines
    from django.template.loaders.cached import Loader as CachedLoader

    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench-load` installs it (apt-get install wrk)")
    if MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes()):
        sys.exit(
            f"database {connection.settings_dict['NAME']} has unapplied migrations: run manage.py migrate"
        )
    loaders = engines["django"].engine.template_loaders  # type: ignore[attr-defined]
    assert all(isinstance(loader, CachedLoader) for loader in loaders), "templates are not cached"


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


def _member_session(member: Any) -> str:
    """A real session for the member, written by Django's session store (what signing in writes)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = member._meta.pk.value_to_string(member)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.save()
    assert store.session_key
    return store.session_key


def _session_delete(key: str) -> None:
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore(session_key=key).delete()


# --- Queries, weight, search plans (the test client, in this process) ----------------------------------


_CSS_CACHE: dict[str, int] = {}


def _css_bytes(html: str) -> int:
    """The CSS files a page links, gzipped (whitenoise's .gz when it wrote one), each counted once a page."""
    from django.conf import settings

    total = 0
    hrefs = set()
    for tag in re.findall(r"<link\b[^>]*>", html):
        rel = re.search(r'rel="([^"]*)"', tag)
        href = re.search(r'href="([^"]*)"', tag)
        if rel and href and "stylesheet" in rel.group(1).split():
            hrefs.add(href.group(1))
    for url in sorted(hrefs):
        if url not in _CSS_CACHE:
            path = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL).split("?")[0]
            compressed = path.with_name(path.name + ".gz")
            if compressed.exists():
                _CSS_CACHE[url] = compressed.stat().st_size
            elif path.exists():
                _CSS_CACHE[url] = len(gzip.compress(path.read_bytes()))
            else:
                print(f"  ! stylesheet {url} not found under STATIC_ROOT", file=sys.stderr)
                _CSS_CACHE[url] = 0
        total += _CSS_CACHE[url]
    return total


def _measure_with_client(run: Run, session_key: str | None) -> None:
    """Status, queries (second request), gzipped HTML and CSS bytes, and the SQL of a full-text search."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(headers={"Host": "127.0.0.1", "Accept-Encoding": "gzip"})
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    client.get(run.path, secure=True)  # first request: per-hour stamps, read positions, caches filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(run.path, secure=True)
    run.status = response.status_code
    run.queries = len(captured)
    body = response.content
    run.html_bytes = len(body)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    run.css_bytes = _css_bytes(body.decode("utf-8", "replace"))
    if "q=" in run.path:
        # A warm page runs no search at all: the statements to EXPLAIN are those of the page built from the data,
        # with the pages cache out of the way (what the first reader after a change pays).
        pages_off = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        with override_settings(CACHES=pages_off), CaptureQueriesContext(connection) as cold:
            client.get(run.path, secure=True)
        run.search_sql = [query["sql"] for query in cold if "@@" in query["sql"]]


def _query_kind(sql: str) -> str:
    text = sql.lstrip().upper()
    if text.startswith("SELECT COUNT(") or "SELECT COUNT(*) FROM (" in text[:60]:
        return "count"
    if "GROUP BY" in text or "UNNEST(" in text:
        return "facet counts"
    if "LIMIT" in text:
        return "result page"
    return "other"


def _explain(runs: list[Run], pages: dict[str, Any]) -> list[Explained]:
    from django.db import connection

    explained = []
    for run in runs:
        page = pages.get(run.label)
        if page is None or not page.search:
            continue
        for sql in run.search_sql:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            found = re.search(r"Execution Time: ([\d.]+) ms", plan)
            explained.append(
                Explained(
                    label=run.label,
                    term=page.term,
                    kind=_query_kind(sql),
                    execution_ms=float(found.group(1)) if found else float("nan"),
                    plan=plan,
                )
            )
    return explained


# --- Serving and loading -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def _get(url: str, cookie: str = "") -> int:
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server, http://127.0.0.1)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (our own server)
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "network.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=BASE_DIR, env=environment, stdout=output, stderr=output, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}; see {log}")
        with contextlib.suppress(OSError):
            if _get(f"http://127.0.0.1:{port}/healthz") == 200:
                return server
        time.sleep(0.3)
    _stop(server)
    sys.exit(f"gunicorn did not answer /healthz in 60 s; see {log}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _worker_rss(master: int) -> list[tuple[int, float, float]]:
    """(pid, RSS MB, peak RSS MB) of each worker of the gunicorn master, read from /proc."""
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids = [int(pid) for pid in children.read_text().split()]
    else:  # kernels without CONFIG_PROC_CHILDREN: scan for the master's children
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(stat.parent.name))
    workers = []
    for pid in sorted(pids):
        status = Path(f"/proc/{pid}/status").read_text()
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        peak = re.search(r"VmHWM:\s+(\d+) kB", status)
        if rss and peak:
            workers.append((pid, int(rss.group(1)) / 1024, int(peak.group(1)) / 1024))
    return workers


def _wrk(run: Run, url: str, cookie: str, args: argparse.Namespace) -> None:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in {**HEADERS, **({"Cookie": cookie} if cookie else {})}.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=False)
    line = next((row for row in output.stdout.splitlines() if row.startswith("BENCH ")), "")
    if not line:
        sys.exit(f"wrk said nothing usable for {url}:\n{output.stdout}\n{output.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    run.requests = values["requests"]
    run.seconds = values["duration_us"] / 1e6
    run.non2xx = values["non2xx"]
    run.socket_errors = sum(values[key] for key in ("connect", "read", "write", "timeout"))
    run.p50_ms, run.p95_ms, run.p99_ms = (values[f"p{p}_us"] / 1000 for p in (50, 95, 99))


# --- Report --------------------------------------------------------------------------------------------


def _machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    ram = f"{int(total.group(1)) / 1024 / 1024:.1f} GiB RAM" if total else "RAM unknown"
    return f"{os.cpu_count()} cores ({model.group(1).strip() if model else platform.processor()}), {ram}"


def _versions() -> str:
    import django
    import gunicorn
    from django.core.cache import cache
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    redis = "?"
    with contextlib.suppress(Exception):
        redis = cache._cache.get_client().info()["redis_version"]  # type: ignore[attr-defined]
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout.split()
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, PostgreSQL {postgres}, "
        f"Redis {redis}, gunicorn {gunicorn.__version__}, wrk {wrk[1] if len(wrk) > 1 else '?'}"
    )


def _data_size() -> str:
    from experts.models import ExpertProfile
    from forums.models import Post, Thread
    from network.models import User
    from practices.models import GoodPractice

    counts = {
        "users": User.objects.count(),
        "expert profiles": ExpertProfile.objects.count(),
        "practices": GoodPractice.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
    }
    return ", ".join(f"{n:,} {name}" for name, n in counts.items())


def _mark(ok: bool) -> str:
    return "pass" if ok else "**miss**"


def _table(runs: list[Run]) -> list[str]:
    lines = [
        "| page | as | req/s | \u00d7 floor | p50 ms | p95 ms | p99 ms | queries | KB gz (HTML+CSS) | failed "
        "| ≥ 30 % floor | p95 ≤ 100 ms | ≤ 10 queries | ≤ 60 KB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|:-:|:-:|",
    ]
    for run in runs:
        failed = f"**{run.failed}**" if run.failed else "0"
        weight = f"{run.html_bytes / 1000:.1f}+{run.css_bytes / 1000:.1f}"
        marks = [_mark(ok) for ok in run.targets().values()] or ["—"] * 4
        lines.append(
            f"| {run.label} | {run.role} | {run.rps:,.0f} | {run.ratio:.2f} | {run.p50_ms:.1f} | "
            f"{run.p95_ms:.1f} | {run.p99_ms:.1f} | {run.queries} | {weight} | {failed} | {' | '.join(marks)} |"
        )
    return lines


def _report(
    runs: list[Run],
    skipped: list[str],
    pages: list[Any],
    explained: list[Explained],
    rss: list[tuple[int, float, float]],
    server_log_errors: int,
    args: argparse.Namespace,
    database: str,
    load_before: str,
) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {now} by `bench/load.py --duration {args.duration}`: gunicorn, {args.workers} sync workers, "
        f"DEBUG off; wrk, {args.connections} connections, {args.threads} thread(s), {args.duration} a page.",
        "",
        f"- Machine: {_machine()}; load average (1 min) when the run started: {load_before}.",
        f"- Versions: {_versions()}.",
        f"- Database `{database}`: {_data_size()}.",
        "",
        "Pages (picked from the data by bench/loadpages.py):",
        "",
    ]
    lines += [f"- {page.label}: `{page.path}`" for page in pages]
    lines += ["", *_table(runs), ""]
    lines.append(
        "\u00d7 floor: the page's req/s over the mean of the two floors, same reader, same run. Queries: the page's SQL statements "
        "(test client, second request). KB: the HTML as the server gzips it + the CSS files it links, gzipped. "
        "Failed: responses outside 2xx, socket errors, timeouts (a run with no response at all counts 1)."
    )
    if skipped:
        lines += [
            "",
            "Not measured as a visitor (members only: sent to sign in): " + ", ".join(skipped) + ".",
        ]
    if explained:
        lines += [
            "",
            "Full-text search in SQL (`EXPLAIN ANALYZE` of the statements with `@@` the page runs when it is built "
            "from the data, as the member — a warm page runs none; plans printed by the bench):",
            "",
            "| page | term | statement | execution ms | ≤ 25 ms |",
            "|---|---|---|--:|:-:|",
        ]
        lines += [
            f"| {e.label} | `{e.term}` | {e.kind} | {e.execution_ms:.1f} | {_mark(e.execution_ms <= MAX_SEARCH_MS)} |"
            for e in explained
        ]
    lines += [
        "",
        "Gunicorn workers after the run (from /proc):",
        "",
        "| worker | RSS MB | peak RSS MB | ≤ 200 MB |",
    ]
    lines.append("|---|--:|--:|:-:|")
    lines += [
        f"| pid {pid} | {now_mb:.0f} | {peak:.0f} | {_mark(peak <= MAX_RSS_MB)} |"
        for pid, now_mb, peak in rss
    ]
    if server_log_errors:
        lines += ["", f"**The server logged {server_log_errors} error line(s)** (.data/bench/gunicorn.log)."]
    missed = [(run, run.misses()) for run in runs if run.misses()]
    lines += ["", "Pages missing a target: " + ("none." if not missed else "")]
    lines += [f"- {run.label} ({run.role}): {', '.join(why)}" for run, why in missed]
    return "\n".join(lines) + "\n"


def _write_docs(section: str) -> None:
    """Replace the text between the markers of docs/performance.md; add the section (or the file) if absent."""
    block = f"{START_MARK}\n{section}{END_MARK}"
    text = DOCS.read_text() if DOCS.exists() else "# Performance\n"
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        text = before + block + after
    else:
        text = (
            text.rstrip("\n") + "\n\n## Load benchmark\n\nHow to run: see bench/load.py.\n\n" + block + "\n"
        )
    DOCS.write_text(text)


# --- Main ----------------------------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", default="20s", help="wrk's time per page and reader (default 20s)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1: the CPU is shared)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--database", help="another database of the same server, e.g. onse_scale")
    parser.add_argument("--only", help="measure only the pages whose label contains this (the floor always)")
    parser.add_argument("--no-docs", action="store_true", help="print the table, leave docs/performance.md")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d+[smh]?", args.duration):
        parser.error("--duration: a number with s, m or h, e.g. 5s")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    load_before = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    if args.database:
        _database_url(args.database)
    _setup_django()
    _check_ready()

    from django.db import connection

    from bench.loadpages import NoData, Page, bench_member, pick_pages

    database = connection.settings_dict["NAME"]
    print(f"Database {database}; collecting static files…", flush=True)
    _collectstatic()
    try:
        member = bench_member()
        pages = pick_pages(member)
    except NoData as error:
        sys.exit(f"{database}: {error}")
    if args.only:
        pages = [page for page in pages if args.only.lower() in page.label.lower()]
    floor = Page("floor (hello world)", FLOOR_PATH)
    # Measured again after the pages: on a shared machine the two floors show how steady the run was, and
    # each page is read against their mean.
    floor_again = Page("floor, again at the end", FLOOR_PATH)
    print(f"Signed-in runs as {member.email} (pk {member.pk}). Pages:")
    for page in pages:
        print(f"  {page.label:<32} {page.path}")

    from django.conf import settings

    session_key = _member_session(member)
    member_cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    try:
        runs: list[Run] = []
        skipped = []
        # Page by page, the visitor then the member: a machine that gets busier slows both alike.
        for page in [floor, *pages, floor_again]:
            for role in (VISITOR, MEMBER):
                if role == VISITOR and page.members_only:
                    skipped.append(page.label)
                    continue
                run = Run(page.label, page.path, role)
                _measure_with_client(run, session_key if role == MEMBER else None)
                if run.status != 200:
                    sys.exit(f"{page.path} answered {run.status} to the {role}: not a page to load-test")
                runs.append(run)
        print("Queries and weights counted; EXPLAIN ANALYZE of the full-text searches:", flush=True)
        by_label = {page.label: page for page in pages}
        explained = _explain([run for run in runs if run.role == MEMBER], by_label)
        for item in explained:
            print(f"\n--- {item.label} ({item.term!r}), {item.kind}: {item.execution_ms:.1f} ms\n{item.plan}")

        LOG_DIR.mkdir(parents=True, exist_ok=True)
        log = LOG_DIR / "gunicorn.log"
        port = _free_port()
        connection.close()  # the benchmark's own connection is not the server's business
        server = _start_gunicorn(port, args.workers, log)
        try:
            base = f"http://127.0.0.1:{port}"
            for run in runs:  # each worker imports, compiles and caches what the page needs
                for _ in range(2 * args.workers):
                    _get(base + run.path, member_cookie if run.role == MEMBER else "")
            for run in runs:
                print(f"wrk {run.role:<7} {run.path} …", end=" ", flush=True)
                _wrk(run, base + run.path, member_cookie if run.role == MEMBER else "", args)
                print(f"{run.rps:,.0f} req/s, p95 {run.p95_ms:.1f} ms", flush=True)
            rss = _worker_rss(server.pid)
        finally:
            _stop(server)
        for role in (VISITOR, MEMBER):
            floors = [run.rps for run in runs if run.role == role and run.is_floor]
            floor_rps = sum(floors) / len(floors)
            for run in runs:
                if run.role == role:
                    run.ratio = run.rps / floor_rps if floor_rps else 0.0
        errors = sum(1 for line in log.read_text(errors="replace").splitlines() if "ERROR" in line)
        section = _report(runs, skipped, pages, explained, rss, errors, args, database, load_before)
    finally:
        _session_delete(session_key)
    print("\n" + section)
    if not args.no_docs:
        _write_docs(section)
        print(f"Written into {DOCS.relative_to(BASE_DIR)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
