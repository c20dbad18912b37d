"""Send-once email: claim → commit → send → stamp; nothing lost when the broker is down, nothing sent twice."""

from __future__ import annotations

import logging
import smtplib
import socket
from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from network import celery_app
from network.emails import send_templated_email
from network.models import Membership, MembershipEvent
from network.notifications import TemporaryEmailError, email_send_once, notifications_sweep
from network.services.membership import membership_approve
from network.workflow import audit_record

Status = Membership.Status
pytestmark = pytest.mark.django_db


def _reset_broker_connections() -> None:
    celery_app._pool = None  # connections made for the previous broker URL
    celery_app.amqp._producer_pool = None


@pytest.fixture
def dead_broker() -> Iterator[None]:
    """The Celery app publishes to a port nobody listens on, as when Redis is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    celery_app.conf.task_always_eager = False
    _reset_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = saved
        celery_app.conf.task_always_eager = True
        _reset_broker_connections()


def test_a_dead_broker_fails_no_decision_and_the_sweep_sends_the_email_once(
    make_membership, moderator, dead_broker, django_capture_on_commit_callbacks, caplog
):
    membership = make_membership(status=Status.APPLIED)
    with (
        caplog.at_level(logging.ERROR, logger="network.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        membership_approve(membership=membership, actor=moderator, note="Welcome")  # no exception
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED
    event = membership.events.last()
    assert event.notified_at is None and not mail.outbox
    assert "sweep" in caplog.text  # the failed enqueue is logged, not raised

    # The sweep runs while the broker is still down: it logs too, and loses nothing.
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert notifications_sweep() == 0
    event.refresh_from_db()
    assert event.notified_at is None

    # The broker is back (tasks run in-process): the next sweep sends it, the one after sends nothing.
    celery_app.conf.task_always_eager = True
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert notifications_sweep() == 1
        assert notifications_sweep() == 0
    assert [m.to for m in mail.outbox] == [[membership.user.email]]
    assert "Welcome" in mail.outbox[0].body
    event.refresh_from_db()
    assert event.notified_at is not None


def _unsent_decision(make_membership, moderator, age: timedelta) -> MembershipEvent:
    membership = make_membership(status=Status.APPLIED)
    membership_approve(membership=membership, actor=moderator, at=timezone.now() - age)  # on_commit not run
    return membership.events.get(to_status=Status.APPROVED)


def test_the_sweep_leaves_fresh_old_and_details_change_rows_alone(make_membership, moderator):
    due = _unsent_decision(make_membership, moderator, timedelta(hours=1))
    _unsent_decision(make_membership, moderator, timedelta(minutes=1))  # its own task may still come
    _unsent_decision(make_membership, moderator, timedelta(days=10))  # too late to be useful
    member = make_membership(status=Status.APPROVED)
    audit_record(  # the member edited their details: audit only, never emailed
        instance=member,
        actor=member.user,
        from_status=Status.APPROVED,
        to_status=Status.APPROVED,
        at=timezone.now() - timedelta(hours=1),
    )
    assert notifications_sweep() == 1
    assert [m.to for m in mail.outbox] == [[due.membership.user.email]]


def test_a_temporary_smtp_error_is_retried_and_the_email_still_goes_once(
    make_membership, moderator, monkeypatch
):
    event = _unsent_decision(make_membership, moderator, timedelta(hours=1))
    calls = []

    def flaky_send(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return len(messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", flaky_send)
    with pytest.raises(TemporaryEmailError):
        email_send_once(model=MembershipEvent, pk=event.pk)
    event.refresh_from_db()
    assert event.notified_at is None and event.notify_claimed_at is None  # released for the retry
    assert email_send_once(model="network.MembershipEvent", pk=event.pk) is True
    assert email_send_once(model="network.MembershipEvent", pk=event.pk) is False
    assert len(calls) == 2


def test_a_permanent_smtp_error_is_not_retried_by_the_sweep(make_membership, moderator, monkeypatch):
    event = _unsent_decision(make_membership, moderator, timedelta(hours=1))

    def refused(self, messages):
        raise smtplib.SMTPRecipientsRefused({event.membership.user.email: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refused)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        email_send_once(model=MembershipEvent, pk=event.pk)
    assert notifications_sweep() == 0


def test_a_claimed_row_is_never_sent_again_and_the_sweep_reports_it(make_membership, moderator, caplog):
    """A worker that died between claim and stamp may have sent it: better once than twice."""
    event = _unsent_decision(make_membership, moderator, timedelta(hours=1))
    claimed_at = timezone.now() - timedelta(minutes=7)
    MembershipEvent.objects.filter(pk=event.pk).update(notify_claimed_at=claimed_at)
    assert email_send_once(model=MembershipEvent, pk=event.pk) is False
    with caplog.at_level(logging.WARNING, logger="network.notifications"):
        assert notifications_sweep() == 0
    assert not mail.outbox
    assert f"network.MembershipEvent {event.pk} was claimed but never stamped" in caplog.text


def test_arabic_email_is_right_to_left_with_inlined_css_and_list_headers(make_user):
    user = make_user(preferred_language="ar")
    send_templated_email(
        to=user.email,
        template="membership_suspended",
        context={"user": user, "event": None},
        language="ar",
        headers={"List-Unsubscribe": "<https://onse.example.org/u/x/>"},
    )
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "<style" not in html and "text-align: right" in html
    assert message.extra_headers["List-Unsubscribe"] == "<https://onse.example.org/u/x/>"
    assert message.reply_to == ["onse-support@onse.example.org"]
