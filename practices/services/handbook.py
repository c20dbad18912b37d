"""Handbooks: saving the front matter and entries, requesting a PDF build and running it.

``handbook_build_request`` records a queued ``HandbookBuild`` and queues the Celery task once the transaction
commits; the task calls ``handbook_build_run``, which renders (practices/handbook.py), reports progress on the
row as it goes (each step its own short write, so staff watching the admin see it move), stores the PDF through
Django's storage API and records a failure with its error. The newest successful build's PDF is kept; older
successful builds' files are deleted once a newer one is stored (their rows stay as history).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.markdown import markdown_render
from practices.models import BuildStatus, Handbook, HandbookBuild, HandbookEntry, PracticeStatus

logger = logging.getLogger(__name__)

ERROR_MAX = 2000


def handbook_can_build(user: Any) -> bool:
    return bool(
        getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
        and user.has_perm("practices.add_handbookbuild")
    )


@transaction.atomic
def handbook_save(*, handbook: Handbook, actor: Any) -> Handbook:
    """Save the front matter (title, introduction, language), rendering the introduction's Markdown."""
    handbook.introduction_html = markdown_render(handbook.introduction)
    handbook.updated_at = timezone.now()
    if handbook.pk is None and handbook.created_by_id is None and getattr(actor, "pk", None):
        handbook.created_by = actor
    handbook.save()
    return handbook


@transaction.atomic
def handbook_entry_add(*, handbook: Handbook, practice_id: int, position: int | None = None) -> HandbookEntry:
    """Add a published practice at the end (or at ``position``); adding it twice changes nothing."""
    entry = HandbookEntry(handbook=handbook, practice_id=practice_id)
    entry.clean()  # only published practices
    if position is None:
        last = handbook.entries.order_by("-position").values_list("position", flat=True).first()
        position = (last or 0) + 1
    entry, _created = HandbookEntry.objects.get_or_create(
        handbook=handbook, practice_id=practice_id, defaults={"position": position}
    )
    Handbook.objects.filter(pk=handbook.pk).update(updated_at=timezone.now())
    return entry


@transaction.atomic
def handbook_build_request(*, handbook: Handbook, actor: Any) -> HandbookBuild:
    """Queue a build of ``handbook``'s PDF; the task starts once this transaction commits."""
    from practices.tasks import handbook_build

    if not handbook_can_build(actor):
        raise PermissionDenied
    if not handbook.entries.filter(practice__status=PracticeStatus.PUBLISHED).exists():
        raise ValidationError(_("Add at least one published practice before building the handbook."))
    build = HandbookBuild.objects.create(
        handbook=handbook, requested_by=actor, message=_("Waiting for a worker")
    )
    transaction.on_commit(partial(handbook_build.delay, build_id=build.pk))
    return build


def handbook_build_progress(*, build_id: int, percent: int, message: str) -> None:
    """One progress step, written at once (outside any transaction of the caller's)."""
    HandbookBuild.objects.filter(pk=build_id).update(
        progress=max(0, min(percent, 100)), message=message[:200]
    )


def handbook_build_run(*, build_id: int) -> HandbookBuild | None:
    """Render and store the PDF for one build; a build already done (a redelivered task) is left as it is."""
    from practices.handbook import handbook_pdf

    build = HandbookBuild.objects.select_related("handbook").filter(pk=build_id).first()
    if build is None or build.status == BuildStatus.DONE:
        return build
    HandbookBuild.objects.filter(pk=build_id).update(
        status=BuildStatus.RUNNING,
        started_at=timezone.now(),
        progress=5,
        message=_("Started"),
        error="",
        finished_at=None,
    )
    try:
        pdf = handbook_pdf(
            build.handbook,
            progress=lambda percent, message: handbook_build_progress(
                build_id=build_id, percent=percent, message=message
            ),
        )
        return _build_store(build=build, content=pdf.content, page_count=pdf.page_count)
    except Exception as error:
        logger.exception("handbook build %s failed", build_id)
        HandbookBuild.objects.filter(pk=build_id).update(
            status=BuildStatus.FAILED,
            finished_at=timezone.now(),
            message=_("Failed"),
            error=f"{type(error).__name__}: {error}"[:ERROR_MAX],
        )
        build.refresh_from_db()
        return build


@transaction.atomic
def _build_store(*, build: HandbookBuild, content: bytes, page_count: int) -> HandbookBuild:
    build = HandbookBuild.objects.select_for_update().get(pk=build.pk)
    older = list(
        HandbookBuild.objects.filter(handbook_id=build.handbook_id).successful().exclude(pk=build.pk)
    )
    name = f"{slugify(build.handbook.title)[:80] or 'handbook'}-{build.pk}.pdf"
    build.file.save(name, ContentFile(content), save=False)
    build.status = BuildStatus.DONE
    build.progress = 100
    build.message = _("Done")
    build.page_count = page_count
    build.finished_at = timezone.now()
    build.save()
    for old in older:  # the newest PDF is the one kept; the rows stay as history
        old_name = str(old.file.name)
        storage = old.file.storage
        HandbookBuild.objects.filter(pk=old.pk).update(file="")
        transaction.on_commit(partial(storage.delete, old_name))
    return build
