"""The practice model's contract: who sees what, the workflow services, search in each practice's language."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from network.models import Membership
from network.visibility import Visibility
from network.workflow import TransitionNotAllowed
from practices.models import GoodPractice, PracticeStatus
from practices.search import practice_search_query, practice_search_refresh
from practices.services.workflow import (
    practice_publish,
    practice_request_changes,
    practice_start_review,
    practice_submit,
)
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _titles(qs):
    return sorted(qs.values_list("title", flat=True))


def test_readers_see_published_practices_at_their_level_and_submitters_their_own():
    member = ExpertProfileFactory().user
    applicant = ExpertProfileFactory(membership__status=Membership.Status.APPLIED).user
    suspended = ExpertProfileFactory(membership__status=Membership.Status.SUSPENDED).user
    GoodPracticeFactory(title="Public")
    GoodPracticeFactory(title="Members", visibility=Visibility.MEMBERS)
    GoodPracticeFactory(title="Draft of the applicant", status=PracticeStatus.DRAFT, submitted_by=applicant)
    GoodPracticeFactory(title="Rejected", status=PracticeStatus.REJECTED)

    readable = GoodPractice.objects.published()
    assert _titles(readable.visible_to(AnonymousUser())) == ["Public"]
    assert _titles(readable.visible_to(suspended)) == ["Public"]
    assert _titles(readable.visible_to(applicant)) == ["Public"]
    assert _titles(readable.visible_to(member)) == ["Members", "Public"]
    assert _titles(GoodPractice.objects.visible_to(applicant)) == ["Draft of the applicant", "Public"]
    assert _titles(GoodPractice.objects.visible_to(member)) == ["Members", "Public"]


def test_a_practice_goes_from_draft_to_published_with_an_audit_row_and_a_version_per_round():
    practice = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    submitter = practice.submitted_by
    moderator = UserFactory(is_staff=True)

    practice_submit(practice=practice, actor=submitter)
    practice_start_review(practice=practice, actor=moderator)
    with pytest.raises(ValidationError):
        practice_request_changes(practice=practice, actor=moderator, note="  ")
    practice_request_changes(practice=practice, actor=moderator, note="Add the evaluation's findings.")
    practice.summary = "Revised summary."
    practice.save()
    practice_submit(practice=practice, actor=submitter)
    practice_publish(practice=practice, actor=moderator)

    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert [v.data["summary"] for v in practice.versions.order_by("number")] == [
        "Local leaders and youth workers built early-warning networks against recruitment.",
        "Revised summary.",
    ]
    assert [(e.from_status, e.to_status) for e in practice.events.all()] == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "published"),
    ]
    assert practice.events.get(to_status="changes_requested").note == "Add the evaluation's findings."
    with pytest.raises(TransitionNotAllowed):
        practice_publish(practice=practice, actor=moderator)


def test_an_incomplete_draft_cannot_be_submitted():
    practice = GoodPracticeFactory(status=PracticeStatus.DRAFT, summary="", pillars=[])
    with pytest.raises(ValidationError) as error:
        practice_submit(practice=practice, actor=practice.submitted_by)
    assert len(error.value.messages) == 2
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("en", "Preventing violent extremism in schools", "prevention"),
        ("fr", "Les préventions communautaires de l'extrémisme", "prévention"),
        ("fr", "Les préventions communautaires de l'extrémisme", "prevention"),
        ("es", "Programas de prevención con jóvenes", "prevencion"),
        ("pt", "Prevenção do extremismo violento nas escolas", "prevenção"),
        ("ru", "Профилактика насильственного экстремизма в школах", "экстремизм"),
        ("ar", "مكافحة التطرف العنيف في المدارس", "التطرف"),
        ("zh", "预防暴力极端主义的社区项目", "极端主义"),
    ],
)
def test_search_finds_a_practice_in_its_own_language(language, text, query):
    found = GoodPracticeFactory(title=text, language=language)
    GoodPracticeFactory(title="Border security training of trainers", language="en")
    practice_search_refresh(practice_ids=[found.pk])
    hits = GoodPractice.objects.filter(search_vector=practice_search_query(query))
    assert list(hits) == [found]
