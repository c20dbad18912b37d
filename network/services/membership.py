"""Every write to a membership goes through here: views, admin actions, tasks and the demo data call these.

Each decision is a named transition of Membership.TRANSITIONS taken by ``transition_apply``
(network/workflow.py): checked, stamped with who/when/note, written to the MembershipEvent audit trail in the
same transaction, and the member is emailed (template named by the transition) once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.hooks import hooks_run
from network.models import Country, Membership, Theme, User
from network.workflow import TransitionNotAllowed, audit_record, transition_apply

Status = Membership.Status

# Kept under its contract name: a ValidationError raised when a membership may not take a transition.
MembershipTransitionError = TransitionNotAllowed


@transaction.atomic
def membership_apply(
    *,
    user: User,
    full_name: str,
    country: Country,
    organisation: str,
    position: str,
    themes: Iterable[Theme],
    motivation: str,
    at: datetime | None = None,
) -> Membership:
    """Create the application, update it while it waits for a decision, or re-apply after a rejection.

    ``at`` backdates a new application (demo data); it defaults to now.
    """
    at = at or timezone.now()
    # Lock the person first: a double submit of a first application would otherwise insert twice.
    User.objects.select_for_update().filter(pk=user.pk).first()
    existing = Membership.objects.select_for_update().filter(user=user).first()
    if existing is not None and not existing.accepts_application:
        raise MembershipTransitionError(_("This application has already been decided."), code="decided")
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    membership = existing or Membership(user=user, applied_at=at)
    membership.country = country
    membership.organisation = organisation
    membership.position = position
    membership.motivation = motivation
    membership.save()
    membership.themes.set(themes)
    if existing is None:
        audit_record(instance=membership, actor=user, from_status="", to_status=Status.APPLIED, at=at)
    elif existing.status != Status.APPLIED:
        membership = transition_apply(
            instance=membership, transition="apply_again", actor=user, at=at, changes={"applied_at": at}
        )
    return membership


# ``at`` and ``notify=False`` record history that happened elsewhere (demo data): see audit_record.
def _decide(
    *,
    membership: Membership,
    transition: str,
    actor: User,
    note: str,
    at: datetime | None = None,
    notify: bool = True,
) -> Membership:
    at = at or timezone.now()
    return transition_apply(
        instance=membership,
        transition=transition,
        actor=actor,
        note=note,
        at=at,
        notify=notify,
        changes={"decided_at": at, "decided_by": actor, "decision_note": note},
    )


@transaction.atomic
def membership_approve(
    *, membership: Membership, actor: User, note: str = "", at: datetime | None = None, notify: bool = True
) -> Membership:
    """Approve an application (applied → approved); the apps listed in ``MEMBERSHIP_APPROVED_HOOKS`` (the
    expert profile) set up what a new member has, in the same transaction."""
    membership = _decide(
        membership=membership, transition="approve", actor=actor, note=note, at=at, notify=notify
    )
    hooks_run("MEMBERSHIP_APPROVED_HOOKS", membership=membership)
    return membership


def membership_reject(
    *, membership: Membership, actor: User, note: str = "", at: datetime | None = None, notify: bool = True
) -> Membership:
    return _decide(membership=membership, transition="reject", actor=actor, note=note, at=at, notify=notify)


def membership_suspend(
    *, membership: Membership, actor: User, note: str = "", at: datetime | None = None, notify: bool = True
) -> Membership:
    return _decide(membership=membership, transition="suspend", actor=actor, note=note, at=at, notify=notify)


def membership_reinstate(
    *, membership: Membership, actor: User, note: str = "", at: datetime | None = None, notify: bool = True
) -> Membership:
    """Only a suspended member is reinstated; an applicant is approved, never reinstated."""
    return _decide(
        membership=membership, transition="reinstate", actor=actor, note=note, at=at, notify=notify
    )
