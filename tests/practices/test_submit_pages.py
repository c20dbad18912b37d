"""The member's pages: write a practice, save it, submit it, take it back, revise it after the moderators' note."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from network.models import Country, Membership, Theme
from practices.models import GoodPractice, PracticeStatus
from practices.services.workflow import practice_request_changes, practice_start_review
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

SUBMIT = reverse("practices:submit")
MINE = reverse("practices:mine")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides) -> dict:
    data = {
        "title": "Youth mentoring in Mombasa",
        "summary": "Mentors from the community met young people at risk.",
        "body": "We trained forty mentors in six wards.",
        "language": "en",
        "countries": [Country.objects.get(code="KE").pk],
        "pillars": ["1"],
        "themes": [Theme.objects.get(slug="pcve").pk],
        "visibility": "public",
        "keywords": "mentoring, youth",
        "form_token": str(uuid.uuid4()),
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "20",
        "links-0-title": "Evaluation",
        "links-0-url": "https://example.org/evaluation.pdf",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def author():
    return ExpertProfileFactory().user


def test_visitors_applicants_and_suspended_members_cannot_write_practices():
    response = Client().get(SUBMIT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    applicant = ExpertProfileFactory(membership__status=Membership.Status.APPLIED).user
    suspended = ExpertProfileFactory(membership__status=Membership.Status.SUSPENDED).user
    for user in (applicant, suspended):
        client = _client(user)
        assert client.get(SUBMIT).status_code == 403
        assert client.post(SUBMIT, _form()).status_code == 403
        assert client.get(MINE).status_code == 403
    assert not GoodPractice.objects.exists()


def test_staff_may_write_a_practice():
    staff = UserFactory(is_staff=True)
    response = _client(staff).post(SUBMIT, _form())
    assert response.status_code == 302
    assert GoodPractice.objects.get().submitted_by == staff


def test_a_member_saves_a_draft_and_comes_back_to_it(author):
    client = _client(author)
    page = client.get(SUBMIT)
    assert page.status_code == 200
    assert 'name="form_token"' in page.content.decode()
    response = client.post(SUBMIT, _form(summary="", body=""))
    practice = GoodPractice.objects.get()
    assert response["Location"] == reverse("practices:edit", kwargs={"slug": practice.slug})
    assert practice.status == PracticeStatus.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "Youth mentoring in Mombasa" in page and "https://example.org/evaluation.pdf" in page
    assert "mentoring, youth" in page


def test_the_same_form_sent_twice_creates_one_practice(author):
    client = _client(author)
    data = _form()
    first = client.post(SUBMIT, data)
    second = client.post(SUBMIT, data)
    assert GoodPractice.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    submitted = _form(action="submit")
    client.post(SUBMIT, submitted)
    again = client.post(SUBMIT, submitted)
    assert GoodPractice.objects.count() == 2
    assert again["Location"] == MINE


def test_bad_input_is_explained_and_everything_typed_is_kept(author):
    client = _client(author)
    response = client.post(
        SUBMIT,
        _form(
            title="Border training", start_year="2021", end_year="2019", **{"links-1-url": "not an address"}
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()
    assert "The end year comes before the start year." in page
    assert 'class="error-summary"' in page
    assert 'value="Border training"' in page and "We trained forty mentors in six wards." in page
    assert 'aria-describedby="id_end_year_error' in page or 'aria-invalid="true"' in page


def test_submitting_an_incomplete_practice_saves_it_and_lists_what_is_missing(author):
    client = _client(author)
    response = client.post(SUBMIT, _form(action="submit", summary="", pillars=[]))
    practice = GoodPractice.objects.get()
    page = response.content.decode()
    assert practice.status == PracticeStatus.DRAFT
    assert "Write a short summary." in page and "Choose at least one pillar of the Strategy." in page
    assert 'value="Youth mentoring in Mombasa"' in page
    assert reverse("practices:edit", kwargs={"slug": practice.slug}) in page  # the form now edits the draft


def test_the_detected_language_is_shown_to_be_confirmed_before_submitting(author):
    client = _client(author)
    text = "Des médiateurs communautaires accompagnent les jeunes des quartiers vulnérables vers l'emploi."
    response = client.post(SUBMIT, _form(action="submit", title="Médiation", summary=text, language=""))
    practice = GoodPractice.objects.get()
    assert (practice.language, practice.status) == ("fr", PracticeStatus.DRAFT)
    page = client.get(response["Location"]).content.decode()
    assert "Detected: French — change if wrong." in page
    assert '<option value="fr" selected>' in page


def test_someone_elses_practice_cannot_be_edited_and_one_in_review_not_even_by_its_submitter(author):
    practice = GoodPracticeFactory(status=PracticeStatus.DRAFT, submitted_by=author, title="Original")
    edit = reverse("practices:edit", kwargs={"slug": practice.slug})
    other = _client(ExpertProfileFactory().user)
    assert other.get(edit).status_code == 404  # another member's draft does not exist for them
    published = GoodPracticeFactory(submitted_by=author)
    assert other.get(reverse("practices:edit", kwargs={"slug": published.slug})).status_code == 403

    GoodPractice.objects.filter(pk=practice.pk).update(status=PracticeStatus.IN_REVIEW)
    client = _client(author)
    response = client.post(edit, _form(title="Changed"))
    assert response["Location"] == MINE
    assert GoodPractice.objects.get(pk=practice.pk).title == "Original"
    assert "with the moderators" in client.get(MINE).content.decode()


def test_a_member_withdraws_a_submitted_practice_to_change_it(author):
    practice = GoodPracticeFactory(status=PracticeStatus.SUBMITTED, submitted_by=author)
    client = _client(author)
    assert "Withdraw to draft" in client.get(MINE).content.decode()
    assert client.get(reverse("practices:withdraw", kwargs={"slug": practice.slug})).status_code == 405
    client.post(reverse("practices:withdraw", kwargs={"slug": practice.slug}))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    client.post(reverse("practices:withdraw", kwargs={"slug": practice.slug}))  # twice: a clear "no"
    assert "does not apply" in client.get(MINE).content.decode()


def test_draft_submit_changes_requested_edit_resubmit_keeps_versions_and_notes_for_the_submitter(author):
    moderator = UserFactory(is_staff=True)
    client = _client(author)
    client.post(SUBMIT, _form(action="submit"))
    practice = GoodPractice.objects.get()
    assert practice.status == PracticeStatus.SUBMITTED
    practice_start_review(practice=practice, actor=moderator)
    practice_request_changes(practice=practice, actor=moderator, note="Add the evaluation's findings.")

    mine = client.get(MINE).content.decode()
    assert "Changes requested" in mine and "Add the evaluation&#x27;s findings." in mine
    edit = reverse("practices:edit", kwargs={"slug": practice.slug})
    assert "Add the evaluation&#x27;s findings." in client.get(edit).content.decode()
    client.post(edit, _form(action="submit", title="Youth mentoring in Mombasa and Kilifi"))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert practice.versions.count() == 2

    history_url = reverse("practices:history", kwargs={"slug": practice.slug})
    history = client.get(history_url).content.decode()
    assert "Version 1 submitted" in history and "Version 2 submitted" in history
    assert "Add the evaluation&#x27;s findings." in history
    assert "Youth mentoring in Mombasa and Kilifi" in history  # what changed: old → new title
    assert moderator.display_name not in history  # moderators are "UNOCT staff"
    assert _client(ExpertProfileFactory().user).get(history_url).status_code == 404
    assert _client(moderator).get(history_url).status_code == 200


def test_my_practices_lists_only_mine_in_a_fixed_number_of_queries(author, django_assert_max_num_queries):
    for status in (PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.PUBLISHED):
        GoodPracticeFactory(status=status, submitted_by=author, title=f"Mine {status}")
    GoodPracticeFactory(title="Someone else's")
    client = _client(author)
    with django_assert_max_num_queries(8):
        page = client.get(MINE).content.decode()
    assert page.count('<bdi lang="en">Mine ') == 3 and "Someone else" not in page
    assert "Waiting since" in page
