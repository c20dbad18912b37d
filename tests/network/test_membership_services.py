from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from network.models import Country, Membership, MembershipEvent, Theme
from network.services.membership import (
    MembershipTransitionError,
    membership_apply,
    membership_approve,
    membership_reinstate,
    membership_reject,
    membership_suspend,
)

Status = Membership.Status
pytestmark = pytest.mark.django_db


def test_apply_creates_application_and_first_audit_row(make_user):
    user = make_user(full_name="")
    membership = membership_apply(
        user=user,
        full_name="Grace Wanjiku",
        country=Country.objects.get(code="KE"),
        organisation="NCTC",
        position="Officer",
        themes=Theme.objects.filter(slug__in=["pcve", "youth"]),
        motivation="x" * 60,
    )
    user.refresh_from_db()
    assert user.full_name == "Grace Wanjiku"
    assert membership.status == Status.APPLIED
    assert set(membership.themes.values_list("slug", flat=True)) == {"pcve", "youth"}
    assert list(membership.events.values_list("from_status", "to_status")) == [("", "applied")]


def test_apply_again_while_pending_updates_without_new_event(make_membership):
    membership = make_membership()
    membership_apply(
        user=membership.user,
        full_name="New Name",
        country=Country.objects.get(code="NG"),
        organisation="ONSA",
        position="Director",
        themes=Theme.objects.filter(slug="cft"),
        motivation="y" * 60,
    )
    membership.refresh_from_db()
    assert (membership.country_id, membership.organisation) == ("NG", "ONSA")
    assert membership.events.count() == 1


def test_rejected_applicant_may_apply_again(make_membership):
    membership = make_membership(status=Status.REJECTED)
    membership_apply(
        user=membership.user,
        full_name="Ibrahim Musa",
        country=Country.objects.get(code="NG"),
        organisation="ONSA",
        position="Deputy director",
        themes=Theme.objects.filter(slug="cft"),
        motivation="More details about our financial intelligence work " * 2,
    )
    membership.refresh_from_db()
    assert membership.status == Status.APPLIED
    assert list(membership.events.values_list("from_status", "to_status"))[-1] == ("rejected", "applied")


@pytest.mark.parametrize("status", [Status.APPROVED, Status.SUSPENDED])
def test_apply_after_approval_or_suspension_is_refused(make_membership, status):
    membership = make_membership(status=status)
    with pytest.raises(MembershipTransitionError):
        membership_apply(
            user=membership.user,
            full_name="x",
            country=membership.country,
            organisation="o",
            position="p",
            themes=[],
            motivation="m" * 60,
        )


def test_approve_records_who_when_note_and_emails_in_members_language(
    make_membership, moderator, django_capture_on_commit_callbacks
):
    membership = make_membership(user__preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=membership, actor=moderator, note="Bienvenue")
    membership.refresh_from_db()
    assert membership.status == Status.APPROVED
    assert membership.decided_by == moderator
    assert membership.decided_at is not None
    assert membership.decision_note == "Bienvenue"
    event = membership.events.last()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        moderator,
        "applied",
        "approved",
        "Bienvenue",
    )
    assert event.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [membership.user.email]
    assert "Bienvenue" in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    assert message.reply_to == ["onse-support@onse.example.org"]  # "reply to this email" reaches staff
    assert message.subject.startswith("[ONSE] ")
    assert "Réseau" in message.subject or "réseau" in message.body.lower()


def test_email_is_sent_once_per_event_even_if_the_task_runs_twice(
    make_membership, moderator, django_capture_on_commit_callbacks
):
    from network.tasks import membership_send_decision_email

    membership = make_membership()
    with django_capture_on_commit_callbacks(execute=True):
        membership_reject(membership=membership, actor=moderator, note="Out of scope")
    membership_send_decision_email(event_id=membership.events.last().pk)
    assert len(mail.outbox) == 1
    assert "Out of scope" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("start", "service", "allowed"),
    [
        (Status.APPLIED, membership_approve, True),
        (Status.APPLIED, membership_reject, True),
        (Status.APPLIED, membership_suspend, False),
        (Status.APPROVED, membership_suspend, True),
        (Status.APPROVED, membership_reject, False),
        (Status.SUSPENDED, membership_reinstate, True),
        (Status.REJECTED, membership_approve, False),
        (Status.REJECTED, membership_suspend, False),
    ],
)
def test_only_allowed_transitions_happen(make_membership, moderator, start, service, allowed):
    membership = make_membership(status=start)
    events_before = membership.events.count()
    if allowed:
        service(membership=membership, actor=moderator, note="n")
        assert membership.events.count() == events_before + 1
    else:
        with pytest.raises(MembershipTransitionError):
            service(membership=membership, actor=moderator, note="n")
        membership.refresh_from_db()
        assert membership.status == start
        assert membership.events.count() == events_before


def test_suspend_then_reinstate_keeps_the_whole_history(make_membership, moderator):
    membership = make_membership()
    membership_approve(membership=membership, actor=moderator)
    membership_suspend(membership=membership, actor=moderator, note="Leak")
    membership_reinstate(membership=membership, actor=moderator, note="Cleared")
    assert list(membership.events.values_list("to_status", flat=True)) == [
        "applied",
        "approved",
        "suspended",
        "approved",
    ]


def test_database_refuses_an_unknown_status(make_membership):
    membership = make_membership()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(status="vip")


def test_database_refuses_a_decision_without_date(make_membership):
    membership = make_membership()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(status="approved", decided_at=None)


def test_audit_rows_are_not_editable_in_admin(moderator_client):
    assert MembershipEvent._meta.get_field("note")  # the audit model exists with its note
    response = moderator_client.get("/admin/network/membershipevent/add/")
    assert response.status_code == 403
