""" "Your invitations": an expert's own invitations, those waiting for an answer first; the request's content only
where the expert may read it (THE rule, ``visible_to``); nobody else's; nothing for outsiders."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advisory.models import Confidentiality, InvitationStatus
from advisory.services.invitations import invitation_respond, invitation_withdraw
from network.models import Membership
from tests.advisory.invitation_helpers import (
    SECRET_TITLE,
    STAFF_MESSAGE,
    expert_profile,
    invite,
    matching_request,
    respond_url,
)

pytestmark = pytest.mark.django_db
URL = reverse("advisory:invitation_list")


@pytest.fixture
def expert():
    return expert_profile()


@pytest.fixture
def expert_client(expert) -> Client:
    client = Client()
    client.force_login(expert.user)
    return client


def _matched(make_member, title: str, confidentiality=Confidentiality.MATCHED):
    return matching_request(requester=make_member(), title=title, confidentiality=confidentiality)


def test_pending_invitations_come_first_with_their_answer_link(make_member, moderator, expert, expert_client):
    answered = invite(request=_matched(make_member, "Answered request"), expert=expert, moderator=moderator)
    invitation_respond(invitation=answered, actor=expert.user, accept=True, notify=False)
    pending = invite(request=_matched(make_member, "Pending request"), expert=expert, moderator=moderator)
    html = expert_client.get(URL).content.decode()
    assert html.index("Pending request") < html.index("Answered request")
    assert respond_url(pending) in html
    assert (
        reverse("advisory:request_detail", args=[answered.request_id]) in html
    )  # accepted + matched: it opens
    assert html.count("<h1") == 1


def test_a_staff_only_request_is_never_named(make_member, moderator, expert, expert_client):
    request = _matched(make_member, SECRET_TITLE, Confidentiality.STAFF)
    invitation = invite(request=request, expert=expert, moderator=moderator)
    invitation_respond(invitation=invitation, actor=expert.user, accept=True, notify=False)
    html = expert_client.get(URL).content.decode()
    assert SECRET_TITLE not in html and request.reference not in html and request.institution not in html
    assert STAFF_MESSAGE[:40] in html
    assert reverse("advisory:request_detail", args=[request.pk]) not in html


def test_withdrawn_and_declined_invitations_no_longer_name_the_request(
    make_member, moderator, expert, expert_client
):
    withdrawn = invite(request=_matched(make_member, "Withdrawn one"), expert=expert, moderator=moderator)
    invitation_withdraw(invitation=withdrawn, actor=moderator)
    declined = invite(request=_matched(make_member, "Declined one"), expert=expert, moderator=moderator)
    invitation_respond(invitation=declined, actor=expert.user, accept=False, notify=False)
    html = expert_client.get(URL).content.decode()
    assert "Withdrawn one" not in html and "Declined one" not in html
    assert str(InvitationStatus.WITHDRAWN.label) in html and str(InvitationStatus.DECLINED.label) in html
    assert "No invitation is waiting for your answer." in html


def test_another_experts_invitations_are_not_listed(make_member, moderator, expert, expert_client):
    other = expert_profile(name="Someone Else")
    invite(request=_matched(make_member, "Not for you"), expert=other, moderator=moderator)
    html = expert_client.get(URL).content.decode()
    assert "Not for you" not in html and STAFF_MESSAGE[:40] not in html


def test_outsiders_get_nothing(outsiders):
    response = outsiders["visitor"].get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ("applicant", "suspended"):
        page = outsiders[name].get(URL)
        assert page.status_code == 403, name
        assert "Your invitations" not in page.content.decode()


def test_a_suspended_expert_sees_none_of_their_invitations(make_member, moderator, expert, expert_client):
    invite(request=_matched(make_member, SECRET_TITLE), expert=expert, moderator=moderator)
    Membership.objects.filter(user=expert.user).update(status=Membership.Status.SUSPENDED)
    page = expert_client.get(URL)
    assert page.status_code == 403
    assert SECRET_TITLE not in page.content.decode() and STAFF_MESSAGE[:40] not in page.content.decode()


def test_the_list_takes_the_same_queries_for_one_invitation_or_eight(
    make_member, moderator, expert, expert_client, django_assert_max_num_queries
):
    invite(request=_matched(make_member, "First"), expert=expert, moderator=moderator)
    with django_assert_max_num_queries(20) as one:
        expert_client.get(URL)
    for number in range(7):
        invitation = invite(
            request=_matched(make_member, f"Request {number}"), expert=expert, moderator=moderator
        )
        if number % 2:
            invitation_respond(invitation=invitation, actor=expert.user, accept=True, notify=False)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = expert_client.get(URL).content.decode()
    assert "Request 6" in html
