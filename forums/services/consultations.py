"""Time-boxed e-discussions: opened by staff in a thread of their own, summarised by facilitators while they
run, closed at their end (by the beat task, or earlier by staff) with an optional synthesis.

Posting is allowed between ``opens_at`` and ``closes_at`` only — the posting service checks
``Consultation.accepts_posts()``; nothing changes state when a discussion opens, but followers are told once
(``forums.notify.consultation_opened``, from the beat task). Closing takes the thread's ``close`` transition
(audited) and tells followers (``forums.notify.consultation_closed``) on commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forums import notify
from forums.counters import category_counters_refresh
from forums.models import Category, Consultation, ConsultationSummary, Thread, ThreadStatus
from network.markdown import markdown_render
from network.permissions import is_member
from network.workflow import audit_record, transition_apply


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


def consultation_can_summarise(consultation: Consultation, user: Any) -> bool:
    """Staff, or a facilitator of this e-discussion who is still a member."""
    if _is_staff(user):
        return True
    # Reads the prefetched facilitators when there are (Consultation.objects.with_header()).
    return is_member(user) and any(person.pk == user.pk for person in consultation.facilitators.all())


def _period_check(opens_at: datetime, closes_at: datetime) -> None:
    if closes_at <= opens_at:
        raise ValidationError(_("The e-discussion must close after it opens."), code="period")


@transaction.atomic
def consultation_open(
    *,
    actor: Any,
    category: Category,
    title: str,
    lead_question: str,
    opens_at: datetime,
    closes_at: datetime,
    facilitators: Iterable[Any] = (),
) -> Consultation:
    """Staff open a time-boxed e-discussion: its thread in ``category`` and the consultation row."""
    if not _is_staff(actor):
        raise PermissionDenied(_("Only staff open time-boxed e-discussions."))
    _period_check(opens_at, closes_at)
    thread = Thread.objects.create(
        category=category,
        title=title,
        slug=slugify(title)[:120].strip("-") or "e-discussion",
        author=actor,
        status=ThreadStatus.OPEN,
    )
    consultation = Consultation.objects.create(
        thread=thread,
        lead_question=lead_question,
        lead_question_html=markdown_render(lead_question),
        opens_at=opens_at,
        closes_at=closes_at,
    )
    consultation.facilitators.set(list(facilitators))
    audit_record(
        instance=thread,
        actor=actor,
        from_status=thread.status,
        to_status=thread.status,
        note=_("Time-boxed e-discussion opened from %(opens)s to %(closes)s")
        % {
            "opens": opens_at.isoformat(timespec="minutes"),
            "closes": closes_at.isoformat(timespec="minutes"),
        },
    )
    category_counters_refresh(category_ids=[category.pk])
    return consultation


@transaction.atomic
def consultation_details_update(
    *,
    consultation: Consultation,
    actor: Any,
    lead_question: str,
    opens_at: datetime,
    closes_at: datetime,
    synthesis: str,
    facilitators: Iterable[Any],
) -> Consultation:
    """Staff change an e-discussion's question, dates, facilitators or synthesis (audited on its thread)."""
    if not _is_staff(actor):
        raise PermissionDenied(_("Only staff change time-boxed e-discussions."))
    _period_check(opens_at, closes_at)
    consultation.lead_question = lead_question
    consultation.lead_question_html = markdown_render(lead_question)
    consultation.opens_at, consultation.closes_at = opens_at, closes_at
    consultation.synthesis = synthesis
    consultation.synthesis_html = markdown_render(synthesis) if synthesis.strip() else ""
    consultation.save()
    consultation.facilitators.set(list(facilitators))
    thread = consultation.thread
    audit_record(
        instance=thread,
        actor=actor,
        from_status=thread.status,
        to_status=thread.status,
        note=_("Time-boxed e-discussion changed."),
    )
    return consultation


@transaction.atomic
def consultation_summary_add(*, consultation: Consultation, author: Any, body: str) -> ConsultationSummary:
    """A facilitator (or staff) adds a dated summary; the newest is pinned above the posts."""
    if not consultation_can_summarise(consultation, author):
        raise PermissionDenied(_("Only the facilitators of this e-discussion write its summaries."))
    if not body.strip():
        raise ValidationError(_("The summary is empty."), code="empty")
    return ConsultationSummary.objects.create(
        consultation=consultation, author=author, body=body, body_html=markdown_render(body)
    )


@transaction.atomic
def consultation_synthesis_set(*, consultation: Consultation, actor: Any, synthesis: str) -> Consultation:
    """The closing synthesis, written by a facilitator or staff (shown once the e-discussion is closed)."""
    if not consultation_can_summarise(consultation, actor):
        raise PermissionDenied(_("Only the facilitators of this e-discussion write its synthesis."))
    consultation.synthesis = synthesis
    consultation.synthesis_html = markdown_render(synthesis) if synthesis.strip() else ""
    consultation.save(update_fields=["synthesis", "synthesis_html"])
    return consultation


@transaction.atomic
def consultation_close(
    *, consultation: Consultation, actor: Any, synthesis: str | None = None, at: datetime | None = None
) -> Consultation:
    """Close to new posts: stamp ``closed_at``, take the thread's ``close`` transition, set the synthesis if
    given. Idempotent: a closed e-discussion is left as it is (a given synthesis is still saved), and followers
    are told only by the call that closed it. ``actor`` None is the beat task."""
    if actor is not None and not _is_staff(actor):
        raise PermissionDenied(_("Only staff close time-boxed e-discussions."))
    locked = Consultation.objects.select_for_update().select_related("thread").get(pk=consultation.pk)
    if synthesis is not None:
        locked.synthesis = synthesis
        locked.synthesis_html = markdown_render(synthesis) if synthesis.strip() else ""
        locked.save(update_fields=["synthesis", "synthesis_html"])
    if locked.closed_at is None:
        locked.closed_at = at or timezone.now()
        locked.save(update_fields=["closed_at"])
        thread = locked.thread
        if thread.can_take("close"):  # a hidden or pending thread stays as it is
            transition_apply(
                instance=thread,
                transition="close",
                actor=actor,
                note=_("The time-boxed e-discussion reached its end."),
            )
        transaction.on_commit(partial(notify.consultation_closed, locked.pk))
    consultation.closed_at, consultation.synthesis = locked.closed_at, locked.synthesis
    consultation.synthesis_html = locked.synthesis_html
    return locked


@transaction.atomic
def consultation_opened_announce(*, consultation_id: int) -> bool:
    """Claim the "opened" announcement with one conditional UPDATE; True (and followers told on commit) only
    for the call that claimed it."""
    claimed = (
        Consultation.objects.open_unannounced()
        .filter(pk=consultation_id)
        .update(opened_notified_at=timezone.now())
    )
    if claimed:
        transaction.on_commit(partial(notify.consultation_opened, consultation_id))
    return bool(claimed)
