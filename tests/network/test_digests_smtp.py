"""Digests travel the real way: the beat's task → Redis → a Celery worker → chunks → a real SMTP server.

The server (aiosmtpd on 127.0.0.1) answers like a real one does on a bad day: "421 try later" to the first
DATA for one address, then accepts it; "550 no such user" for another. The other helpers' tests use Django's
locmem backend, which never says either: here smtplib raises what it raises in production, Celery retries what
it retries, and the server counts what it really received.
"""

from __future__ import annotations

import email
import socket
import threading
import time
from collections import Counter
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker

from network import celery_app
from network.digest import DigestItem, DigestSection
from network.models import DeliveryStatus, DigestDelivery, MemberPreferences, Membership
from network.services.digests import digest_run_plan
from network.tasks import digests_schedule, digests_send_chunk

pytestmark = pytest.mark.django_db(transaction=True)

TRY_LATER = "try-later@example.org"
REFUSED = "refused@example.org"
FINE = ["amina@example.org", "bruno@example.org", "chen@example.org"]


class FlakySMTPHandler:
    """Accepts everything, except: 550 at RCPT for ``refused``; 421 at the first DATA for ``try_later``."""

    def __init__(self, *, try_later: str, refused: str) -> None:
        self.try_later = try_later
        self.refused = refused
        self.lock = threading.Lock()
        self.received: list[tuple[list[str], Message]] = []
        self.answered_421 = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refused:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.try_later in envelope.rcpt_tos and not self.answered_421:
                self.answered_421 += 1
                return "421 4.3.2 Too busy, try again later"
            self.received.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 2.0.0 Queued"

    def recipients(self) -> Counter[str]:
        with self.lock:
            return Counter(address for rcpt_tos, _message in self.received for address in rcpt_tos)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django's SMTP backend pointed at it."""
    handler = FlakySMTPHandler(try_later=TRY_LATER, refused=REFUSED)
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()


def news_section(user, since):
    """One item for every member: this test is about delivery, not about what a digest holds."""
    item = DigestItem(title="Community policing in Garissa", url="https://onse.example.org/practices/1/")
    return DigestSection(key="news", title="New good practices", items=[item], total=1)


@pytest.fixture
def digest_setup(settings):
    settings.DIGEST_SECTIONS = [f"{__name__}.news_section"]
    settings.DIGEST_CHUNK_SIZE = 2  # several chunks, several tasks


@pytest.fixture
def quick_retries(monkeypatch):
    """The chunk task backs off up to 30 s, 60 s… in production; here one second. Celery reads the task's backoff
    options once, when the task is declared, and computes each countdown with this function at retry time."""
    monkeypatch.setattr("celery.app.autoretry.get_exponential_backoff_interval", lambda **_kwargs: 1)


@pytest.fixture
def real_worker():
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
            yield worker
    finally:
        celery_app.conf.task_always_eager = True


def _wait_until(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _all_settled() -> bool:
    pending = DigestDelivery.objects.filter(status__in=[DeliveryStatus.PLANNED, DeliveryStatus.SENDING])
    return DigestDelivery.objects.exists() and not pending.exists()


def test_worker_sends_one_digest_per_member_through_real_smtp_with_421_retried_and_550_recorded(
    make_member, make_membership, smtp_server, digest_setup, quick_retries, real_worker
):
    members = {address: make_member(user__email=address) for address in [*FINE, TRY_LATER, REFUSED]}
    make_membership(user__email="applicant@example.org")  # not a member: never planned, never sent

    digests_schedule.delay(frequency="weekly")

    assert _wait_until(_all_settled), list(DigestDelivery.objects.values_list("member__email", "status"))
    # Every member in good standing received exactly one digest; the refused one none.
    assert smtp_server.recipients() == Counter({**dict.fromkeys(FINE, 1), TRY_LATER: 1})
    assert smtp_server.answered_421 == 1

    deliveries = {d.member.email: d for d in DigestDelivery.objects.select_related("member")}
    assert set(deliveries) == set(members)
    assert {deliveries[a].status for a in [*FINE, TRY_LATER]} == {DeliveryStatus.SENT}
    # The 421 gave the row back and the task retried the chunk: the second attempt sent it.
    assert deliveries[TRY_LATER].attempts == 2
    assert all(deliveries[a].attempts == 1 for a in FINE)
    # The 550 is recorded for staff and the address set aside: no digest until it is cleared.
    refused = deliveries[REFUSED]
    assert refused.status == DeliveryStatus.FAILED
    assert "550" in refused.error
    preferences = MemberPreferences.objects.get(user=members[REFUSED])
    assert preferences.email_bounced_at is not None
    assert "No such user" in preferences.email_bounce_reason

    # What arrived is a digest with the one-click unsubscribe headers (RFC 8058), one message per member.
    for rcpt_tos, message in smtp_server.received:
        assert len(rcpt_tos) == 1
        assert message["To"] == rcpt_tos[0]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].strip().startswith("<http")  # folded onto its own line by SMTP
        assert message.is_multipart()

    # The beat firing again for the same period sends nothing twice.
    assert digests_schedule.apply(kwargs={"frequency": "weekly"}).get() == 0
    time.sleep(0.5)
    assert sum(smtp_server.recipients().values()) == 4


def test_a_member_suspended_after_planning_gets_nothing_from_the_worker(
    make_member, smtp_server, digest_setup, real_worker
):
    staying = make_member(user__email="staying@example.org")
    leaving = make_member(user__email="leaving@example.org")
    _run, planned = digest_run_plan(frequency="weekly")
    Membership.objects.filter(user=leaving).update(status=Membership.Status.SUSPENDED)
    digests_send_chunk.delay(delivery_ids=planned)

    assert _wait_until(_all_settled)
    assert smtp_server.recipients() == Counter({staying.email: 1})
    assert DigestDelivery.objects.get(member=leaving).status == DeliveryStatus.SKIPPED
