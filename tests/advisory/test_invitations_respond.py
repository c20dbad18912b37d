"""The page an invited expert opens from the email: signed in as themselves, they accept or decline once; any
other link, account or state changes nothing and shows nothing of the invitation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from advisory.models import Confidentiality, Invitation, InvitationEvent, InvitationStatus, RequestStatus
from advisory.services.invitations import invitation_withdraw
from network.models import Membership
from tests.advisory.invitation_helpers import (
    SECRET_NEED,
    SECRET_TITLE,
    STAFF_MESSAGE,
    expert_profile,
    invite,
    matching_request,
    respond_url,
)

pytestmark = pytest.mark.django_db
S = InvitationStatus


@pytest.fixture
def expert():
    return expert_profile()


@pytest.fixture
def invitation(member, moderator, expert) -> Invitation:
    return invite(request=matching_request(requester=member), expert=expert, moderator=moderator)


@pytest.fixture
def expert_client(expert) -> Client:
    client = Client()
    client.force_login(expert.user)
    return client


def _answers(invitation: Invitation) -> list[tuple[str, str]]:
    return list(
        InvitationEvent.objects.filter(invitation=invitation)
        .exclude(from_status="")
        .values_list("from_status", "to_status")
    )


def test_the_invited_expert_sees_the_message_and_the_request_and_what_accepting_means(
    invitation, expert_client
):
    page = expert_client.get(respond_url(invitation))
    assert page.status_code == 200
    html = page.content.decode()
    assert STAFF_MESSAGE in html
    assert SECRET_TITLE in html and SECRET_NEED in html and "Financial Intelligence Centre" in html
    assert "the requester will see your name and your profile" in html
    assert 'value="accept"' in html and 'value="decline"' in html
    assert html.count("<h1") == 1
    assert "no-store" in page["Cache-Control"]  # the page carries a personal link: never cached


def test_a_staff_only_request_shows_only_the_staff_message(member, moderator, expert, expert_client):
    request = matching_request(requester=member, confidentiality=Confidentiality.STAFF)
    invitation = invite(request=request, expert=expert, moderator=moderator)
    html = expert_client.get(respond_url(invitation)).content.decode()
    assert STAFF_MESSAGE in html
    assert (
        SECRET_TITLE not in html and SECRET_NEED not in html and "Financial Intelligence Centre" not in html
    )
    assert request.reference not in html
    assert 'value="accept"' in html


def test_accepting_records_the_answer_once_and_the_page_then_shows_it(invitation, expert, expert_client):
    url = respond_url(invitation)
    response = expert_client.post(url, {"answer": "accept", "note": "Free from May."})
    assert response.status_code == 302 and response["Location"] == url
    invitation.refresh_from_db()
    assert invitation.status == S.ACCEPTED and invitation.response_note == "Free from May."
    assert invitation.responded_at is not None
    event = InvitationEvent.objects.get(invitation=invitation, to_status=S.ACCEPTED)
    assert event.actor == expert.user and event.note == "Free from May."
    html = expert_client.get(url).content.decode()
    assert "You accepted this invitation" in html and 'value="decline"' not in html
    assert f"/advisory/requests/{invitation.request_id}/" in html  # matched: the request opens to them


def test_declining_with_a_note(invitation, expert_client):
    expert_client.post(respond_url(invitation), {"answer": "decline", "note": "On mission until July."})
    invitation.refresh_from_db()
    assert invitation.status == S.DECLINED and invitation.response_note == "On mission until July."
    html = expert_client.get(respond_url(invitation)).content.decode()
    assert "You declined this invitation" in html
    assert SECRET_TITLE not in html  # a declined expert no longer reads the request


def test_a_link_used_twice_does_nothing_the_second_time(invitation, expert_client):
    url = respond_url(invitation)
    expert_client.post(url, {"answer": "accept"})
    second = expert_client.post(url, {"answer": "decline", "note": "changed my mind"}, follow=True)
    invitation.refresh_from_db()
    assert invitation.status == S.ACCEPTED and invitation.response_note == ""
    assert _answers(invitation) == [(S.INVITED, S.ACCEPTED)]
    assert "nothing changed" in second.content.decode()


def test_no_answer_chosen_keeps_the_note_and_says_what_to_do(invitation, expert_client):
    page = expert_client.post(respond_url(invitation), {"note": "Available in June"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "error-summary" in html and "Choose “Accept” or “Decline”." in html
    assert "Available in June" in html
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_a_forged_link_is_refused_and_shows_nothing(invitation, expert_client):
    token = respond_url(invitation).rstrip("/").rsplit("/", 1)[1]
    forged = "/advisory/invitations/%s/" % (token[:-3] + ("abc" if not token.endswith("abc") else "xyz"))
    for url in (forged, "/advisory/invitations/not-a-token/"):
        page = expert_client.get(url)
        assert page.status_code == 403
        assert STAFF_MESSAGE not in page.content.decode()
        assert expert_client.post(url, {"answer": "accept"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_someone_elses_link_is_refused_for_another_member(invitation, make_member):
    other = Client()
    other.force_login(make_member())
    url = respond_url(invitation)
    page = other.get(url)
    assert page.status_code == 403
    html = page.content.decode()
    assert STAFF_MESSAGE not in html and SECRET_TITLE not in html
    assert "sign in with the address that received the invitation" in html
    assert other.post(url, {"answer": "accept"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_staff_cannot_answer_for_the_expert(invitation, moderator_client):
    assert moderator_client.post(respond_url(invitation), {"answer": "accept"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_an_expired_link_is_refused(invitation, expert_client):
    url = respond_url(invitation)
    with time_machine.travel(timezone.now() + timedelta(days=61)):
        page = expert_client.get(url)
        assert page.status_code == 403 and STAFF_MESSAGE not in page.content.decode()
        expert_client.post(url, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_a_withdrawn_invitation_shows_its_state_and_cannot_be_accepted(invitation, moderator, expert_client):
    invitation_withdraw(invitation=invitation, actor=moderator)
    url = respond_url(invitation)
    html = expert_client.get(url).content.decode()
    assert "withdrew this invitation" in html and 'value="accept"' not in html
    assert SECRET_TITLE not in html
    expert_client.post(url, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == S.WITHDRAWN


@pytest.mark.parametrize("closed", [RequestStatus.WITHDRAWN, RequestStatus.DECLINED, RequestStatus.COMPLETED])
def test_an_invitation_to_a_closed_request_cannot_be_answered(invitation, expert_client, closed):
    type(invitation.request).objects.filter(pk=invitation.request_id).update(status=closed)
    url = respond_url(invitation)
    html = expert_client.get(url).content.decode()
    assert "This request is closed" in html and 'value="accept"' not in html
    expert_client.post(url, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_a_suspended_expert_gets_the_membership_page_and_changes_nothing(invitation, expert, expert_client):
    Membership.objects.filter(user=expert.user).update(status=Membership.Status.SUSPENDED)
    url = respond_url(invitation)
    page = expert_client.get(url)
    assert page.status_code == 403
    assert STAFF_MESSAGE not in page.content.decode() and "suspended" in page.content.decode()
    assert expert_client.post(url, {"answer": "accept"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED


def test_outsiders_get_nothing(invitation, outsiders):
    url = respond_url(invitation)
    visitor = outsiders["visitor"].get(url)
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    assert "next=" in visitor["Location"]  # signs in, then lands back on the link
    for name in ("applicant", "suspended"):
        page = outsiders[name].get(url)
        assert page.status_code == 403, name
        assert STAFF_MESSAGE not in page.content.decode()
        outsiders[name].post(url, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == S.INVITED
