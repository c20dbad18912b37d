"""Moderators decide in the admin: each decision through the note page, in bulk and from the change page, through
the workflow services — audit row, one email to the submitter in their language with the note — and the full CSV
export for staff."""

from __future__ import annotations

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.test import Client
from django.urls import reverse

from network.models import Pillar
from network.notifications import email_send_once
from network.visibility import Visibility
from practices.models import GoodPractice, GoodPracticeEvent, PracticeLink, PracticeStatus
from tests.conftest import TOTP_SECRET
from tests.factories import GoodPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db
S = PracticeStatus
CHANGELIST = reverse("admin:practices_goodpractice_changelist")

# action → (a status it applies to, the status after, note required)
ACTIONS = {
    "start_review": (S.SUBMITTED, S.IN_REVIEW, False),
    "request_changes": (S.IN_REVIEW, S.CHANGES_REQUESTED, True),
    "publish": (S.IN_REVIEW, S.PUBLISHED, False),
    "reject": (S.SUBMITTED, S.REJECTED, True),
    "archive": (S.PUBLISHED, S.ARCHIVED, False),
    "restore": (S.ARCHIVED, S.PUBLISHED, False),
}


def _transition_url(practice: GoodPractice, name: str) -> str:
    return reverse("admin:practices_goodpractice_transition", args=[practice.pk, name])


def _practice(status: str, **kwargs) -> GoodPractice:
    kwargs.setdefault(
        "submitted_by", UserFactory(preferred_language=kwargs.pop("language_of_submitter", "en"))
    )
    return GoodPracticeFactory(status=status, **kwargs)


@pytest.mark.parametrize("action", ACTIONS)
def test_each_bulk_decision_goes_through_the_note_page_audits_and_emails_each_submitter_once(
    moderator_client, moderator, django_capture_on_commit_callbacks, action
):
    source, target, _required = ACTIONS[action]
    first = _practice(source, title="First practice", language_of_submitter="fr")
    second = _practice(source, title="Second practice", language_of_submitter="es")
    untouched = _practice(source, title="Not selected")
    data = {"action": action, "_selected_action": [first.pk, second.pk]}
    note_page = moderator_client.post(CHANGELIST, data)
    assert note_page.status_code == 200
    assert "First practice" in note_page.content.decode() and "Not selected" not in note_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(CHANGELIST, {**data, "confirm": "yes", "note": "Note from UNCCT"})
    assert response.status_code == 302
    for practice in (first, second):
        practice.refresh_from_db()
        assert practice.status == target
        event = practice.events.latest("pk")
        assert (event.from_status, event.to_status, event.actor, event.note) == (
            source, target, moderator, "Note from UNCCT",
        )  # fmt: skip
        assert event.notified_at is not None
    untouched.refresh_from_db()
    assert untouched.status == source
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.submitted_by.email, second.submitted_by.email]
    )
    by_address = {m.to[0]: m for m in mail.outbox}
    assert 'lang="fr"' in by_address[first.submitted_by.email].alternatives[0][0]
    assert 'lang="es"' in by_address[second.submitted_by.email].alternatives[0][0]
    assert all("Note from UNCCT" in m.body for m in mail.outbox)


