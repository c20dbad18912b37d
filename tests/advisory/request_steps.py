"""Steps the request tests share: move a filed request along its workflow through the real services, and invite
experts to it, as staff do in the admin."""

from __future__ import annotations

from advisory.models import AdvisoryRequest, Invitation, RequestStatus
from advisory.services.invitations import invitation_create, invitation_respond
from advisory.services.requests import (
    request_complete,
    request_start,
    request_start_matching,
    request_triage,
)
from experts.models import ExpertProfile
from network.models import User
from tests.factories import ExpertProfileFactory

S = RequestStatus


def invite(
    advisory_request: AdvisoryRequest,
    staff: User,
    expert: ExpertProfile | None = None,
    *,
    accept: bool = False,
) -> Invitation:
    """Invite ``expert`` (a new one by default); ``accept=True`` has them accept."""
    if advisory_request.status == S.NEW:
        request_triage(request=advisory_request, actor=staff, notify=False)
    expert = expert or ExpertProfileFactory(user__full_name="Amina Diallo")
    invitation = invitation_create(
        request=advisory_request, expert=expert, actor=staff, message="Could you help?", notify=False
    )
    if accept:
        invitation_respond(invitation=invitation, actor=expert.user, accept=True, notify=False)
    return invitation


def advance(
    advisory_request: AdvisoryRequest, to: str, staff: User, *, notify: bool = False
) -> AdvisoryRequest:
    """Move ``advisory_request`` from where it is to ``to`` (triaged, matching, in_progress, completed) the way
    staff do; reaching in_progress without an accepted expert invites one who accepts."""
    order = [S.NEW, S.TRIAGED, S.MATCHING, S.IN_PROGRESS, S.COMPLETED]
    for status in order[order.index(advisory_request.status) + 1 : order.index(to) + 1]:
        if status == S.TRIAGED:
            request_triage(request=advisory_request, actor=staff, note="We are on it.", notify=notify)
        elif status == S.MATCHING:
            request_start_matching(request=advisory_request, actor=staff, notify=notify)
        elif status == S.IN_PROGRESS:
            if not advisory_request.invitations.accepted().exists():
                invite(advisory_request, staff, accept=True)
            request_start(request=advisory_request, actor=staff, notify=notify)
        else:
            request_complete(
                request=advisory_request,
                actor=staff,
                outcome_summary="Two remote sessions on the monitoring framework.",
                notify=notify,
            )
    advisory_request.refresh_from_db()
    return advisory_request
