"""The demo practices: many, varied, real-looking, moderated through the workflow services, seeded once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from network.visibility import Visibility
from practices.models import Endorsement, GoodPractice, GoodPracticeEvent, PracticeStatus, PracticeVersion
from practices.opendata import open_practices

pytestmark = pytest.mark.django_db


# Seeding takes seconds: one test checks everything, then seeds again to prove nothing changes.
def test_demo_practices_are_many_varied_moderated_and_seeded_once():
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

    before = sorted(GoodPractice.objects.values_list("slug", "status", "translation_group"))
    counts = (GoodPracticeEvent.objects.count(), Endorsement.objects.count(), PracticeVersion.objects.count())
    call_command("seed_demo", "--force")
    assert sorted(GoodPractice.objects.values_list("slug", "status", "translation_group")) == before
    assert (
        GoodPracticeEvent.objects.count(),
        Endorsement.objects.count(),
        PracticeVersion.objects.count(),
    ) == counts
