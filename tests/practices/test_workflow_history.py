"""Past history (the demo's): the workflow services take ``at`` and ``notify=False`` and pass them through."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from network.notifications import notification_enqueue
from practices.models import PracticeStatus
from practices.services import workflow
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def _emails(callbacks):
    """The emails queued for after the commit (the other callbacks refresh caches)."""
    return [callback for callback in callbacks if getattr(callback, "func", None) is notification_enqueue]


def test_history_dated_in_the_past_is_audited_then_and_emails_nobody(
    moderator, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    then = timezone.now() - timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.practice_submit(practice=practice, actor=practice.submitted_by, at=then, notify=False)
        workflow.practice_start_review(practice=practice, actor=moderator, at=then, notify=False)
        workflow.practice_publish(
            practice=practice, actor=moderator, at=then + timedelta(days=2), notify=False
        )
    assert _emails(callbacks) == []  # no email queued
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.submitted_at == then and practice.published_at == then + timedelta(days=2)
    events = list(practice.events.all())
    assert [e.created_at for e in events] == [then, then, then + timedelta(days=2)]
    assert all(e.notified_at for e in events)
    assert practice.versions.get().created_at == then


def test_by_default_a_transition_happens_now_and_emails_the_submitter(
    moderator, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(status=PracticeStatus.SUBMITTED, published_at=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.practice_reject(practice=practice, actor=moderator, note="Out of scope.")
    assert len(_emails(callbacks)) == 1
    event = practice.events.get()
    assert event.notified_at is None and timezone.now() - event.created_at < timedelta(minutes=1)