def test_the_email_goes_once_even_if_the_task_runs_again(
    moderator_client, django_capture_on_commit_callbacks
):
    practice = _practice(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            CHANGELIST, {"action": "publish", "_selected_action": [practice.pk], "confirm": "yes", "note": ""}
        )
    event = practice.events.latest("pk")
    assert email_send_once(model=GoodPracticeEvent, pk=event.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_a_decision_the_submitter_must_act_on_needs_a_note(moderator_client, action):
    practice = _practice(S.IN_REVIEW)
    data = {"action": action, "_selected_action": [practice.pk], "confirm": "yes", "note": "  "}
    response = moderator_client.post(CHANGELIST, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    response = moderator_client.post(_transition_url(practice, action), {"confirm": "yes", "note": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.IN_REVIEW
    assert not practice.events.exists() and not mail.outbox


def test_a_bulk_decision_reports_each_practice_left_unchanged_and_why(moderator_client):
    waiting = _practice(S.SUBMITTED, title="Waiting practice")
    draft = _practice(S.DRAFT, title="Still a draft")
    published = _practice(S.PUBLISHED, title="Already out")
    response = moderator_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [waiting.pk, draft.pk, published.pk], "confirm": "yes"},
        follow=True,
    )
    page = response.content.decode()
    assert "1 practice is now “Published”; its submitter will be emailed." in page
    assert "Still a draft was left unchanged: “Publish” does not apply to it now." in page
    assert "Already out was left unchanged" in page
    for practice, status in ((waiting, S.PUBLISHED), (draft, S.DRAFT), (published, S.PUBLISHED)):
        practice.refresh_from_db()
        assert practice.status == status
    assert not draft.events.exists() and not published.events.exists()


def test_the_change_page_button_asks_for_a_note_then_decides(
    moderator_client, moderator, django_capture_on_commit_callbacks
):
    practice = _practice(S.SUBMITTED, title="Youth mentoring", language_of_submitter="ar")
    change_url = reverse("admin:practices_goodpractice_change", args=[practice.pk])
    assert (
        f'href="{_transition_url(practice, "request_changes")}"'
        in moderator_client.get(change_url).content.decode()
    )
    note_page = moderator_client.get(_transition_url(practice, "request_changes"))
    assert note_page.status_code == 200 and "Youth mentoring" in note_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            _transition_url(practice, "request_changes"), {"confirm": "yes", "note": "Add the evaluation."}
        )
    assert response.status_code == 302 and response["Location"] == change_url
    practice.refresh_from_db()
    assert practice.status == S.CHANGES_REQUESTED
    [message] = mail.outbox
    assert message.to == [practice.submitted_by.email]
    assert "Add the evaluation." in message.body
    assert f"/practices/{practice.slug}/edit/" in message.body
    assert 'dir="rtl"' in message.alternatives[0][0]


def test_an_invalid_transition_changes_nothing(moderator_client):
    practice = _practice(S.REJECTED)
    response = moderator_client.post(_transition_url(practice, "publish"), {"confirm": "yes"}, follow=True)
    assert "does not apply to it now" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.REJECTED
    assert not practice.events.exists() and not mail.outbox
    assert moderator_client.get(_transition_url(practice, "withdraw")).status_code == 404  # the submitter's


def test_the_published_email_links_to_the_practice(moderator_client, django_capture_on_commit_callbacks):
    practice = _practice(S.IN_REVIEW, slug="mentors-mombasa")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(_transition_url(practice, "publish"), {"confirm": "yes", "note": ""})
    practice.refresh_from_db()
    assert practice.published_at is not None
    [message] = mail.outbox
    assert "/practices/mentors-mombasa/" in message.body
    assert "Note from the moderator" not in message.body  # no note, no heading


def test_staff_export_every_field_of_any_practice_as_csv(moderator_client):
    members_only = _practice(
        S.IN_REVIEW, title="=Members-only practice", visibility=Visibility.MEMBERS, countries=["JO", "EG"],
        pillars=[Pillar.CONDITIONS_CONDUCIVE, Pillar.HUMAN_RIGHTS], language="ar",
        submitted_by=UserFactory(full_name="ليلى حداد", email="layla@example.org"),
    )  # fmt: skip
    members_only.keywords.add("youth", "schools")
    PracticeLink.objects.create(practice=members_only, title="Evaluation", url="https://example.org/e")
    draft = _practice(S.DRAFT, title="A draft")
    response = moderator_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [members_only.pk, draft.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="good-practices-')
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Id"] for row in rows] == [str(members_only.pk), str(draft.pk)]
    row = rows[0]
    assert row["Title"] == "'=Members-only practice"  # never run as a formula
    assert (row["Status"], row["Visibility"], row["Language"]) == (
        "In review",
        "Members of the network only",
        "Arabic",
    )
    assert row["Translation group"] == str(members_only.translation_group)
    assert row["Country codes"] == "EG; JO" and row["Network regions"] == "Middle East"
    assert row["Submitted by"] == "ليلى حداد" and row["Submitter's email"] == "layla@example.org"
    assert row["Keywords"] in {"schools; youth", "youth; schools"}
    assert row["Sources and links"] == "Evaluation <https://example.org/e>"
    assert len(row["Pillars"].split("; ")) == 2
    assert rows[1]["Status"] == "Draft"


def test_the_export_runs_a_fixed_number_of_queries(moderator_client, django_assert_max_num_queries):
    practices = [_practice(S.PUBLISHED, countries=["KE", "JO"]) for _ in range(20)]
    moderator_client.get(CHANGELIST)  # the hour's "last seen" stamp is a cost of the visit, not of the export
    with django_assert_max_num_queries(20):
        response = moderator_client.post(
            CHANGELIST, {"action": "export_csv", "_selected_action": [p.pk for p in practices]}
        )
        assert len(b"".join(response.streaming_content).splitlines()) == 21


def test_staff_who_may_not_view_practices_cannot_export_or_decide(make_user):
    staff = make_user(is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)
    client = Client()
    client.force_login(staff)
    practice = _practice(S.SUBMITTED)
    assert client.get(CHANGELIST).status_code == 403
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [practice.pk]})
    assert response.status_code == 403
    assert client.post(_transition_url(practice, "publish"), {"confirm": "yes"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
