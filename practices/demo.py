"""Demo good practices (practices/demo_data*.py), seeded by ``seed_demo`` through the hook DEMO_SEED_HOOKS after
the demo experts exist.

Everything goes through the services a member and a moderator use: the submitter writes the draft
(``practice_create``; a translation names its original, created first, with ``translation_of``), adds the files
of a few (``practice_attachments_add``: the submitter may while it is a draft; practices/demo_files.py makes
them), then it takes its history through the workflow services — submitted, in review, changes requested,
published, rejected, archived — dated in the past and never emailed (``at=…, notify=False``). Focal points
endorse a few published ones (``practice_endorse``). Only the dates the services stamp "now" are moved back
afterwards, by a queryset update. Running it again changes nothing: a practice whose address exists is left
alone (the demo asks ``practice_create`` for its fixed address, so URLs are the same in every database).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from experts.models import ExpertProfile, Organisation
from network.attachments import attachment_prepare
from network.models import Country, Theme, User
from practices.demo_data import PRACTICES_EN, PRACTICES_WORKFLOW, DemoPractice
from practices.demo_data_i18n import PRACTICES_I18N
from practices.demo_files import DEMO_FILES, demo_file_bytes
from practices.models import Endorsement, GoodPractice, PracticeAttachment, PracticeStatus
from practices.services import workflow
from practices.services.attachments import practice_attachments_add
from practices.services.endorsements import practice_endorse
from practices.services.practices import LinkData, PracticeContent, practice_create

PRACTICES: list[DemoPractice] = [*PRACTICES_EN, *PRACTICES_WORKFLOW, *PRACTICES_I18N]

# The moderator's steps after the submitter's "submit", for each final status.
HISTORY: dict[str, list[Callable[..., GoodPractice]]] = {
    PracticeStatus.DRAFT: [],
    PracticeStatus.SUBMITTED: [],
    PracticeStatus.IN_REVIEW: [workflow.practice_start_review],
    PracticeStatus.CHANGES_REQUESTED: [workflow.practice_start_review, workflow.practice_request_changes],
    PracticeStatus.PUBLISHED: [workflow.practice_start_review, workflow.practice_publish],
    PracticeStatus.REJECTED: [workflow.practice_start_review, workflow.practice_reject],
    PracticeStatus.ARCHIVED: [
        workflow.practice_start_review,
        workflow.practice_publish,
        workflow.practice_archive,
    ],
}
NOTE_TAKING: set[Callable[..., GoodPractice]] = {
    workflow.practice_request_changes,
    workflow.practice_reject,
    workflow.practice_archive,
}


class _Relations:
    """The demo's countries, themes, organisations and contact experts, looked up once for every practice."""

    def __init__(self) -> None:
        self.countries = {c.code: c for c in Country.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.organisations = {o.slug: o for o in Organisation.objects.all()}
        contacts = {email for demo in PRACTICES for email in demo.contacts}
        self.experts = {
            e.user.email: e
            for e in ExpertProfile.objects.filter(user__email__in=contacts).select_related("user")
        }

    def content(self, demo: DemoPractice, *, translation_of: GoodPractice | None) -> PracticeContent:
        """What the submitter types in the form."""
        return PracticeContent(
            title=demo.title,
            summary=demo.summary,
            body=demo.body,
            outcomes=demo.outcomes,
            lessons=demo.lessons,
            safeguards=demo.safeguards,
            language=demo.language,
            visibility=demo.visibility,
            countries=[self.countries[code] for code in demo.countries if code in self.countries],
            themes=[self.themes[slug] for slug in demo.themes if slug in self.themes],
            pillars=demo.pillars,
            target_groups=demo.target_groups,
            keywords=demo.keywords,
            organisations=[
                self.organisations[slug] for slug in demo.organisations if slug in self.organisations
            ],
            other_organisations=demo.other_organisations,
            start_year=demo.years[0],
            end_year=demo.years[1],
            contact_experts=[self.experts[email] for email in demo.contacts if email in self.experts],
            links=[LinkData(title=title, url=url) for title, url in demo.links],
            translation_of=translation_of,
        )


def _attach(practice: GoodPractice, demo: DemoPractice, *, submitter: User, at: datetime) -> None:
    """The submitter adds the practice's files to the draft, before sending it (so its version lists them)."""
    files = DEMO_FILES.get(demo.slug, ())
    if not files:
        return
    uploads = []
    for demo_file in files:
        upload = io.BytesIO(demo_file_bytes(demo_file))
        upload.name = demo_file.name
        uploads.append(attachment_prepare(upload))
    practice_attachments_add(practice=practice, prepared=uploads, actor=submitter)
    PracticeAttachment.objects.filter(practice=practice).update(created_at=at)  # the date only


def _history(
    practice: GoodPractice, demo: DemoPractice, *, submitter: User, moderator: User, created: datetime
) -> datetime:
    """Submitted a day after it was written, each moderator step a little later; nobody is emailed now.
    Returns when it last changed."""
    if demo.status == PracticeStatus.DRAFT:
        return created
    at = created + timedelta(days=1)
    workflow.practice_submit(practice=practice, actor=submitter, at=at, notify=False)
    now = timezone.now()
    for step, decide in enumerate(HISTORY[demo.status], start=1):
        # the waiting queue shows days for items still in review; decided items took a week per step
        at = min(at + timedelta(days=7 if demo.days_ago > 30 else 0, hours=2 * step), now)
        kwargs: dict[str, Any] = {"note": demo.note} if decide in NOTE_TAKING and demo.note else {}
        decide(practice=practice, actor=moderator, at=at, notify=False, **kwargs)
    return at


def _endorse(practice: GoodPractice, demo: DemoPractice, *, endorsers: dict[str, User], at: datetime) -> None:
    """Focal points vouch for published practices; the service refuses anyone else, or any other status."""
    if practice.status != PracticeStatus.PUBLISHED:
        return
    for email in demo.endorsers:
        if email in endorsers and endorsers[email].pk != practice.submitted_by_id:
            practice_endorse(practice=practice, user=endorsers[email])
    Endorsement.objects.filter(practice=practice).update(created_at=at)  # the date only


@transaction.atomic
def seed_practices(*, moderator: User, **_: Any) -> dict[str, int]:
    """Every demo practice once, written by its submitter and moderated through the services."""
    by_slug = GoodPractice.objects.in_bulk([d.slug for d in PRACTICES], field_name="slug")
    emails = {d.by for d in PRACTICES} | {email for d in PRACTICES for email in d.endorsers}
    users = {u.email: u for u in User.objects.filter(email__in=emails).select_related("membership")}
    relations = _Relations()
    # A translation names its original: the first practice of its group, seeded before it.
    originals: dict[str, GoodPractice] = {}
    for demo in PRACTICES:
        if demo.group and demo.slug in by_slug:
            originals.setdefault(demo.group, by_slug[demo.slug])
    now = timezone.now()
    created = 0
    for demo in PRACTICES:
        if demo.slug in by_slug or demo.by not in users:
            continue
        submitter = users[demo.by]
        at = now - timedelta(days=demo.days_ago)
        content = relations.content(demo, translation_of=originals.get(demo.group))
        practice = practice_create(submitted_by=submitter, content=content, slug=demo.slug)
        if demo.group:
            originals.setdefault(demo.group, practice)
        _attach(practice, demo, submitter=submitter, at=at)
        last = _history(practice, demo, submitter=submitter, moderator=moderator, created=at)
        # The services stamp "now"; the demo's history is in the past: only the dates are moved back.
        GoodPractice.objects.filter(pk=practice.pk).update(created_at=at, updated_at=last)
        practice.refresh_from_db()
        _endorse(practice, demo, endorsers=users, at=min(at + timedelta(days=20), now))
        created += 1
    return {"practices_created": created}
