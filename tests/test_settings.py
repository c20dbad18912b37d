"""The test settings (tests/settings.py) differ from production only where tests need it."""

from __future__ import annotations

import importlib

from django.conf import global_settings, settings


def test_tests_hash_passwords_fast_and_production_does_not():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    production = importlib.import_module("network.settings")
    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert not any("MD5" in hasher for hasher in hashers)
    assert "tests.testapp" not in production.INSTALLED_APPS
