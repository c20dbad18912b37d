"""Send-once email: claim → commit → send → stamp, written once for every row that owes someone an email.

A *send-once row* is any model with ``notified_at`` and ``notify_claimed_at`` columns, a queryset built on
``SendOnceQuerySet`` and a ``notification_email()`` method saying who is written to, with which template, context
and Reply-To (``NotificationEmail``), or ``None`` when there is nothing to say. Audit rows of a workflow
(``network.workflow.AuditEvent``) are one kind; a message relayed between members (``experts.ContactMessage``)
is another. The writer queues ``notification_enqueue`` on commit; a Celery task calls ``email_send_once`` with the
model's label and primary key. The claim is an UPDATE that commits before SMTP is touched, so two workers (a
retried task, the sweep and the original) can never both send. A broker that is down loses nothing: the enqueue
logs and returns, and ``notifications_sweep`` (Celery beat) queues every row whose email is due and unsent.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.db import models
from django.utils import timezone

from network.emails import email_message, portal_email_render

if TYPE_CHECKING:
    from network.models import User

logger = logging.getLogger(__name__)

# The sweep leaves a row alone while its own task may still be on the way, and gives up on emails so old
# that they would confuse more than help (the member has seen the result by signing in).
SWEEP_MIN_AGE = timedelta(minutes=5)
SWEEP_MAX_AGE = timedelta(days=3)


@dataclass(frozen=True)
class NotificationEmail:
    """What a send-once row asks to send: ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` to
    ``recipient`` in their language. ``reply_to`` replaces the support address (a relayed message: the sender).
    ``unsubscribe_kind`` (``network.unsubscribe.UnsubscribeKind``) adds the one-click unsubscribe headers."""

    recipient: User
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    reply_to: str | None = None
    unsubscribe_kind: str | None = None


class SendOnce(Protocol):
    def notification_email(self) -> NotificationEmail | None: ...


class SendOnceQuerySet(models.QuerySet[Any]):
    """The reads the send-once machinery needs; a model whose rows do not all email narrows ``notification_due``."""

    def for_notification(self) -> SendOnceQuerySet:
        """What ``notification_email()`` reads, loaded with the row (override to ``select_related``)."""
        return self

    def notification_due(self, *, min_age: timedelta, max_age: timedelta) -> SendOnceQuerySet:
        """Rows whose email should have gone and has not: not too fresh (its own task may still be on the
        way), not too old."""
        now = timezone.now()
        return self.filter(
            notified_at__isnull=True,
            notify_claimed_at__isnull=True,
            created_at__lte=now - min_age,
            created_at__gte=now - max_age,
        )

    def notification_stuck(self, *, older_than: timedelta) -> SendOnceQuerySet:
        """Claimed but never stamped: the worker died mid-send; the email may or may not have left."""
        return self.filter(notified_at__isnull=True, notify_claimed_at__lt=timezone.now() - older_than)


class TemporaryEmailError(Exception):
    """SMTP said "try later" (4xx, connection lost): the claim is released and the task retried."""


def smtp_error_is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError)


def _model(model: type[models.Model] | str) -> type[models.Model]:
    return apps.get_model(model) if isinstance(model, str) else model


def send_once_models() -> list[type[models.Model]]:
    """Every installed model whose rows are sent once (audit rows, relayed messages…), for the sweep."""
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), SendOnceQuerySet)
        and callable(getattr(model, "notification_email", None))
    ]


def _unsubscribe_headers(recipient: User, kind: str | None) -> dict[str, str] | None:
    if kind is None:
        return None
    from network.unsubscribe import unsubscribe_headers  # network.models imports this module

    return unsubscribe_headers(recipient, kind)


def email_send_once(*, model: type[models.Model] | str, pk: int) -> bool:
    """Send the email row ``pk`` owes, at most once. True if it was sent now."""
    rows = _model(model)._default_manager
    claimed = rows.filter(pk=pk, notified_at__isnull=True, notify_claimed_at__isnull=True).update(
        notify_claimed_at=timezone.now()
    )
    if not claimed:
        return False  # sent already, being sent, or possibly sent by a worker that died: never twice
    row: SendOnce = rows.all().for_notification().get(pk=pk)  # type: ignore[attr-defined]
    email = row.notification_email()
    if email is None:
        return False  # nothing to say (a details change); the claim keeps every sweep away
    recipient = email.recipient
    try:
        rendered = portal_email_render(
            template=email.template,
            context={"user": recipient, **email.context},
            language=recipient.preferred_language,
        )
        email_message(
            to=recipient.email,
            rendered=rendered,
            reply_to=email.reply_to,
            headers=_unsubscribe_headers(recipient, email.unsubscribe_kind),
        ).send()
    except Exception as error:
        if not smtp_error_is_temporary(error):
            logger.exception("Email for %s %s refused for good; not retried.", rows.model._meta.label, pk)
            raise
        rows.filter(pk=pk).update(notify_claimed_at=None)
        raise TemporaryEmailError(str(error)) from error
    rows.filter(pk=pk).update(notified_at=timezone.now())
    return True


def notification_enqueue(model: type[models.Model] | str, pk: int) -> bool:
    """Queue the email task; a broker that is down must not fail the request that made the change."""
    from network.tasks import audit_email_send

    label = _model(model)._meta.label
    try:
        audit_email_send.delay(model=label, pk=pk)
    except Exception:  # kombu/redis errors vary by transport; the sweep will queue it again
        logger.exception("Could not queue the email for %s %s; the notification sweep will.", label, pk)
        return False
    return True


def notifications_sweep() -> int:
    """Queue the email of every send-once row that is due and unsent; returns how many were queued."""
    queued = 0
    for model in send_once_models():
        rows: Any = model._default_manager
        due = rows.notification_due(min_age=SWEEP_MIN_AGE, max_age=SWEEP_MAX_AGE)
        for pk in due.values_list("pk", flat=True):
            queued += notification_enqueue(model, pk)
        stuck = rows.notification_stuck(older_than=SWEEP_MIN_AGE).filter(
            notify_claimed_at__gte=timezone.now() - SWEEP_MIN_AGE * 2
        )
        for pk in stuck.values_list("pk", flat=True):  # reported once, by the sweep that first sees it
            logger.warning(
                "Email for %s %s was claimed but never stamped; not resent.", model._meta.label, pk
            )
    return queued
