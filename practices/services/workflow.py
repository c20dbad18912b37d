"""Every status change of a good practice: one service per named transition, all through the shared workflow.

Views, admin actions and tasks call these; nothing else writes ``GoodPractice.status``. Each writes the audit
row (with the moderator's note) and queues the email to the submitter in their language, in one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import User
from network.workflow import transition_apply
from practices.models import GoodPractice, PracticeStatus, PracticeVersion

# Field name → what a version keeps of it (see ``practice_snapshot``).
SNAPSHOT_TEXT_FIELDS = (
    "title",
    "summary",
    "body",
    "outcomes",
    "lessons",
    "safeguards",
    "other_organisations",
    "language",
    "visibility",
    "start_year",
    "end_year",
    "pillars",
    "target_groups",
)


def practice_submission_problems(practice: GoodPractice) -> list[str]:
    """What a practice still lacks before it can go to review (empty when it is complete)."""
    problems = []
    if not practice.title.strip():
        problems.append(_("Give the practice a title."))
    if not practice.summary.strip():
        problems.append(_("Write a short summary."))
    if not practice.body.strip():
        problems.append(_("Describe the practice."))
    if not practice.language:
        problems.append(_("Say which language the practice is written in."))
    if not practice.pillars:
        problems.append(_("Choose at least one pillar of the Strategy."))
    if not practice.countries.exists():
        problems.append(_("Choose at least one country."))
    if not practice.themes.exists():
        problems.append(_("Choose at least one theme."))
    return problems


def practice_snapshot(practice: GoodPractice) -> dict[str, Any]:
    """The practice's content as the submitter sent it: texts as written, relations by name."""
    data: dict[str, Any] = {name: getattr(practice, name) for name in SNAPSHOT_TEXT_FIELDS}
    data["countries"] = sorted(str(country.code) for country in practice.countries.all())
    data["themes"] = sorted(theme.name for theme in practice.themes.all())
    data["organisations"] = sorted(org.name for org in practice.organisations.all())
    data["keywords"] = sorted(tag.name for tag in practice.keywords.all())
    data["links"] = [{"title": link.title, "url": link.url} for link in practice.links.all()]
    data["attachments"] = [attachment.original_name for attachment in practice.attachments.all()]
    return data


@transaction.atomic
def practice_submit(
    *, practice: GoodPractice, actor: User, at: datetime | None = None, notify: bool = True
) -> GoodPractice:
    """The submitter sends a draft (or a revised practice) to the moderators; a version is frozen.

    ``at`` and ``notify=False`` (here and in the moderation services) record past history, as the demo does.
    """
    if practice.submitted_by_id != actor.pk:
        raise PermissionDenied
    problems = practice_submission_problems(practice)
    if problems:
        raise ValidationError(problems, code="incomplete")
    now = at or timezone.now()
    number = practice.versions.count() + 1
    PracticeVersion.objects.create(
        practice=practice, number=number, created_by=actor, created_at=now, data=practice_snapshot(practice)
    )
    return transition_apply(
        instance=practice,
        transition="submit",
        actor=actor,
        at=now,
        notify=notify,
        changes={"submitted_at": now},
    )


@transaction.atomic
def practice_withdraw(*, practice: GoodPractice, actor: User) -> GoodPractice:
    """The submitter takes a practice back before review starts, to change it."""
    if practice.submitted_by_id != actor.pk:
        raise PermissionDenied
    return transition_apply(instance=practice, transition="withdraw", actor=actor)


def _moderate(
    transition: str,
    *,
    practice: GoodPractice,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
    **changes: Any,
) -> GoodPractice:
    return transition_apply(
        instance=practice,
        transition=transition,
        actor=actor,
        note=note,
        at=at,
        notify=notify,
        changes=changes,
    )


@transaction.atomic
def practice_start_review(
    *,
    practice: GoodPractice,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    return _moderate("start_review", practice=practice, actor=actor, note=note, at=at, notify=notify)


@transaction.atomic
def practice_request_changes(
    *,
    practice: GoodPractice,
    actor: User,
    note: str,
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    """Sent back to the submitter with what to change: the note is required, it is all they have to go on."""
    if not note.strip():
        raise ValidationError(
            _("Say what should change: the submitter reads this note."), code="note_required"
        )
    return _moderate("request_changes", practice=practice, actor=actor, note=note, at=at, notify=notify)


@transaction.atomic
def practice_publish(
    *,
    practice: GoodPractice,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    changes = {} if practice.published_at else {"published_at": at or timezone.now()}
    return _moderate("publish", practice=practice, actor=actor, note=note, at=at, notify=notify, **changes)


@transaction.atomic
def practice_reject(
    *,
    practice: GoodPractice,
    actor: User,
    note: str,
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    if not note.strip():
        raise ValidationError(_("Say why: the submitter reads this note."), code="note_required")
    return _moderate("reject", practice=practice, actor=actor, note=note, at=at, notify=notify)


@transaction.atomic
def practice_archive(
    *,
    practice: GoodPractice,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    return _moderate("archive", practice=practice, actor=actor, note=note, at=at, notify=notify)


@transaction.atomic
def practice_restore(
    *,
    practice: GoodPractice,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> GoodPractice:
    return _moderate("restore", practice=practice, actor=actor, note=note, at=at, notify=notify)


__all__ = [
    "PracticeStatus",
    "practice_archive",
    "practice_publish",
    "practice_reject",
    "practice_request_changes",
    "practice_restore",
    "practice_snapshot",
    "practice_start_review",
    "practice_submission_problems",
    "practice_submit",
    "practice_withdraw",
]
