"""The demo practices: many, varied, real-looking, moderated through the workflow services, seeded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network.visibility import Visibility
from practices.models import (
    Endorsement,
    GoodPractice,
    GoodPracticeEvent,
    PracticeAttachment,
    PracticeStatus,
    PracticeVersion,
)
from practices.opendata import open_practices

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_in_tmp")]


# Seeding takes seconds: one test checks everything, then seeds again to prove nothing changes.
def test_demo_practices_are_many_varied_moderated_and_seeded_once(files_in_tmp: Path):
    call_command("seed_demo", "--force")
    practices = list(GoodPractice.objects.prefetch_related("countries", "themes", "events"))

    assert len(practices) >= 30
    assert {p.status for p in practices} == set(PracticeStatus.values)
    assert {p.visibility for p in practices} == {Visibility.PUBLIC, Visibility.MEMBERS}
    languages = {p.language for p in practices if p.status == PracticeStatus.PUBLISHED}
    assert {"en", "fr", "es", "ar", "zh", "ru", "pt"} <= languages
    assert all(p.countries.all() and p.themes.all() and p.pillars for p in practices if p.status != "draft")
    assert all(p.body_html and p.search_vector for p in practices)

    # Translations: the same practice in several languages shares its group.
    groups: dict[str, set[str]] = {}
    for practice in practices:
        groups.setdefault(str(practice.translation_group), set()).add(practice.language)
    assert sum(len(languages) > 1 for languages in groups.values()) >= 5

    # History through the workflow: audited, a version per submission, notes where they are owed, no email.
    for practice in practices:
        statuses = [e.to_status for e in practice.events.all()]
        assert statuses[-1:] == ([] if practice.status == "draft" else [practice.status])
        if practice.status in {"changes_requested", "rejected"}:
            assert practice.events.all()[len(statuses) - 1].note
    assert PracticeVersion.objects.count() == sum(p.status != "draft" for p in practices)
    assert not GoodPracticeEvent.objects.filter(notified_at=None).exists()
    assert mail.outbox == []
    in_review = GoodPractice.objects.get(status=PracticeStatus.IN_REVIEW, language="en")
    assert 2 <= (timezone.now() - in_review.submitted_at).days <= 10
    assert all(p.published_at for p in practices if p.status in {"published", "archived"})

    # Relations to the demo experts and organisations; focal points' endorsements of published practices.
    stratcom = GoodPractice.objects.get(slug="igad-co-design-pcve-communications")
    assert stratcom.organisations.get().acronym == "ICEPCVE"
    assert stratcom.contact_experts.count() == 2
    assert Endorsement.objects.count() >= 5
    assert not Endorsement.objects.exclude(practice__status=PracticeStatus.PUBLISHED).exists()

    # Open data sees the published public ones only.
    assert open_practices().count() == sum(
        p.status == "published" and p.visibility == "public" for p in practices
    )

    # Files: a report or a chart on a few published practices, added by the submitter before submitting, kept
    # in the attachments storage (here the test's folder) and served to whoever may read the practice.
    attachments = list(PracticeAttachment.objects.select_related("practice"))
    assert len({a.practice for a in attachments}) >= 5
    assert {a.practice.status for a in attachments} == {PracticeStatus.PUBLISHED}
    assert {a.practice.visibility for a in attachments} == {Visibility.PUBLIC, Visibility.MEMBERS}
    assert {a.content_type for a in attachments} == {"application/pdf", "image/png"}
    assert all(a.uploaded_by_id == a.practice.submitted_by_id for a in attachments)
    assert all(a.original_name in a.practice.versions.get(number=1).data["attachments"] for a in attachments)

    def stored() -> list[Path]:
        root = files_in_tmp / "attachments"
        return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())

    assert stored() == sorted(Path(a.file.name) for a in attachments)
    public = next(
        a for a in attachments if a.content_type == "application/pdf" and a.practice.visibility == "public"
    )
    members = next(a for a in attachments if a.practice.visibility == "members")
    visitor = Client()
    response = visitor.get(reverse("practices:attachment", args=[public.practice.slug, public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert (
        visitor.get(reverse("practices:attachment", args=[members.practice.slug, members.pk])).status_code
        == 404
    )

    before = sorted(GoodPractice.objects.values_list("slug", "status", "translation_group"))
    counts = (GoodPracticeEvent.objects.count(), Endorsement.objects.count(), PracticeVersion.objects.count())
    files = stored()
    call_command("seed_demo", "--force")
    assert stored() == files and PracticeAttachment.objects.count() == len(attachments)
    assert sorted(GoodPractice.objects.values_list("slug", "status", "translation_group")) == before
    assert (
        GoodPracticeEvent.objects.count(),
        Endorsement.objects.count(),
        PracticeVersion.objects.count(),
    ) == counts
