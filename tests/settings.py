"""Settings for the test suite only (pyproject's pytest section names this module): production settings
plus what tests need and production must never have."""

import os
import re

from network.settings import *  # noqa: F403

# Models that exercise shared mechanisms (visibility, facets) before any feature app has models. pytest-django
# creates their tables directly (the app has no migrations); manage.py, and so `makemigrations --check`,
# never sees it.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

# Hashing a password the real way takes a noticeable time per user created; tests create hundreds.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# `make test` runs the suite in parallel (pytest-xdist, one process per core). pytest-django gives each worker
# its own database (test_onse_gw0, …); Redis gets the same treatment here: worker gwN uses database N+1, so one
# worker's `cache.clear()` (FLUSHDB) or a real Celery worker's queue never touches another's.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _XDIST_WORKER.startswith("gw"):
    _redis_db = int(_XDIST_WORKER[2:]) + 1
    REDIS_URL = re.sub(r"/\d*$", "", REDIS_URL.rstrip("/")) + f"/{_redis_db}"  # noqa: F405
    CACHES["default"]["LOCATION"] = CACHES["pages"]["LOCATION"] = REDIS_URL  # noqa: F405
    CELERY_BROKER_URL = REDIS_URL
