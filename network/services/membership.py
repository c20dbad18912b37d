"""Every write to a membership goes through here: views, admin actions and tasks call these functions.

Each decision is checked against Membership.TRANSITIONS, stamped with who/when/note, written to the
MembershipEvent audit trail in the same transaction, and the member is emailed once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Country, Membership, MembershipEvent, Theme, User

Status = Membership.Status


class MembershipTransitionError(ValidationError):
    pass


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
) -> Membership:
    """Create the application, update it while it waits for a decision, or re-apply after a rejection."""
    existing = Membership.objects.select_for_update().filter(user=user).first()
    if existing is not None and not existing.accepts_application:
        raise MembershipTransitionError(_("This application has already been decided."), code="decided")
    previous_status = existing.status if existing is not None else ""
    reapplying = previous_status not in ("", Status.APPLIED)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    membership = existing or Membership(user=user)
    membership.country = country
    membership.organisation = organisation
    membership.position = position
    membership.motivation = motivation
    if reapplying:
        membership.status = Status.APPLIED
        membership.applied_at = timezone.now()
    membership.save()
    membership.themes.set(themes)
    if previous_status != Status.APPLIED:  # a new application, or applying again
        MembershipEvent.objects.create(
            membership=membership,
            actor=user,
            from_status=previous_status,
            to_status=Status.APPLIED,
            created_at=membership.applied_at,
        )
    return membership


def _decide(*, membership: Membership, to: str, actor: User, note: str) -> Membership:
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if not locked.can_become(to):
            raise MembershipTransitionError(
                _("A membership that is %(current)s cannot become %(target)s.")
                % {"current": locked.get_status_display(), "target": Status(to).label},
                code="invalid_transition",
            )
        event = MembershipEvent.objects.create(
            membership=locked, actor=actor, from_status=locked.status, to_status=to, note=note
        )
        locked.status = to
        locked.decided_at = event.created_at
        locked.decided_by = actor
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])

        from network.tasks import membership_send_decision_email

        transaction.on_commit(lambda: membership_send_decision_email.delay(event_id=event.pk))
    return locked


def membership_approve(*, membership: Membership, actor: User, note: str = "") -> Membership:
    return _decide(membership=membership, to=Status.APPROVED, actor=actor, note=note)


def membership_reject(*, membership: Membership, actor: User, note: str = "") -> Membership:
    return _decide(membership=membership, to=Status.REJECTED, actor=actor, note=note)


def membership_suspend(*, membership: Membership, actor: User, note: str = "") -> Membership:
    return _decide(membership=membership, to=Status.SUSPENDED, actor=actor, note=note)


def membership_reinstate(*, membership: Membership, actor: User, note: str = "") -> Membership:
    return _decide(membership=membership, to=Status.APPROVED, actor=actor, note=note)
