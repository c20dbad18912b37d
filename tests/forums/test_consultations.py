"""Time-boxed e-discussions: opened by staff, listed by phase, summarised by facilitators, closed by the beat
on their date (once), shown with their header; nothing for visitors, applicants or suspended members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums import notify
from forums.models import Category, Consultation, ConsultationSummary, ThreadEvent, ThreadStatus
from forums.services.consultations import (
    consultation_close,
    consultation_open,
    consultation_summary_add,
)
from forums.tasks import consultations_close_due
from network.models import Membership
from tests.conftest import TOTP_SECRET

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(make_user):
    user = make_user(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def facilitator(make_membership):
    return make_membership(status=Membership.Status.APPROVED, user__full_name="Amina Facilitator").user


@pytest.fixture
def make_consultation(staff, facilitator):
    def make(title: str, *, opens_in: timedelta, lasts: timedelta = timedelta(days=14)) -> Consultation:
        opens_at = timezone.now() + opens_in
        return consultation_open(
            actor=staff,
            category=Category.objects.get(slug="youth"),
            title=title,
            lead_question=f"What works for *{title}*?",
            opens_at=opens_at,
            closes_at=opens_at + lasts,
            facilitators=[facilitator],
        )

    return make


@pytest.fixture
def notified(monkeypatch):
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(notify, "consultation_opened", lambda pk: calls.append(("opened", pk)))
    monkeypatch.setattr(notify, "consultation_closed", lambda pk: calls.append(("closed", pk)))
    return calls


def test_staff_open_a_discussion_in_its_own_thread_audited(make_consultation, staff, member):
    consultation = make_consultation("Youth and online radicalisation", opens_in=timedelta(days=2))
    thread = consultation.thread
    assert thread.status == ThreadStatus.OPEN and thread.category.slug == "youth" and thread.author == staff
    assert "<em>Youth and online radicalisation</em>" in consultation.lead_question_html
    event = ThreadEvent.objects.get(thread=thread)
    assert event.from_status == event.to_status == ThreadStatus.OPEN and event.actor == staff
    assert Category.objects.get(slug="youth").thread_count == 1
    with pytest.raises(PermissionDenied):
        consultation_open(
            actor=member,
            category=thread.category,
            title="Mine",
            lead_question="?",
            opens_at=timezone.now(),
            closes_at=timezone.now() + timedelta(days=1),
        )


def test_the_list_shows_upcoming_open_and_closed_discussions_in_their_place(make_consultation, member_client):
    make_consultation("Next month on border security", opens_in=timedelta(days=30))
    make_consultation("Running on financing", opens_in=-timedelta(days=3))
    make_consultation("Ended on education", opens_in=-timedelta(days=30), lasts=timedelta(days=7))
    page = member_client.get(reverse("forums:consultations")).content.decode()
    upcoming, open_now, closed = (page.index(f'id="phase-{p}"') for p in ("upcoming", "open", "closed"))
    assert upcoming < page.index("Next month on border security") < open_now
    assert open_now < page.index("Running on financing") < closed < page.index("Ended on education")
    assert "opens in" in page and "closes in" in page and "Amina Facilitator" in page
    assert "What works for Running on financing?" in page  # the lead question's excerpt, as text


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
def test_visitors_applicants_and_suspended_members_get_nothing(who, make_consultation, make_membership):
    consultation = make_consultation("Running on financing", opens_in=-timedelta(days=3))
    urls = [reverse("forums:consultations"), reverse("forums:summary_new", args=[consultation.thread_id])]
    if who == "visitor":
        client = Client()
    else:
        status = Membership.Status.APPLIED if who == "applicant" else Membership.Status.SUSPENDED
        client = _client(make_membership(status=status).user)
    for url in urls:
        response = client.get(url)
        assert response.status_code == (302 if who == "visitor" else 403)
        assert b"Running on financing" not in response.content
        assert client.post(url, {"body": "Sneaky summary"}).status_code in (302, 403)
    assert not ConsultationSummary.objects.exists()


def test_the_beat_closes_a_discussion_on_its_date_and_twice_is_once(
    make_consultation, notified, django_capture_on_commit_callbacks
):
    running = make_consultation("Still running", opens_in=-timedelta(days=1))
    ended = make_consultation("Ended yesterday", opens_in=-timedelta(days=8), lasts=timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_close_due.delay().get() == {"opened": 1, "closed": 1}
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_close_due.delay().get() == {"opened": 0, "closed": 0}

    ended.refresh_from_db()
    ended.thread.refresh_from_db()
    assert ended.closed_at is not None and ended.thread.status == ThreadStatus.CLOSED
    assert ThreadEvent.objects.filter(thread=ended.thread, to_status=ThreadStatus.CLOSED).count() == 1
    running.refresh_from_db()
    assert running.closed_at is None and running.thread.status == ThreadStatus.OPEN
    assert notified == [("opened", running.pk), ("closed", ended.pk)]


def test_an_upcoming_discussion_is_announced_once_when_its_date_comes(
    make_consultation, notified, django_capture_on_commit_callbacks
):
    upcoming = make_consultation("Soon", opens_in=timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        consultations_close_due.delay().get()
    assert notified == []
    Consultation.objects.filter(pk=upcoming.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    for _beat in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            consultations_close_due.delay().get()
    assert notified == [("opened", upcoming.pk)]


def test_closing_by_hand_is_idempotent_and_keeps_the_synthesis(
    make_consultation, staff, notified, django_capture_on_commit_callbacks
):
    consultation = make_consultation("Closing early", opens_in=-timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        consultation_close(consultation=consultation, actor=staff, synthesis="We **agreed** on three points.")
        first_closed_at = consultation.closed_at
        consultation_close(consultation=consultation, actor=staff)
    consultation.refresh_from_db()
    assert consultation.closed_at == first_closed_at
    assert "<strong>agreed</strong>" in consultation.synthesis_html
    assert ThreadEvent.objects.filter(thread=consultation.thread, to_status=ThreadStatus.CLOSED).count() == 1
    assert notified == [("closed", consultation.pk)]


def test_only_facilitators_and_staff_write_summaries(make_consultation, facilitator, member, staff):
    consultation = make_consultation("Summarised", opens_in=-timedelta(days=1))
    url = reverse("forums:summary_new", args=[consultation.thread_id])
    assert _client(member).get(url).status_code == 403
    assert _client(member).post(url, {"body": "Not mine to write"}).status_code == 403
    with pytest.raises(PermissionDenied):
        consultation_summary_add(consultation=consultation, author=member, body="No")

    response = _client(facilitator).post(url, {"body": "Week one: *mentoring* came up most."})
    assert response.status_code == 302
    consultation_summary_add(consultation=consultation, author=staff, body="Staff note")
    summaries = list(consultation.summaries.all())
    assert [s.author for s in summaries] == [staff, facilitator]
    assert "<em>mentoring</em>" in summaries[1].body_html


def test_the_header_pins_the_newest_summary_and_folds_older_ones(make_consultation, facilitator):
    consultation = make_consultation("With summaries", opens_in=-timedelta(days=20), lasts=timedelta(days=30))
    for week, days_ago in ((1, 14), (2, 7), (3, 0)):
        summary = consultation_summary_add(
            consultation=consultation, author=facilitator, body=f"Week {week} notes"
        )
        ConsultationSummary.objects.filter(pk=summary.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    page = (
        _client(facilitator)
        .get(reverse("forums:summary_new", args=[consultation.thread_id]))
        .content.decode()
    )
    pinned, folded = page.index("summary-pinned"), page.index("<details")
    assert (
        pinned < page.index("Week 3 notes") < folded < page.index("Week 2 notes") < page.index("Week 1 notes")
    )
    assert "2 earlier summaries" in page and "closes in" in page


def test_a_closed_discussion_shows_its_synthesis(make_consultation, staff, facilitator):
    consultation = make_consultation("Synthesised", opens_in=-timedelta(days=10), lasts=timedelta(days=5))
    consultation_close(consultation=consultation, actor=staff, synthesis="Three recommendations.")
    page = (
        _client(facilitator)
        .get(reverse("forums:summary_new", args=[consultation.thread_id]))
        .content.decode()
    )
    assert "Closing synthesis" in page and "Three recommendations." in page and "closed to new posts" in page


def test_the_header_costs_three_queries(make_consultation, facilitator, django_assert_num_queries):
    consultation = make_consultation("Counted", opens_in=-timedelta(days=1))
    for n in range(5):
        consultation_summary_add(consultation=consultation, author=facilitator, body=f"Summary {n}")
    with django_assert_num_queries(3):
        row = Consultation.objects.with_header().get(pk=consultation.pk)
        assert len(row.summaries.all()) == 5 and row.summaries.all()[0].author == facilitator
        assert list(row.facilitators.all()) == [facilitator]


def test_staff_open_and_close_one_in_the_admin(staff, facilitator):
    client = _client(staff)
    opens_at = timezone.now() - timedelta(hours=1)
    response = client.post(
        reverse("admin:forums_consultation_add"),
        {
            "category": Category.objects.get(slug="education").pk,
            "title": "Schools and resilience",
            "lead_question": "How do schools *build* resilience?",
            "opens_at_0": opens_at.strftime("%Y-%m-%d"),
            "opens_at_1": opens_at.strftime("%H:%M:%S"),
            "closes_at_0": (opens_at + timedelta(days=10)).strftime("%Y-%m-%d"),
            "closes_at_1": "12:00:00",
            "facilitators": [facilitator.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    consultation = Consultation.objects.get(thread__title="Schools and resilience")
    assert "<em>build</em>" in consultation.lead_question_html
    assert list(consultation.facilitators.all()) == [facilitator]
    assert ThreadEvent.objects.filter(thread=consultation.thread).count() == 1

    response = client.post(
        reverse("admin:forums_consultation_changelist"),
        {"action": "close_now", "_selected_action": [consultation.pk]},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.closed_at is not None and consultation.thread.status == ThreadStatus.CLOSED
