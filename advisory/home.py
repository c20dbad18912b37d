"""The advisory section of the members' home (``settings.MEMBERS_HOME_SECTIONS``): the invitations waiting for the
member's answer and the member's own requests still open (or completed and waiting for their rating). A member
with neither sees nothing of it.

At most three queries: the invitations, the requests, and — only when there are invitations — which of their
requests the member may read (``AdvisoryRequest.objects.visible_to``: with a staff-only request, the invited
expert sees the staff's message on the invitation page, never the request's title here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from advisory.models import AdvisoryRequest, Invitation, RequestStatus
from advisory.models.requests import OPEN_STATUSES
from advisory.services.invitations import invitation_token

HOME_ITEMS = 5


@dataclass(frozen=True)
class PendingInvitation:
    invitation: Invitation
    token: str
    request_visible: bool


def members_home_section(*, user: Any) -> dict[str, Any] | None:
    invitations = list(
        Invitation.objects.for_expert(user)
        .pending()
        .filter(request__status__in=OPEN_STATUSES)
        .select_related("request", "expert")
        .order_by("created_at", "pk")[:HOME_ITEMS]
    )
    requests = list(
        AdvisoryRequest.objects.visible_to(user)
        .requested_by(user)
        .filter(Q(status__in=OPEN_STATUSES) | Q(status=RequestStatus.COMPLETED, rated_at__isnull=True))
        .order_by("-status_changed_at", "-pk")[:HOME_ITEMS]
    )
    if not invitations and not requests:
        return None
    readable: set[int] = set()
    if invitations:
        readable = set(
            AdvisoryRequest.objects.visible_to(user)
            .filter(pk__in=[invitation.request_id for invitation in invitations])
            .values_list("pk", flat=True)
        )
    return {
        "template": "advisory/includes/home_section.html",
        "invitations": [
            PendingInvitation(
                invitation=invitation,
                token=invitation_token(invitation),
                request_visible=invitation.request_id in readable,
            )
            for invitation in invitations
        ],
        "requests": requests,
    }
