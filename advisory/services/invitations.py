"""Staff invite experts to help with a request; each expert accepts or declines from the signed link in their
email (signed in as themselves); staff may withdraw an invitation. Staff also propose published offers.

A link names one invitation and one member, signed: it cannot be forged or used by anyone else, and once the
invitation is answered or withdrawn, using it again changes nothing (``invitation_respond`` refuses).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory.models import (
    AdvisoryRequest,
    Invitation,
    InvitationStatus,
    Offer,
    ProposedOffer,
    RequestStatus,
)
from advisory.services.requests import request_start_matching
from experts.models import ExpertProfile
from network.models import User
from network.permissions import is_member
from network.workflow import audit_record, transition_apply

# How long an invitation link works; staff invite again after that.
TOKEN_MAX_AGE = timedelta(days=60)
INVITING_STATUSES = frozenset({RequestStatus.TRIAGED, RequestStatus.MATCHING, RequestStatus.IN_PROGRESS})


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "u": invitation.expert.user_id}, salt=Invitation.TOKEN_SALT)


def invitation_from_token(token: str, *, user: User) -> Invitation:
    """The invitation a link names, for the signed-in member it was sent to; PermissionDenied otherwise (a
    forged, expired or someone else's link)."""
    try:
        data = signing.loads(token, salt=Invitation.TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as error:
        raise PermissionDenied from error
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise PermissionDenied
    invitation_id = data.get("i")
    if not isinstance(invitation_id, int):
        raise PermissionDenied
    invitation = Invitation.objects.select_related("request", "expert__user").filter(pk=invitation_id).first()
    if invitation is None or invitation.expert.user_id != user.pk:
        raise PermissionDenied
    return invitation


@transaction.atomic
def invitation_create(
    *,
    request: AdvisoryRequest,
    expert: ExpertProfile,
    actor: User | None,
    message: str,
    reasons: Sequence[str] = (),
    at: datetime | None = None,
    notify: bool = True,
) -> Invitation:
    """Invite an expert (emailed with their link); a triaged request moves on to "finding experts"."""
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied
    if request.status not in INVITING_STATUSES:
        raise ValidationError(_("Experts can be invited once the request is triaged and until it is closed."))
    if expert.user_id == request.requested_by_id:
        raise ValidationError(_("The requester cannot be invited to their own request."))
    if not is_member(expert.user):
        raise ValidationError(_("%(name)s is not an active member.") % {"name": expert})
    if not message.strip():
        raise ValidationError({"message": _("Tell the expert what the help is about.")})
    if Invitation.objects.filter(request=request, expert=expert).exists():
        raise ValidationError(_("%(name)s was already invited to this request.") % {"name": expert})
    at = at or timezone.now()
    if request.status == RequestStatus.TRIAGED:
        request_start_matching(request=request, actor=actor, at=at, notify=notify)
    invitation = Invitation.objects.create(
        request=request,
        expert=expert,
        invited_by=actor,
        message=message.strip(),
        reasons=list(reasons),
        created_at=at,
    )
    audit_record(
        instance=invitation,
        actor=actor,
        from_status="",
        to_status=InvitationStatus.INVITED,
        at=at,
        notify=notify,
    )
    return invitation


def invitation_answerable(invitation: Invitation) -> bool:
    """Still waiting for the expert's answer, on a request that is still open to experts."""
    return invitation.status == InvitationStatus.INVITED and invitation.request.status in INVITING_STATUSES


def invitation_respond(
    *,
    invitation: Invitation,
    actor: User,
    accept: bool,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> Invitation:
    """The invited expert answers; an answered or withdrawn invitation cannot be answered again, nor one whose
    request was closed (withdrawn, declined or completed) meanwhile."""
    if invitation.expert.user_id != actor.pk or not is_member(actor):
        raise PermissionDenied
    if not invitation_answerable(invitation) and invitation.status == InvitationStatus.INVITED:
        raise ValidationError(_("This request is closed: the invitation can no longer be answered."))
    at = at or timezone.now()
    return transition_apply(
        instance=invitation,
        transition="accept" if accept else "decline",
        actor=actor,
        note=note.strip(),
        at=at,
        notify=notify,
        changes={"responded_at": at, "response_note": note.strip()},
    )


def invitation_withdraw(
    *, invitation: Invitation, actor: User | None, note: str = "", at: datetime | None = None
) -> Invitation:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied
    return transition_apply(instance=invitation, transition="withdraw", actor=actor, note=note, at=at)


def offer_propose(
    *, request: AdvisoryRequest, offer: Offer, actor: User | None, reasons: Sequence[str] = ()
) -> ProposedOffer:
    """Point the requester to a published offer (shown on their request page)."""
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied
    if offer.status != Offer.Status.PUBLISHED:
        raise ValidationError(_("Only a published offer can be proposed."))
    proposal, _created = ProposedOffer.objects.get_or_create(
        request=request, offer=offer, defaults={"proposed_by": actor, "reasons": list(reasons)}
    )
    return proposal
