"""The practices app's part of "Your data": the practices a person wrote, and what happens to them when the
account is deleted.

Listed in ``settings.PERSONAL_DATA_EXPORTERS`` and ``settings.ACCOUNT_DELETION_HOOKS`` (network/your_data.py)."""

from __future__ import annotations

from typing import Any

from network.models import User
from network.your_data import iso
from practices.models import GoodPractice, PracticeStatus
from practices.services.attachments import practice_attachments_delete_for

# Published (and archived: once public, cited, endorsed) practices belong to the network's readers too; they
# stay, without their submitter. Everything that never reached readers is the person's own and goes.
KEPT_STATUSES = (PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED)


def export(user: User) -> dict[str, Any]:
    """Each practice the person submitted, in every status, with its versions and the moderators' notes
    (moderators named only as "staff")."""
    practices = (
        GoodPractice.objects.submitted_by(user)
        .prefetch_related("countries", "themes", "organisations", "contact_experts__user", "links")
        .prefetch_related("versions", "events")
        .prefetch_related("keywords")  # type: ignore[misc]  # taggit's manager prefetches; the stubs disagree
        .order_by("created_at", "pk")
    )
    return {
        "good_practices": [
            {
                "address": practice.slug,
                "status": practice.status,
                "visibility": practice.visibility,
                "language": practice.language,
                "title": practice.title,
                "summary": practice.summary,
                "description": practice.body,
                "outcomes": practice.outcomes,
                "lessons_learned": practice.lessons,
                "safeguards": practice.safeguards,
                "countries": sorted(str(country.code) for country in practice.countries.all()),
                "pillars": sorted(practice.pillars),
                "themes": sorted(theme.slug for theme in practice.themes.all()),
                "target_groups": sorted(practice.target_groups),
                "keywords": sorted(tag.name for tag in practice.keywords.all()),
                "organisations": sorted(org.name for org in practice.organisations.all()),
                "other_organisations": practice.other_organisations,
                "start_year": practice.start_year,
                "end_year": practice.end_year,
                "contact_experts": sorted(p.user.display_name for p in practice.contact_experts.all()),
                "links": [{"title": link.title, "url": link.url} for link in practice.links.all()],
                "created_at": iso(practice.created_at),
                "submitted_at": iso(practice.submitted_at),
                "published_at": iso(practice.published_at),
                "versions": [
                    {"number": v.number, "submitted_at": iso(v.created_at), "content": v.data}
                    for v in sorted(practice.versions.all(), key=lambda v: v.number)
                ],
                "history": [
                    {
                        "at": iso(event.created_at),
                        "from": event.from_status,
                        "to": event.to_status,
                        "by": "you" if event.actor_id == user.pk else "staff",
                        "note": event.note,
                    }
                    for event in sorted(practice.events.all(), key=lambda e: (e.created_at, e.pk))
                ],
            }
            for practice in practices
        ]
    }


def delete(*, user: User) -> dict[str, int]:
    """Delete the person's practices that never reached readers (drafts, in moderation, rejected); keep the
    published and archived ones without a submitter (``submitted_by`` is SET_NULL when the user row goes)."""
    own = GoodPractice.objects.submitted_by(user)
    kept = own.filter(status__in=KEPT_STATUSES).count()
    practice_attachments_delete_for(own.exclude(status__in=KEPT_STATUSES))  # the files, after commit
    removed = own.exclude(status__in=KEPT_STATUSES).delete()[1].get(GoodPractice._meta.label, 0)
    return {"good_practices_removed": removed, "good_practices_kept_without_submitter": kept}
