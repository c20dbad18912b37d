"""Celery tasks of the network app: thin wrappers that take primary keys and call services."""

from __future__ import annotations

from functools import partial

from celery import shared_task
from django.core.management import call_command
from django.db import transaction

from network.models import MembershipEvent
from network.notifications import TemporaryEmailError, email_send_once, notifications_sweep

# "Try later" from SMTP: back off up to 10 minutes between tries; after the last one the row is left unsent
# and unclaimed, so the sweep queues it again.
EMAIL_RETRY = {
    "autoretry_for": (TemporaryEmailError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


@shared_task(**EMAIL_RETRY)
def audit_email_send(*, model: str, pk: int) -> None:
    """Send the email one send-once row owes, once: an audit row (``model`` is its label, e.g.
    ``network.MembershipEvent``) or any other send-once row such as a relayed message (network.notifications)."""
    email_send_once(model=model, pk=pk)


@shared_task(**EMAIL_RETRY)
def membership_send_decision_email(*, event_id: int) -> None:
    """The membership decision email by its historical name; same send-once path as every audit row."""
    email_send_once(model=MembershipEvent, pk=event_id)


@shared_task
def notifications_send_due() -> None:
    """Beat: queue every send-once email that is due and was never sent (e.g. the broker was down)."""
    notifications_sweep()


@shared_task
def sessions_clear_expired() -> None:
    call_command("clearsessions")


# --- Digests (network/services/digests.py) ----------------------------------------------------------------


@shared_task
def digests_schedule(*, frequency: str) -> int:
    """Beat: plan the current period's run of ``frequency`` and queue its deliveries in chunks, once the plan is
    committed. Running it twice plans nothing twice and sends nothing twice. Returns the deliveries queued."""
    from network.services.digests import chunks, digest_run_plan

    with transaction.atomic():
        _run, planned = digest_run_plan(frequency=frequency)
        for chunk in chunks(planned):
            transaction.on_commit(partial(digests_send_chunk.delay, delivery_ids=chunk))
    return len(planned)


# A worker that dies mid-chunk gives the task back to the broker (acks_late + reject_on_worker_lost): the re-run
# skips the rows already claimed. "Try later" from SMTP retries the chunk with backoff (up to ~10 minutes apart).
@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(TemporaryEmailError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
)
def digests_send_chunk(*, delivery_ids: list[int]) -> dict[str, int]:
    from network.services.digests import digest_deliveries_send

    return digest_deliveries_send(delivery_ids).counts


@shared_task
def digests_interrupted_mark() -> int:
    """Beat: deliveries a dead worker left "being sent" for over an hour become failed, for staff to resend."""
    from network.services.digests import digest_deliveries_interrupted

    return digest_deliveries_interrupted()
