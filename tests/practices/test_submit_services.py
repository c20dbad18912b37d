"""practice_create / practice_update: what a member writes, its address, relations, language and translations."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from network.models import Country, Membership, Theme
from network.visibility import Visibility
from practices.models import GoodPractice, PracticeStatus
from practices.search import practice_search_query
from practices.services.practices import LinkData, PracticeContent, practice_create, practice_update
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return ExpertProfileFactory().user


def test_a_draft_keeps_everything_the_member_wrote_with_its_html_and_search(author):
    organisation = OrganisationFactory(name="IGAD Centre of Excellence")
    contact = ExpertProfileFactory()
    practice = practice_create(
        submitted_by=author,
        content=PracticeContent(
            title="Youth mentoring in Mombasa",
            summary="Mentors from the community met young people at risk.",
            body="We trained **forty** mentors. <script>alert(1)</script>",
            language="en",
            visibility=Visibility.MEMBERS,
            countries=[Country.objects.get(code="KE")],
            themes=[Theme.objects.get(slug="pcve")],
            pillars=[1, 1],
            target_groups=["youth"],
            keywords=["mentoring", "youth", " "],
            organisations=[organisation],
            other_organisations="County Youth Office",
            start_year=2019,
            end_year=2021,
            contact_experts=[contact],
            links=[LinkData(title="Evaluation", url="https://example.org/evaluation.pdf")],
        ),
    )
    practice = GoodPractice.objects.get(pk=practice.pk)
    assert practice.status == PracticeStatus.DRAFT
    assert practice.submitted_by == author
    assert practice.slug == "youth-mentoring-in-mombasa"
    assert "<strong>forty</strong>" in practice.body_html and "<script" not in practice.body_html
    assert practice.pillars == [1]
    assert sorted(tag.name for tag in practice.keywords.all()) == ["mentoring", "youth"]
    assert list(practice.organisations.all()) == [organisation]
    assert list(practice.contact_experts.all()) == [contact]
    assert [(link.title, link.url) for link in practice.links.all()] == [
        ("Evaluation", "https://example.org/evaluation.pdf")
    ]
    query = practice_search_query("mentor")
    assert query is not None and GoodPractice.objects.filter(search_vector=query).get() == practice


def test_titles_slugify_cannot_spell_get_a_numbered_address_and_taken_ones_a_suffix(author):
    arabic = practice_create(submitted_by=author, content=PracticeContent(title="منع التطرف العنيف"))
    chinese = practice_create(submitted_by=author, content=PracticeContent(title="社区预防项目"))
    assert arabic.slug == f"practice-{arabic.pk}"
    assert chinese.slug == f"practice-{chinese.pk}"
    first = practice_create(submitted_by=author, content=PracticeContent(title="Border training"))
    second = practice_create(submitted_by=author, content=PracticeContent(title="Border training"))
    reserved = practice_create(submitted_by=author, content=PracticeContent(title="Submit"))
    assert (first.slug, second.slug, reserved.slug) == ("border-training", "border-training-2", "submit-2")


def test_an_address_taken_between_the_check_and_the_write_moves_to_the_next(author, monkeypatch):
    GoodPracticeFactory(slug="border-training")
    from practices.services import practices as service

    # As if a concurrent request took the address after this one looked: the unique constraint decides.
    monkeypatch.setattr(service, "_slug_candidates", lambda p: ["border-training", f"border-training-{p.pk}"])
    practice = practice_create(submitted_by=author, content=PracticeContent(title="Border training"))
    assert practice.slug == f"border-training-{practice.pk}"
    assert GoodPractice.objects.filter(slug=practice.slug).exists()


def test_an_address_asked_for_is_used_only_when_free_valid_and_not_a_page(author):
    def create(title: str, slug: str) -> str:
        return practice_create(submitted_by=author, content=PracticeContent(title=title), slug=slug).slug

    assert create("منع التطرف العنيف", "jordan-youth") == "jordan-youth"
    assert create("Border training", "jordan-youth") == "border-training"  # taken: the title's address
    assert create("Border training", "submit") == "border-training-2"  # a page's address
    assert create("Community policing", "Not A Slug!") == "community-policing"
    assert create("Radio drama", "x" * 141) == "radio-drama"  # longer than an address may be


def test_the_language_left_empty_is_detected_from_the_text(author):
    practice = practice_create(
        submitted_by=author,
        content=PracticeContent(
            title="Prévention de la radicalisation",
            summary="Des médiateurs communautaires accompagnent les jeunes de quartiers vulnérables.",
        ),
    )
    assert practice.language == "fr"
    too_short = practice_create(submitted_by=author, content=PracticeContent(title="CVE"))
    assert too_short.language == ""


def test_a_translation_joins_the_group_of_the_practice_it_translates(author):
    original = GoodPracticeFactory()
    translation = practice_create(
        submitted_by=author,
        content=PracticeContent(title="Résilience communautaire", translation_of=original),
    )
    assert translation.translation_group == original.translation_group
    updated = practice_update(
        practice=translation, actor=author, content=PracticeContent(title="Résilience communautaire")
    )
    assert updated.translation_group != original.translation_group


def test_someone_elses_draft_cannot_be_the_original_of_a_translation(author):
    hidden = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    with pytest.raises(ValidationError):
        practice_create(submitted_by=author, content=PracticeContent(title="X", translation_of=hidden))


def test_inactive_themes_and_invisible_experts_are_refused(author):
    retired = Theme.objects.create(name="Retired", slug="retired", is_active=False)
    with pytest.raises(ValidationError):
        practice_create(submitted_by=author, content=PracticeContent(title="X", themes=[retired]))
    suspended_expert = ExpertProfileFactory(membership__status=Membership.Status.SUSPENDED)
    with pytest.raises(ValidationError):
        practice_create(
            submitted_by=author, content=PracticeContent(title="X", contact_experts=[suspended_expert])
        )
    with pytest.raises(ValidationError):
        practice_create(
            submitted_by=author, content=PracticeContent(title="X", start_year=2020, end_year=2019)
        )
    assert not GoodPractice.objects.exists()


def test_only_members_and_staff_create_and_only_the_submitter_updates_an_editable_practice(author):
    applicant = ExpertProfileFactory(membership__status=Membership.Status.APPLIED).user
    with pytest.raises(PermissionDenied):
        practice_create(submitted_by=applicant, content=PracticeContent(title="X"))
    staff = UserFactory(is_staff=True)
    assert (
        practice_create(submitted_by=staff, content=PracticeContent(title="By staff")).submitted_by == staff
    )

    practice = practice_create(submitted_by=author, content=PracticeContent(title="Mine"))
    with pytest.raises(PermissionDenied):
        practice_update(
            practice=practice, actor=ExpertProfileFactory().user, content=PracticeContent(title="Y")
        )
    GoodPractice.objects.filter(pk=practice.pk).update(status=PracticeStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        practice_update(practice=practice, actor=author, content=PracticeContent(title="Y"))
    assert GoodPractice.objects.get(pk=practice.pk).title == "Mine"
