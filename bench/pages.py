"""Page budget benchmark: time, queries and compressed weight of the main pages (run with `make bench`).

Targets (DESIGN.md §5): HTML + CSS under 60 KB compressed per page; no page above 15 queries.
Uses the development database (migrated and seeded here) and the Django test client, so it measures the
application, not the network.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from network.models import User  # noqa: E402

PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/about/"),
    ("anonymous", "/accounts/signup/"),
    ("applicant@example.org", "/membership/apply/"),
    ("member@example.org", "/members/"),
]
RUNS = 30
BUDGET_BYTES = 60_000
MAX_QUERIES = 15


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--force", verbosity=0)
    setup_test_environment()
    settings.DEBUG = True  # collect queries
    css = gzip.compress(Path(finders.find("css/site.css")).read_bytes())
    failures = 0
    print(f"{'page':<40} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'gz KB (+css)':>12}")
    for who, url in PAGES:
        client = Client()
        if who != "anonymous":
            client.force_login(User.objects.get(email=who))
        timings = []
        for _ in range(RUNS):
            reset_queries()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
        weight = len(gzip.compress(response.content)) + len(css)
        p95 = sorted(timings)[int(RUNS * 0.95) - 1]
        flag = "" if weight < BUDGET_BYTES and queries <= MAX_QUERIES else "  OVER BUDGET"
        failures += bool(flag)
        label = f"{url} ({who.split('@')[0]})"
        print(
            f"{label:<40} {statistics.median(timings):>9.1f} {p95:>7.1f} {queries:>7} {weight / 1000:>12.1f}{flag}"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
