"""Shared fixtures. Tests talk to the real PostgreSQL and Redis that `make test` provides."""

from __future__ import annotations

import functools
import importlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython
from django.test import Client
from django.urls import clear_url_caches
from django.utils import timezone, translation
from pytest_django.fixtures import Settings

from network import celery_app
from network.models import Membership, MembershipEvent, User
from tests.clients import signed_in
from tests.factories import PASSWORD as PASSWORD  # re-exported: tests import it from here
from tests.factories import ExpertProfileFactory, MembershipFactory, UserFactory

# Playwright's sync API runs an event loop in the main thread; Django's ORM then refuses to run unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOTP_PERIOD = 30


def totp_code_now(secret: str = TOTP_SECRET, *, margin: float = 8.0) -> str:
    """The current two-factor code for ``secret`` (the moderator's unless given), with at least ``margin``
    seconds of its 30-second window left: a code typed in a slow browser just before the window turns is
    refused (no tolerance, as in production)."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


PROJECT_APPS = frozenset({"network", "experts", "practices", "forums", "advisory"})


def pytest_configure(config: pytest.Config) -> None:
    # Tasks run in-process unless a test starts a real worker (tests/network/test_tasks_worker.py).
    celery_app.conf.task_always_eager = True
    settings.CACHES["default"]["KEY_PREFIX"] = "onse-test"


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (live server, real worker) flush the database afterwards, taking the data that
    migrations load (themes, countries, the Moderators group and its permissions) with it: put it back the way
    migrations do, by running every data step (RunPython) of the project's migrations again, in order. Each
    is written to be repeatable (upserts, get_or_create)."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    for operation in _data_steps():
        operation.code(django_apps, None)


@functools.cache
def _data_steps() -> list[Any]:
    loader = MigrationLoader(connection)
    leaves = [node for node in loader.graph.leaf_nodes() if node[0] in PROJECT_APPS]
    plan = dict.fromkeys(step for leaf in leaves for step in loader.graph.forwards_plan(leaf))
    return [
        operation
        for app_label, name in plan
        if app_label in PROJECT_APPS
        for operation in loader.graph.nodes[app_label, name].operations
        if isinstance(operation, RunPython)
    ]


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Django's test client runs each request in the test's own thread, and LocaleMiddleware leaves the request's
    language active after it: a test that asked for a page in Arabic would hand Arabic to whichever test its
    worker runs next. Each test starts as the first one does, with no language activated."""
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters and TOTP 'used code' marks live in Redis: start each test clean."""
    cache.clear()


@pytest.fixture
def files_in_tmp(settings: Settings, tmp_path: Path) -> Path:
    """Uploaded photos and attachments (the demo's too) land in a throwaway folder, never in the developer's
    .data: ``tmp_path / "media"`` and ``tmp_path / "attachments"``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"
    return tmp_path


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    return UserFactory


@pytest.fixture
def make_membership(db: None) -> Callable[..., Membership]:
    def make(status: str = Membership.Status.APPLIED, **kwargs: object) -> Membership:
        membership = MembershipFactory(**kwargs)
        if status != Membership.Status.APPLIED:
            Membership.objects.filter(pk=membership.pk).update(status=status, decided_at=timezone.now())
            membership.refresh_from_db()
        MembershipEvent.objects.create(membership=membership, actor=membership.user, to_status=status)
        return membership

    return make


@pytest.fixture
def member(make_membership: Callable[..., Membership]) -> User:
    return make_membership(status=Membership.Status.APPROVED, user__email="member@example.org").user


@pytest.fixture
def applicant(make_membership: Callable[..., Membership]) -> User:
    return make_membership(user__email="applicant@example.org").user


@pytest.fixture
def moderator(make_user: Callable[..., User]) -> User:
    user = make_user(email="moderator@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def suspended(make_membership) -> User:
    return make_membership(status=Membership.Status.SUSPENDED, user__email="suspended@example.org").user


@pytest.fixture
def outsiders(applicant: User, suspended: User) -> dict[str, Client]:
    """A visitor, an applicant and a suspended member, each with a client."""
    return {"visitor": Client(), "applicant": signed_in(applicant), "suspended": signed_in(suspended)}


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    """An approved member (``status=`` another membership status; ``language=`` their email language)."""

    def make(status: str = Membership.Status.APPROVED, language: str = "en", **kwargs: object) -> User:
        user = ExpertProfileFactory(
            membership__status=status, user__preferred_language=language, **kwargs
        ).user
        return user

    return make


@pytest.fixture
def member_client(member: User) -> Client:
    return signed_in(member)


@pytest.fixture
def applicant_client(applicant: User) -> Client:
    return signed_in(applicant)


@pytest.fixture
def moderator_client(moderator: User) -> Client:
    """A moderator who has passed the TOTP step (force_login bypasses allauth's stages)."""
    return signed_in(moderator)


@pytest.fixture
def urlconf_with_debug(settings):
    """``urlconf_with_debug(True)``: reload the URLconf as a server started with that DEBUG would build it
    (development-only URLs such as /dev/outbox/ exist only then)."""
    urls = importlib.import_module(settings.ROOT_URLCONF)

    def load(debug: bool) -> None:
        settings.DEBUG = debug
        importlib.reload(urls)
        clear_url_caches()

    yield load
    settings.DEBUG = False
    importlib.reload(urls)
    clear_url_caches()
