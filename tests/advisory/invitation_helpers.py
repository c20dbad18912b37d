"""Shared set-up of the invitation tests: a request at "finding experts" and an expert invited to it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from advisory.models import AdvisoryRequest, Confidentiality, Invitation, RequestStatus
from advisory.services.invitations import invitation_create, invitation_token
from experts.models import ExpertProfile
from network.models import User
from tests.factories import AdvisoryRequestFactory, ExpertProfileFactory

SECRET_TITLE = "Reviewing the draft law on terrorist financing"
SECRET_NEED = "Our financial intelligence unit needs a peer review of article 12."
STAFF_MESSAGE = "Could you advise a financial intelligence unit on a draft law? About three remote sessions."


def matching_request(
    *, requester: User, confidentiality: str = Confidentiality.MATCHED, **kwargs: Any
) -> AdvisoryRequest:
    """A request staff are finding experts for (so inviting does not move it: no request email involved)."""
    fields: dict[str, Any] = {
        "requested_by": requester,
        "status": RequestStatus.MATCHING,
        "confidentiality": confidentiality,
        "title": SECRET_TITLE,
        "need": SECRET_NEED,
        "need_html": f"<p>{SECRET_NEED}</p>",
        "institution": "Financial Intelligence Centre",
        **kwargs,
    }
    return AdvisoryRequestFactory(**fields)


def expert_profile(*, language: str = "en", name: str = "Amina Diallo", **kwargs: Any) -> ExpertProfile:
    return ExpertProfileFactory(user__preferred_language=language, user__full_name=name, **kwargs)


def invite(
    *, request: AdvisoryRequest, expert: ExpertProfile, moderator: User, notify: bool = False
) -> Invitation:
    return invitation_create(
        request=request,
        expert=expert,
        actor=moderator,
        message=STAFF_MESSAGE,
        reasons=["2 matching themes"],
        notify=notify,
    )


def respond_url(invitation: Invitation) -> str:
    return reverse("advisory:invitation_respond", kwargs={"token": invitation_token(invitation)})
