"""Celery tasks of the network app: thin wrappers that take primary keys and call services."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from network.emails import send_templated_email
from network.models import MembershipEvent


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def membership_send_decision_email(*, event_id: int) -> None:
    """Tell the member about a decision, in their language; sent at most once per event."""
    with transaction.atomic():
        event = (
            MembershipEvent.objects.select_for_update(of=("self",))
            .select_related("membership__user")
            .get(pk=event_id)
        )
        if event.notified_at is not None:
            return
        user = event.membership.user
        send_templated_email(
            to=user.email,
            template=f"membership_{event.to_status}",
            context={"user": user, "event": event, "membership": event.membership},
            language=user.preferred_language,
        )
        event.notified_at = timezone.now()
        event.save(update_fields=["notified_at"])


@shared_task
def sessions_clear_expired() -> None:
    call_command("clearsessions")
