"""The shared workflow mechanism (network/workflow.py), seen through membership, its first user."""

from __future__ import annotations

import dataclasses

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError

from network.models import Membership
from network.services.membership import (
    MembershipTransitionError,
    membership_approve,
    membership_reinstate,
    membership_suspend,
)
from network.workflow import Transition, transition_apply, transitions

Status = Membership.Status
pytestmark = pytest.mark.django_db


def test_reinstating_never_approves_an_applicant(make_membership, moderator):
    membership = make_membership(status=Status.APPLIED)
    with pytest.raises(MembershipTransitionError):
        membership_reinstate(membership=membership, actor=moderator, note="n")
    membership.refresh_from_db()
    assert membership.status == Status.APPLIED
    assert membership.decided_by is None
    assert list(membership.events.values_list("to_status", flat=True)) == ["applied"]


def test_approving_never_reinstates_a_suspended_member(make_membership, moderator):
    membership = make_membership(status=Status.SUSPENDED)
    with pytest.raises(MembershipTransitionError):
        membership_approve(membership=membership, actor=moderator)
    membership.refresh_from_db()
    assert membership.status == Status.SUSPENDED


def test_the_email_is_named_by_the_transition(make_membership, moderator, django_capture_on_commit_callbacks):
    membership = make_membership(status=Status.APPLIED)
    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=membership, actor=moderator)
        membership_suspend(membership=membership, actor=moderator, note="Leak")
        membership_reinstate(membership=membership, actor=moderator, note="Cleared")
    welcome, suspended, reinstated = (m.subject for m in mail.outbox)
    assert "Welcome" in welcome
    assert "suspended" in suspended
    assert "reinstated" in reinstated and "Welcome" not in reinstated


def test_a_member_asks_which_transitions_it_may_take(make_membership):
    applicant = make_membership(status=Status.APPLIED)
    suspended = make_membership(status=Status.SUSPENDED)
    assert [t.name for t in applicant.available_transitions()] == ["approve", "reject"]
    assert suspended.can_take("reinstate") and not applicant.can_take("reinstate")
    assert applicant.can_become(Status.APPROVED) and suspended.can_become(Status.APPROVED)


def test_the_whole_transition_is_one_transaction(make_membership, moderator):
    """A failing stamp leaves neither a changed status nor an audit row behind."""
    membership = make_membership(status=Status.APPLIED)
    with pytest.raises(IntegrityError):
        transition_apply(
            instance=membership, transition="approve", actor=moderator, changes={"decided_at": None}
        )
    membership.refresh_from_db()
    assert membership.status == Status.APPLIED
    assert membership.events.count() == 1


def test_the_status_constraint_follows_the_choices():
    (constraint,) = [c for c in Membership._meta.constraints if c.name == "membership_status_valid"]
    assert constraint.condition.children == [("status__in", Status.values)]


def test_two_transitions_may_not_share_a_from_to_pair():
    approve = Transition("approve", "Approve", frozenset({"applied"}), "approved")
    with pytest.raises(ValueError, match="share"):
        transitions(approve, dataclasses.replace(approve, name="accept"))


@pytest.mark.usefixtures("files_in_tmp")
def test_demo_data_goes_through_the_transitions(monkeypatch):
    """seed_demo takes the services' path: a history the machine forbids cannot be seeded."""
    no_suspension = {
        **Membership.TRANSITIONS,
        "suspend": dataclasses.replace(Membership.TRANSITIONS["suspend"], source=frozenset()),
    }
    monkeypatch.setattr(Membership, "TRANSITIONS", no_suspension)
    with pytest.raises(MembershipTransitionError):
        call_command("seed_demo", "--force")


def test_an_audit_row_reads_in_the_moderators_language(make_membership, moderator):
    """The admin's inline caption for an audit row: translated status labels, never raw values."""
    from django.utils import translation

    from network.services.membership import membership_approve

    membership = membership_approve(membership=make_membership(), actor=moderator)
    event = membership.events.last()
    with translation.override("fr"):
        assert str(event) == "Candidature déposée → Approuvée"
