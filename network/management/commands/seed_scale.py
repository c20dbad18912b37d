"""``manage.py seed_scale``: the scale data for load tests, in its own database (``onse_scale``).

    make seed-scale                                   # the full sizes, in the devstack (about two minutes)
    python manage.py seed_scale --small --reset       # a few thousand rows, for a look
    python -m network.devstack exec --scale -- CMD    # CMD with DATABASE_URL pointing at onse_scale

It creates the database when missing (same server as DATABASE_URL, or SCALE_DATABASE_URL), migrates it, seeds
it (network/scale.py explains how), checks sampled rows against the services and fails loudly on a mismatch,
then VACUUM ANALYZEs. Run again with the same options it says the data is there; with others it asks for
``--reset``. ``--here`` seeds the database Django is connected to instead (tests; nothing is created or dropped).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections, transaction
from django.utils import translation

from network import scale_members
from network.devstack import DEFAULT_DB_NAME, drop_database, ensure_database, scale_database_url
from network.hooks import hooks_load
from network.scale import ScaleCheckError, ScalePlan, ScaleSizes
from network.scale_text import COMMON_TERM, RARE_TERM

SMALL = ScaleSizes(
    experts=400, organisations=40, practices=200, threads=100, posts=5_000, long_thread_posts=300, readers=20,
    quick_updates=100,
)  # fmt: skip


class Command(BaseCommand):
    help = "Seed the scale database (onse_scale) for load tests: 20,000 experts … 500,000 posts by default."

    def add_arguments(self, parser: CommandParser) -> None:
        full = ScaleSizes()
        for name, value in asdict(full).items():
            parser.add_argument(
                f"--{name.replace('_', '-')}", type=int, default=None, help=f"default {value:,}"
            )
        parser.add_argument("--small", action="store_true", help=f"small sizes ({SMALL.posts:,} posts)")
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed gives the same data (default 1)"
        )
        parser.add_argument(
            "--now",
            default=None,
            help="the moment the data is as of (ISO date or datetime, UTC); default today 00:00 UTC",
        )
        parser.add_argument("--reset", action="store_true", help="drop the scale database first")
        parser.add_argument("--here", action="store_true", help="seed the database Django uses (tests)")

    def handle(self, *args: Any, **options: Any) -> None:
        base = SMALL if options["small"] else ScaleSizes()
        sizes = ScaleSizes(
            **{
                name: options[name] if options[name] is not None else value
                for name, value in asdict(base).items()
            }
        )
        if problems := sizes.problems():
            raise CommandError("; ".join(problems))
        now = _moment(options["now"])
        wanted = {"seed": options["seed"], "now": now.isoformat(), **asdict(sizes)}
        if not options["here"]:
            url = self._use_scale_database(reset=options["reset"])
            marker = _marker()
            # Without --now, the same data seeded as of an earlier day is kept.
            ignored = {"now"} if options["now"] is None else set()
            if marker is not None and _without(marker, ignored) == _without(wanted, ignored):
                self.stdout.write(
                    f"{connection.settings_dict['NAME']} already holds this data (as of {marker['now'][:10]}); "
                    "nothing to do (--reset seeds it again)."
                )
                return
            if marker is not None or _has_members():
                raise CommandError(
                    f"{connection.settings_dict['NAME']} already holds other scale data ({marker}); "
                    "add --reset to start again."
                )
        started = time.monotonic()
        plan = ScalePlan(seed=options["seed"], sizes=sizes, now=now, log=self.stdout.write)
        self.stdout.write(f"Seeding {connection.settings_dict['NAME']}: {json.dumps(asdict(sizes))}")
        counts = self._seed(plan, fresh=not options["here"])
        if not options["here"]:
            with connection.cursor() as cursor:
                self.stdout.write("  VACUUM ANALYZE …")
                cursor.execute("VACUUM ANALYZE")
            _marker_set(wanted)
        elapsed = time.monotonic() - started
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            (size,) = cursor.fetchone()
        self.stdout.write(self.style.SUCCESS(f"Seeded in {elapsed:.0f} s; database size {size}."))
        self.stdout.write("  " + ", ".join(f"{name} {value:,}" for name, value in counts.items()))
        self.stdout.write(
            f"  Sign in as {scale_members.member_email(1)} (password DEMO_PASSWORD); search terms: common "
            f"{COMMON_TERM!r}, rare {RARE_TERM!r}."
        )
        if not options["here"]:
            self.stdout.write(f"  Serve it with DATABASE_URL={url}")

    def _seed(self, plan: ScalePlan, *, fresh: bool) -> dict[str, int]:
        counts: dict[str, int] = {}
        with translation.override("en"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute("SET LOCAL work_mem = '64MB'")
                # Foreign keys checked as each statement ends, not queued to the commit: every table is written
                # after the ones it points at, and an index cannot be built on a table with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            with plan.step("members"):
                counts |= scale_members.seed(plan)
            for hook in hooks_load("SCALE_SEED_HOOKS"):
                counts |= hook(plan=plan)
            self.stdout.write("Checking sampled rows against the services …")
            with plan.step("checks"):
                try:
                    scale_members.check(plan)
                    for check in hooks_load("SCALE_CHECK_HOOKS"):
                        check(plan=plan)
                except ScaleCheckError as error:
                    raise CommandError(
                        f"The seeded data differs from what the services compute: {error}"
                    ) from error
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                if not fresh:
                    cursor.execute("ANALYZE")
        return counts

    def _use_scale_database(self, *, reset: bool) -> str:
        """Point Django's default connection at the scale database (created, or dropped and created again,
        then migrated) — as Django's test runner points it at the test database."""
        import environ

        url = scale_database_url()
        config = environ.Env.db_url_config(url)
        if config["NAME"] == connection.settings_dict["NAME"] or config["NAME"] == DEFAULT_DB_NAME:
            raise CommandError(
                f"The scale database must not be the project's own database ({config['NAME']})."
            )
        if reset:
            drop_database(url)
        ensure_database(url)
        default = connections["default"]
        default.close()
        for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
            default.settings_dict[key] = config[key]
        ContentType.objects.clear_cache()
        with connection.cursor() as cursor:
            cursor.execute("SET temp_buffers = '256MB'")  # before any temporary table in this session
        self.stdout.write(f"Migrating {config['NAME']} …")
        call_command("migrate", interactive=False, verbosity=0)
        return url


def _moment(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _without(values: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key not in keys}


def _has_members() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM network_membership)")
        return bool(cursor.fetchone()[0])


def _marker() -> dict[str, Any] | None:
    """What the database was seeded with, kept as the database's comment."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
        )
        (comment,) = cursor.fetchone()
    try:
        value = json.loads(comment or "")
    except ValueError:
        return None
    return value.get("seed_scale") if isinstance(value, dict) else None


def _marker_set(wanted: dict[str, Any]) -> None:
    from psycopg import sql

    comment = sql.Literal(json.dumps({"seed_scale": wanted})).as_string(connection.connection)
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE {name} IS {comment}")
