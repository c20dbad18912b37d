"""The decision email travels the real way: on commit → Redis broker → a Celery worker → SMTP backend."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from network import celery_app
from network.models import Membership
from network.services.membership import membership_approve


@pytest.fixture
def real_worker():
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_approval_email_is_delivered_by_a_worker_through_redis(make_membership, moderator, real_worker):
    membership = make_membership(user__preferred_language="en")
    membership_approve(membership=membership, actor=moderator, note="Welcome")
    event = Membership.objects.get(pk=membership.pk).events.last()
    # The worker sends, then stamps `notified_at` in its own transaction: wait for the stamp, not the send.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        event.refresh_from_db()
        if event.notified_at is not None:
            break
        time.sleep(0.1)
    assert event.notified_at is not None
    assert [m.to for m in mail.outbox] == [[membership.user.email]]
    assert "Welcome" in mail.outbox[0].body
