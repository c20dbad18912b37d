"""Handbook benchmark: time to lay out and write the PDF of a handbook of 50 practices (target: under 60 s).

Run inside the embedded stack: `.venv/bin/python -m network.devstack exec -- .venv/bin/python bench/handbook.py`.
It creates its sample practices in a throwaway test database (the development data is left alone).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PRACTICES = 50
BUDGET_SECONDS = 60


def main() -> int:
    from practices.handbook import handbook_pdf
    from tests.practices.handbook_data import sample_handbook

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old = runner.setup_databases()
    try:
        handbook = sample_handbook(count=PRACTICES)
        started = time.perf_counter()
        pdf = handbook_pdf(handbook)
        elapsed = time.perf_counter() - started
    finally:
        runner.teardown_databases(old)
    print(
        f"handbook: {PRACTICES} practices, {pdf.page_count} pages, {len(pdf.content) // 1024} KB, {elapsed:.1f} s"
    )
    return 0 if elapsed < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
