"""The four invitation emails, in every language, each to the one person the step concerns: the expert is invited
(with a signed link that opens their answer page) or told of a withdrawal; the requester learns who accepted; the
request's staff owner who declined. What the expert reads of the request follows its confidentiality."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from advisory.models import Confidentiality, InvitationStatus
from advisory.services.invitations import invitation_respond, invitation_withdraw
from tests.advisory.invitation_helpers import (
    SECRET_NEED,
    SECRET_TITLE,
    STAFF_MESSAGE,
    expert_profile,
    invite,
    matching_request,
)
from tests.factories import OrganisationFactory
from tests.network.test_emails import _assert_reads_well
from tests.network.test_emails import _loud_missing_variables as _loud_missing_variables  # autouse

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def owner(make_user):
    return make_user(email="owner@example.org", is_staff=True, full_name="Omar Haddad")


def _request(requester, owner, confidentiality=Confidentiality.MATCHED):
    return matching_request(requester=requester, confidentiality=confidentiality, owner=owner)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("confidentiality", [Confidentiality.MATCHED, Confidentiality.STAFF])
def test_the_invitation_reads_well_and_shows_the_request_only_when_allowed(
    make_member, moderator, owner, django_capture_on_commit_callbacks, language, confidentiality
):
    expert = expert_profile(language=language, name="Amina Diallo")
    request = _request(make_member(), owner, confidentiality)
    with django_capture_on_commit_callbacks(execute=True):
        invite(request=request, expert=expert, moderator=moderator, notify=True)
    [message] = mail.outbox
    assert message.to == [expert.user.email]
    _assert_reads_well(message, language, settings.SITE_URL + "/advisory/invitations/")
    html = message.alternatives[0][0]
    assert STAFF_MESSAGE in message.body and STAFF_MESSAGE in html
    shown = confidentiality == Confidentiality.MATCHED
    for part in (message.subject, message.body, html):
        assert (SECRET_NEED in part) == (shown and part is not message.subject)
        assert (SECRET_TITLE in part) == (shown and part is not message.subject)
    assert SECRET_TITLE not in message.subject and request.reference not in message.subject


def test_the_link_in_the_invitation_opens_the_experts_answer_page(
    make_member, moderator, owner, django_capture_on_commit_callbacks
):
    expert = expert_profile()
    request = _request(make_member(), owner)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(request=request, expert=expert, moderator=moderator, notify=True)
    [message] = mail.outbox
    [link] = re.findall(re.escape(settings.SITE_URL) + r"(/advisory/invitations/[^/\s]+/)", message.body)
    client = Client()
    client.force_login(expert.user)
    page = client.get(link)
    assert page.status_code == 200 and STAFF_MESSAGE in page.content.decode()
    client.post(link, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_requester_is_told_who_accepted_with_a_link_to_their_request(
    make_member, moderator, owner, django_capture_on_commit_callbacks, language
):
    requester = make_member(language=language, user__full_name="Grace Wanjiku")
    expert = expert_profile(
        name="Amina Diallo", organisation=OrganisationFactory(name="Sahel Policy Institute")
    )
    request = _request(requester, owner)
    invitation = invite(request=request, expert=expert, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_respond(invitation=invitation, actor=expert.user, accept=True, note="Private to staff")
    [message] = mail.outbox
    assert message.to == [requester.email]
    _assert_reads_well(message, language, f"{settings.SITE_URL}/advisory/requests/{request.pk}/")
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert "Amina Diallo" in part
    assert "Sahel Policy Institute" in message.body and SECRET_TITLE in message.body
    assert "Private to staff" not in message.body + html  # the expert's note is for staff
    assert expert.user.email not in message.body + html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_owner_is_told_who_declined_with_the_note(
    make_member, moderator, django_capture_on_commit_callbacks, language, make_user
):
    owner = make_user(is_staff=True, full_name="Omar Haddad", preferred_language=language)
    expert = expert_profile(name="Amina Diallo")
    request = _request(make_member(), owner)
    invitation = invite(request=request, expert=expert, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_respond(
            invitation=invitation, actor=expert.user, accept=False, note="On mission until July"
        )
    [message] = mail.outbox
    assert message.to == [owner.email]
    _assert_reads_well(
        message, language, f"{settings.SITE_URL}/admin/advisory/advisoryrequest/{request.pk}/match/"
    )
    assert "Amina Diallo" in message.subject and request.reference in message.subject
    assert "On mission until July" in message.body and "On mission until July" in message.alternatives[0][0]


def test_nobody_is_told_of_a_decline_when_the_request_has_no_owner(
    make_member, moderator, django_capture_on_commit_callbacks
):
    expert = expert_profile()
    invitation = invite(request=matching_request(requester=make_member()), expert=expert, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_respond(invitation=invitation, actor=expert.user, accept=False)
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


def test_nobody_is_told_of_an_acceptance_once_the_requester_deleted_their_account(
    make_member, moderator, django_capture_on_commit_callbacks
):
    expert = expert_profile()
    request = matching_request(requester=make_member())
    invitation = invite(request=request, expert=expert, moderator=moderator)
    type(request).objects.filter(pk=request.pk).update(requested_by=None)
    invitation.request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_respond(invitation=invitation, actor=expert.user, accept=True)
    assert mail.outbox == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_expert_is_told_the_invitation_was_withdrawn_without_the_request(
    make_member, moderator, owner, django_capture_on_commit_callbacks, language
):
    expert = expert_profile(language=language, name="Amina Diallo")
    invitation = invite(request=_request(make_member(), owner), expert=expert, moderator=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_withdraw(invitation=invitation, actor=moderator, note="The requester found help nearby")
    [message] = mail.outbox
    assert message.to == [expert.user.email]
    _assert_reads_well(message, language, f"{settings.SITE_URL}/advisory/invitations/")
    html = message.alternatives[0][0]
    assert "The requester found help nearby" in message.body and "The requester found help nearby" in html
    assert SECRET_TITLE not in message.body + html and SECRET_NEED not in message.body + html
