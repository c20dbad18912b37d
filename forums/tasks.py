"""Celery tasks of the forums: thin wrappers that call services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from forums.models import Consultation
from forums.services.consultations import consultation_close, consultation_opened_announce

logger = logging.getLogger(__name__)


@shared_task
def consultations_close_due() -> dict[str, int]:
    """Beat (every 5 minutes): tell followers of every e-discussion that has opened (once), and close every
    one whose end has passed, each in its own transaction. A second beat, or two at once, change nothing more:
    the announcement is claimed by a conditional UPDATE and the close re-reads the locked row."""
    opened = closed = 0
    for pk in list(Consultation.objects.open_unannounced().values_list("pk", flat=True)):
        opened += consultation_opened_announce(consultation_id=pk)
    for pk in list(Consultation.objects.close_due().values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                consultation = Consultation.objects.get(pk=pk)
                was_open = consultation.closed_at is None
                consultation_close(consultation=consultation, actor=None)
                closed += was_open
        except Exception:  # one broken e-discussion must not keep the others open
            logger.exception("Closing e-discussion %s failed", pk)
    return {"opened": opened, "closed": closed}
