"""Files on a good practice: add, remove, and delete them with practices that go.

Every write goes through the shared mechanism (``network.attachments``): the bytes were checked when the upload
was prepared, ``attachment_create`` stores them privately, ``attachments_delete`` removes rows now and files
once the transaction commits. Who may change a practice's files: its submitter while they may edit it
(``GoodPractice.is_editable_by``: a draft, or a practice sent back for changes) and staff at any status.

Audit: once a practice has left the draft stage (any status but ``draft``), adding or removing a file writes a
details-change row (``from_status == to_status``, never emailed) naming the files, so moderators see in the
history that the submitter (or a colleague) changed the documents after submission. A draft's files are the
submitter's own business until it is sent; nobody else sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.attachments import PreparedAttachment, attachment_create, attachments_delete
from network.lists import list_join
from network.models import User
from network.workflow import audit_record
from practices.models import GoodPractice, PracticeAttachment, PracticeStatus

# Files one practice may carry (override with settings.PRACTICE_ATTACHMENTS_MAX).
PRACTICE_ATTACHMENTS_MAX = 10


def practice_attachments_max() -> int:
    return int(getattr(settings, "PRACTICE_ATTACHMENTS_MAX", PRACTICE_ATTACHMENTS_MAX))


def practice_attachments_editable_by(practice: GoodPractice, user: Any) -> bool:
    """The submitter while the practice is editable (draft, changes requested); active staff always."""
    if getattr(user, "is_active", False) and getattr(user, "is_staff", False):
        return True
    return bool(getattr(user, "is_active", False)) and practice.is_editable_by(user)


def practice_attachments_room(practice: GoodPractice, *, removing: int = 0) -> int:
    """How many more files the practice can take (after ``removing`` of its current ones go)."""
    if practice.pk is None:
        return practice_attachments_max()
    return max(0, practice_attachments_max() - practice.attachments.count() + removing)


def too_many_files_error(*, room: int, chosen: int) -> ValidationError:
    """The refusal when a practice would carry more files than allowed: how many it can still take."""
    limit = practice_attachments_max()
    if room == 0:
        message = ngettext(
            "A practice can carry at most %(limit)d file and this one is full: remove one first.",
            "A practice can carry at most %(limit)d files and this one is full: remove one first.",
            limit,
        ) % {"limit": limit}
    else:
        message = _(
            "A practice can carry at most %(limit)d files: you chose %(chosen)d and there is room for %(room)d."
        ) % {"limit": limit, "chosen": chosen, "room": room}
    return ValidationError(message, code="too_many_attachments")


def _audit(practice: GoodPractice, actor: User, note: str) -> None:
    if practice.status != PracticeStatus.DRAFT:
        audit_record(
            instance=practice, actor=actor, from_status=practice.status, to_status=practice.status, note=note
        )


def _locked(practice: GoodPractice) -> GoodPractice:
    """The practice row, locked for this transaction: two uploads at once cannot both pass the cap, and the
    status the permission is judged on is the current one."""
    return GoodPractice.objects.select_for_update().get(pk=practice.pk)


@transaction.atomic
def practice_attachments_add(
    *, practice: GoodPractice, prepared: list[PreparedAttachment], actor: User
) -> list[PracticeAttachment]:
    """Store checked files on a practice, after its current ones. Raises ``PermissionDenied`` for anyone
    but the submitter of an editable practice or staff, ``ValidationError`` beyond the per-practice cap."""
    if not prepared:
        return []
    current = _locked(practice)
    if not practice_attachments_editable_by(current, actor):
        raise PermissionDenied
    room = practice_attachments_room(current)
    if len(prepared) > room:
        raise too_many_files_error(room=room, chosen=len(prepared))
    position = (current.attachments.aggregate(last=models.Max("position"))["last"] or 0) + 1
    added = [
        attachment_create(
            attachment=PracticeAttachment(practice=current, position=position + offset),
            prepared=file,
            uploaded_by=actor,
        )
        for offset, file in enumerate(prepared)
    ]
    names = list_join(f"“{a.original_name}”" for a in added)
    _audit(current, actor, _("Files added: %(names)s") % {"names": names})
    return added


@transaction.atomic
def practice_attachment_remove(*, attachment: PracticeAttachment, actor: User) -> None:
    """Remove a file from its practice: the row now, the stored file once the transaction commits."""
    practice = _locked(attachment.practice)
    if not practice_attachments_editable_by(practice, actor):
        raise PermissionDenied
    name = attachment.original_name
    attachments_delete(attachments=[attachment])
    _audit(practice, actor, _("File removed: “%(name)s”") % {"name": name})


@transaction.atomic
def practice_attachments_delete_for(practices: Iterable[GoodPractice] | models.QuerySet[GoodPractice]) -> int:
    """Delete the files of practices about to be deleted (a CASCADE would leave the files in storage): call
    it before deleting them, e.g. from the account-deletion hook for the member's drafts. No permission check
    and no audit: the caller decided the practices go. Returns how many files went."""
    if isinstance(practices, models.QuerySet):
        owners: Any = practices.values("pk")
    else:
        owners = [p.pk for p in practices]
    return attachments_delete(attachments=PracticeAttachment.objects.filter(practice__in=owners))


__all__ = [
    "PRACTICE_ATTACHMENTS_MAX",
    "practice_attachment_remove",
    "practice_attachments_add",
    "practice_attachments_delete_for",
    "practice_attachments_editable_by",
    "practice_attachments_max",
    "practice_attachments_room",
    "too_many_files_error",
]
