"""Settings for the test suite only (pyproject's pytest section names this module): production settings
plus what tests need and production must never have."""

from network.settings import *  # noqa: F403

# Models that exercise shared mechanisms (visibility, facets) before any feature app has models. pytest-django
# creates their tables directly (the app has no migrations); manage.py, and so `makemigrations --check`,
# never sees it.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405

# Hashing a password the real way takes a noticeable time per user created; tests create hundreds.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
