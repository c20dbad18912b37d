"""Celery tasks of the network app: thin wrappers that take primary keys and call services."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command

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
