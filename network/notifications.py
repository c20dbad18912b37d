"""Send-once email for audit rows: claim → commit → send → stamp, written once for every workflow.

``transition_apply`` queues ``notification_enqueue`` on commit; a Celery task calls ``email_send_once`` with the
audit model's label and primary key. The claim is an UPDATE that commits before SMTP is touched, so two
workers (a retried task, the sweep and the original) can never both send. A broker that is down loses
nothing: the enqueue logs and returns, and ``notifications_sweep`` (Celery beat) queues every row whose email
is due and unsent.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from network.emails import email_message, portal_email_render
from network.workflow import AuditEvent, audit_models

logger = logging.getLogger(__name__)

# The sweep leaves a row alone while its own task may still be on the way, and gives up on decisions so old
# that an email would confuse more than help (the member has seen the result by signing in).
SWEEP_MIN_AGE = timedelta(minutes=5)
SWEEP_MAX_AGE = timedelta(days=3)


class TemporaryEmailError(Exception):
    """SMTP said "try later" (4xx, connection lost): the claim is released and the task retried."""


def _is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError)


def _audit_model(model: type[AuditEvent] | str) -> type[AuditEvent]:
    return apps.get_model(model) if isinstance(model, str) else model  # type: ignore[return-value]


def email_send_once(*, model: type[AuditEvent] | str, pk: int) -> bool:
    """Email the subject of audit row ``pk`` about its transition, at most once. True if it was sent now."""
    audit = _audit_model(model)
    claimed = audit.objects.filter(pk=pk, notified_at__isnull=True, notify_claimed_at__isnull=True).update(
        notify_claimed_at=timezone.now()
    )
    if not claimed:
        return False  # sent already, being sent, or possibly sent by a worker that died: never twice
    event = audit.objects.select_related(audit.SUBJECT_FIELD).get(pk=pk)
    step = event.transition
    if step is None or not step.email_template:
        return False  # nothing to say (details change); the claim keeps every sweep away
    recipient = event.subject.notification_recipient()
    try:
        rendered = portal_email_render(
            template=step.email_template,
            context={"user": recipient, "event": event, event.SUBJECT_FIELD: event.subject},
            language=recipient.preferred_language,
        )
        email_message(to=recipient.email, rendered=rendered).send()
    except Exception as error:
        if not _is_temporary(error):
            logger.exception("Email for %s %s refused for good; not retried.", audit._meta.label, pk)
            raise
        audit.objects.filter(pk=pk).update(notify_claimed_at=None)
        raise TemporaryEmailError(str(error)) from error
    audit.objects.filter(pk=pk).update(notified_at=timezone.now())
    return True


def notification_enqueue(model: type[AuditEvent] | str, pk: int) -> bool:
    """Queue the email task; a broker that is down must not fail the request that made the change."""
    from network.tasks import audit_email_send

    label = _audit_model(model)._meta.label
    try:
        audit_email_send.delay(model=label, pk=pk)
    except Exception:  # kombu/redis errors vary by transport; the sweep will queue it again
        logger.exception("Could not queue the email for %s %s; the notification sweep will.", label, pk)
        return False
    return True


def notifications_sweep() -> int:
    """Queue the email of every audit row that is due and unsent; returns how many were queued."""
    queued = 0
    for audit in audit_models():
        due = audit.objects.notification_due(min_age=SWEEP_MIN_AGE, max_age=SWEEP_MAX_AGE)  # type: ignore[attr-defined]
        for pk in due.values_list("pk", flat=True):
            queued += notification_enqueue(audit, pk)
        stuck = audit.objects.notification_stuck(older_than=SWEEP_MIN_AGE).filter(  # type: ignore[attr-defined]
            notify_claimed_at__gte=timezone.now() - SWEEP_MIN_AGE * 2
        )
        for pk in stuck.values_list("pk", flat=True):  # reported once, by the sweep that first sees it
            logger.warning(
                "Email for %s %s was claimed but never stamped; not resent.", audit._meta.label, pk
            )
    return queued
