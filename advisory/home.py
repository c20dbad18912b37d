"""The advisory section of the members' home (``settings.MEMBERS_HOME_SECTIONS``): the invitations waiting for the
member's answer and the member's own requests still open (or completed and waiting for their rating). A member
with neither sees nothing of it.

One query: the requests the member filed (through ``AdvisoryRequest.objects.visible_to``) together with the open
requests they are invited to and have not answered, each annotated with that invitation and whether the member
may read the request (``visible_to`` again: with a staff-only request the invited expert reads the staff's message
on the invitation page, never the request's title here).

The rows are kept per member (the key names the member and their standing) until a request or an invitation
changes (namespace "advisory", bumped by advisory/apps.py): most members have none, and the query costs ~6 ms on
a grown network. The signed links are made per page, never cached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery

from advisory.models import AdvisoryRequest, Invitation, RequestStatus
from advisory.models.requests import OPEN_STATUSES
from advisory.services.invitations import invitation_token
from experts.models import ExpertProfile
from network.cache import namespace_cached
from network.permissions import is_member

HOME_ITEMS = 10


@dataclass(frozen=True)
class PendingInvitation:
    request: AdvisoryRequest
    invited_at: datetime
    token: str
    request_visible: bool


def _token(invitation_id: int, user: Any) -> str:
    # The signed link names the invitation and its expert's user, both known here: no query to load them.
    return invitation_token(Invitation(pk=invitation_id, expert=ExpertProfile(user=user)))


def members_home_section(*, user: Any) -> dict[str, Any] | None:
    rows = namespace_cached(
        ("advisory",),
        ("home-advisory", user.pk, bool(user.is_active and user.is_staff), is_member(user)),
        lambda: _rows(user),
    )
    if not rows:
        return None
    return {
        "template": "advisory/includes/home_section.html",
        "invitations": [
            PendingInvitation(
                request=row,
                invited_at=row.invited_at,  # type: ignore[attr-defined]
                token=_token(row.invitation_id, user),  # type: ignore[attr-defined]
                request_visible=row.readable,  # type: ignore[attr-defined]
            )
            for row in rows
            if row.invitation_id is not None  # type: ignore[attr-defined]
        ],
        "requests": [row for row in rows if row.requested_by_id == user.pk],
    }


def _rows(user: Any) -> list[AdvisoryRequest]:
    pending = Invitation.objects.for_expert(user).pending().filter(request=OuterRef("pk"))
    mine = (
        AdvisoryRequest.objects.visible_to(user)
        .requested_by(user)
        .filter(Q(status__in=OPEN_STATUSES) | Q(status=RequestStatus.COMPLETED, rated_at__isnull=True))
    )
    invited_to = AdvisoryRequest.objects.filter(Exists(pending), status__in=OPEN_STATUSES)
    return list(
        (mine | invited_to)
        .annotate(
            invitation_id=Subquery(pending.values("pk")[:1]),
            invited_at=Subquery(pending.values("created_at")[:1]),
            readable=Exists(AdvisoryRequest.objects.visible_to(user).filter(pk=OuterRef("pk"))),
        )
        .order_by(F("invitation_id").asc(nulls_last=True), "-status_changed_at", "-pk")[:HOME_ITEMS]
    )
