"""The advisory section of the members' home: invitations waiting for the member's answer and their own open
requests; nothing at all for a member with neither, and never someone else's request."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisory.home import members_home_section
from advisory.models import AdvisoryRequest, Confidentiality, Invitation, RequestStatus
from advisory.services.invitations import invitation_create, invitation_from_token, invitation_respond
from advisory.services.requests import request_triage
from network.models import User
from tests.factories import AdvisoryRequestFactory

pytestmark = pytest.mark.django_db

HEADING = "Invitations waiting for your answer"


def _home(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("network:members_home"))
    assert response.status_code == 200
    return response.content.decode()


def _invite(request: AdvisoryRequest, expert_user: User, moderator: User) -> Invitation:
    if request.status == RequestStatus.NEW:
        request_triage(request=request, actor=moderator, notify=False)
    return invitation_create(
        request=request,
        expert=expert_user.expert_profile,
        actor=moderator,
        message="Can you help?",
        notify=False,
    )


def test_a_member_with_no_invitation_and_no_request_sees_nothing_of_it(member, make_member):
    AdvisoryRequestFactory()  # someone else's
    assert members_home_section(user=member) is None
    assert "Advisory services" not in _home(member)


def test_the_requester_sees_their_open_requests_and_the_completed_one_to_rate(member):
    open_one = AdvisoryRequestFactory(
        requested_by=member, title="Open: county plans", status=RequestStatus.MATCHING
    )
    to_rate = AdvisoryRequestFactory(
        requested_by=member, title="Done: ask me", status=RequestStatus.COMPLETED
    )
    AdvisoryRequestFactory(requested_by=member, title="Withdrawn one", status=RequestStatus.WITHDRAWN)
    AdvisoryRequestFactory(requested_by=member, title="Declined one", status=RequestStatus.DECLINED)
    AdvisoryRequestFactory(title="Somebody else's request", status=RequestStatus.NEW)

    page = _home(member)

    assert "Open: county plans" in page and reverse("advisory:request_detail", args=[open_one.pk]) in page
    assert "Done: ask me" in page and reverse("advisory:request_rate", args=[to_rate.pk]) in page
    for absent in ("Withdrawn one", "Declined one", "Somebody else", HEADING):
        assert absent not in page


def test_an_invited_expert_gets_the_link_to_answer_and_the_title_only_when_the_requester_allowed(
    make_member, moderator
):
    expert = make_member()
    staff_only = AdvisoryRequestFactory(title="Staff-only need", confidentiality=Confidentiality.STAFF)
    shared = AdvisoryRequestFactory(title="Shared need", confidentiality=Confidentiality.MATCHED)
    first, second = _invite(staff_only, expert, moderator), _invite(shared, expert, moderator)

    page = _home(expert)

    assert HEADING in page
    assert "Staff-only need" not in page and f"Request {staff_only.reference}" in page
    assert "Shared need" in page
    # Each link is the expert's own signed link to answer (signed links carry the time: decode them).
    prefix = reverse("advisory:invitation_respond", args=["TOKEN"]).split("TOKEN")[0]
    tokens = re.findall(re.escape(prefix) + r"([^/\"]+)/", page)
    assert {invitation_from_token(token, user=expert) for token in tokens} == {first, second}


def test_answered_invitations_and_invitations_to_closed_requests_leave_the_home(make_member, moderator):
    expert = make_member()
    answered = AdvisoryRequestFactory(title="Answered", confidentiality=Confidentiality.MATCHED)
    invitation_respond(
        invitation=_invite(answered, expert, moderator), actor=expert, accept=True, notify=False
    )
    closed = AdvisoryRequestFactory(title="Closed meanwhile", confidentiality=Confidentiality.MATCHED)
    _invite(closed, expert, moderator)
    AdvisoryRequest.objects.filter(pk=closed.pk).update(status=RequestStatus.DECLINED)

    assert members_home_section(user=expert) is None


def test_the_section_costs_a_fixed_number_of_queries(make_member, moderator, django_assert_max_num_queries):
    expert = make_member()
    for n in range(4):
        _invite(AdvisoryRequestFactory(title=f"Need {n}"), expert, moderator)
        AdvisoryRequestFactory(requested_by=expert, title=f"Mine {n}")
    with django_assert_max_num_queries(1):
        section = members_home_section(user=expert)
        assert section is not None
        assert len(section["invitations"]) == 4 and len(section["requests"]) == 4
        assert all(item.token for item in section["invitations"])
