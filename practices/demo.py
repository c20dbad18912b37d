"""Demo good practices (practices/demo_data*.py), seeded by ``seed_demo`` through the hook DEMO_SEED_HOOKS after
the demo experts exist.

Each practice is written as a draft by its submitter, then takes its history through the workflow services —
submitted, in review, changes requested, published, rejected, archived — dated in the past and never emailed
(``at=…, notify=False``). Translations share a ``translation_group``; focal points endorse a few published ones.
Running it again changes nothing: a practice whose address exists is left alone.

Attachments come later, with their own mechanism (network/attachments.py); the demo will add a few then.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from experts.models import ExpertProfile, Organisation
from network.markdown import markdown_render
from network.models import Country, Theme, User
from practices.demo_data import PRACTICES_EN, PRACTICES_WORKFLOW, DemoPractice
from practices.demo_data_i18n import PRACTICES_I18N
from practices.models import Endorsement, GoodPractice, PracticeLink, PracticeStatus, can_endorse
from practices.search import practice_search_refresh
from practices.services import workflow

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


def _practice_build(
    demo: DemoPractice,
    *,
    submitter: User,
    group: uuid.UUID,
    organisations: dict[str, Organisation],
    at: datetime,
) -> GoodPractice:
    """The draft as the submit form would save it.

    Stand-in for ``practices.services.practices.practice_create`` (being written alongside): switch to it once
    merged. Markdown is rendered once here, as the services do, and the search vector refreshed.
    """
    practice = GoodPractice.objects.create(
        slug=demo.slug,
        translation_group=group,
        title=demo.title,
        summary=demo.summary,
        body=demo.body,
        body_html=markdown_render(demo.body),
        outcomes=demo.outcomes,
        outcomes_html=markdown_render(demo.outcomes),
        lessons=demo.lessons,
        lessons_html=markdown_render(demo.lessons),
        safeguards=demo.safeguards,
        safeguards_html=markdown_render(demo.safeguards),
        pillars=sorted(demo.pillars),
        other_organisations=demo.other_organisations,
        start_year=demo.years[0],
        end_year=demo.years[1],
        target_groups=list(demo.target_groups),
        language=demo.language,
        visibility=demo.visibility,
        submitted_by=submitter,
        created_at=at,
        updated_at=at,
    )
    practice.countries.set(Country.objects.filter(code__in=demo.countries))
    practice.themes.set(Theme.objects.filter(slug__in=demo.themes))
    practice.organisations.set([organisations[slug] for slug in demo.organisations if slug in organisations])
    practice.contact_experts.set(ExpertProfile.objects.filter(user__email__in=demo.contacts))
    practice.keywords.set(list(demo.keywords))
    for position, (title, url) in enumerate(demo.links):
        PracticeLink.objects.create(practice=practice, title=title, url=url, position=position)
    practice_search_refresh(practice_ids=[practice.pk])
    return practice


def _history(
    practice: GoodPractice, demo: DemoPractice, *, submitter: User, moderator: User, created: datetime
) -> None:
    """Submitted a day after it was written, each moderator step a little later; nobody is emailed now."""
    if demo.status == PracticeStatus.DRAFT:
        return
    at = created + timedelta(days=1)
    workflow.practice_submit(practice=practice, actor=submitter, at=at, notify=False)
    now = timezone.now()
    for step, decide in enumerate(HISTORY[demo.status], start=1):
        # the waiting queue shows days for items still in review; decided items took a week per step
        at = min(at + timedelta(days=7 if demo.days_ago > 30 else 0, hours=2 * step), now)
        kwargs: dict[str, Any] = {"note": demo.note} if decide in NOTE_TAKING and demo.note else {}
        decide(practice=practice, actor=moderator, at=at, notify=False, **kwargs)
    GoodPractice.objects.filter(pk=practice.pk).update(updated_at=at)


def _endorse(practice: GoodPractice, demo: DemoPractice, at: datetime) -> None:
    """Focal points vouch for published practices (stand-in for the endorse service: one each)."""
    if practice.status != PracticeStatus.PUBLISHED:
        return
    for endorser in User.objects.filter(email__in=demo.endorsers).select_related("membership"):
        if can_endorse(endorser) and endorser.pk != practice.submitted_by_id:
            Endorsement.objects.get_or_create(
                practice=practice, endorser=endorser, defaults={"created_at": at}
            )


@transaction.atomic
def seed_practices(*, moderator: User, **_: Any) -> dict[str, int]:
    """Every demo practice once, written by its submitter and moderated through the workflow services."""
    existing = set(
        GoodPractice.objects.filter(slug__in=[d.slug for d in PRACTICES]).values_list("slug", flat=True)
    )
    submitters = {u.email: u for u in User.objects.filter(email__in={d.by for d in PRACTICES})}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    groups: dict[str, uuid.UUID] = dict(
        GoodPractice.objects.filter(slug__in=existing).values_list("slug", "translation_group")
    )
    group_of = {d.group: groups[d.slug] for d in PRACTICES if d.group and d.slug in groups}
    now = timezone.now()
    created = 0
    for demo in PRACTICES:
        if demo.slug in existing or demo.by not in submitters:
            continue
        group = group_of.setdefault(demo.group, uuid.uuid4()) if demo.group else uuid.uuid4()
        at = now - timedelta(days=demo.days_ago)
        practice = _practice_build(
            demo, submitter=submitters[demo.by], group=group, organisations=organisations, at=at
        )
        _history(practice, demo, submitter=submitters[demo.by], moderator=moderator, created=at)
        practice.refresh_from_db()
        _endorse(practice, demo, min(at + timedelta(days=20), now))
        created += 1
    return {"practices_created": created}
