"""Nobody but the requester, staff and — when the requester allowed it — the experts invited to help ever sees a
request: a visitor, an applicant and a suspended member get the sign-in or "membership pending" page; another
member and an expert who was not invited get a 404, so not even the request's existence leaks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advisory.models import AdvisoryRequest, Confidentiality, RequestStatus
from advisory.services.invitations import invitation_withdraw
from network.services.membership import membership_suspend
from tests.advisory.request_steps import advance, invite
from tests.factories import AdvisoryRequestFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
SECRET = "Monitoring our county action plans"


def _urls(advisory_request: AdvisoryRequest) -> dict[str, str]:
    pk = advisory_request.pk
    return {
        "list": reverse("advisory:request_list"),
        "create": reverse("advisory:request_create"),
        "detail": reverse("advisory:request_detail", args=[pk]),
        "withdraw": reverse("advisory:request_withdraw", args=[pk]),
        "rate": reverse("advisory:request_rate", args=[pk]),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _matched(advisory_request: AdvisoryRequest) -> AdvisoryRequest:
    AdvisoryRequest.objects.filter(pk=advisory_request.pk).update(confidentiality=Confidentiality.MATCHED)
    advisory_request.refresh_from_db()
    return advisory_request


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
def test_outsiders_get_nothing_of_any_request_page(outsiders, filed_request, moderator, who):
    advance(filed_request, RequestStatus.COMPLETED, moderator)
    client = outsiders[who]
    for name, url in _urls(filed_request).items():
        for method in (client.get, client.post):
            response = method(url)
            page = response.content.decode()
            if who == "visitor":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
            else:
                assert response.status_code == 403, name
                assert "membership" in page.lower()
            assert SECRET not in page and filed_request.reference not in page
    filed_request.refresh_from_db()
    assert filed_request.status == RequestStatus.COMPLETED and filed_request.rating is None


def test_a_suspended_requester_no_longer_sees_their_own_request(make_member, moderator):
    requester = make_member()
    advisory_request = AdvisoryRequestFactory(requested_by=requester, title=SECRET)
    membership_suspend(membership=requester.membership, actor=moderator, note="Breach", notify=False)
    response = _client(requester).get(reverse("advisory:request_detail", args=[advisory_request.pk]))
    assert response.status_code == 403 and SECRET not in response.content.decode()


@pytest.mark.parametrize("confidentiality", [Confidentiality.STAFF, Confidentiality.MATCHED])
def test_another_member_and_an_expert_not_invited_get_a_404(
    make_member, filed_request, moderator, confidentiality
):
    AdvisoryRequest.objects.filter(pk=filed_request.pk).update(confidentiality=confidentiality)
    invite(
        filed_request, moderator, accept=True
    )  # someone else is invited: it must not open the door to others
    for outsider in (make_member(), ExpertProfileFactory(themes=list(filed_request.themes.all())).user):
        client = _client(outsider)
        for name, url in _urls(filed_request).items():
            if name in {"list", "create"}:
                continue
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 404, name
                assert SECRET not in response.content.decode()
        assert SECRET not in client.get(reverse("advisory:request_list")).content.decode()


def test_an_invited_expert_sees_nothing_when_the_requester_chose_staff_only(filed_request, moderator):
    assert filed_request.confidentiality == Confidentiality.STAFF
    invitation = invite(filed_request, moderator)
    response = _client(invitation.expert.user).get(
        reverse("advisory:request_detail", args=[filed_request.pk])
    )
    assert response.status_code == 404 and SECRET not in response.content.decode()


@pytest.mark.parametrize("accept", [False, True])
def test_an_invited_or_accepted_expert_reads_the_request_but_not_its_history(
    filed_request, moderator, accept
):
    _matched(filed_request)
    advance(filed_request, RequestStatus.TRIAGED, moderator)
    invitation = invite(filed_request, moderator, accept=accept)
    client = _client(invitation.expert.user)
    page = client.get(reverse("advisory:request_detail", args=[filed_request.pk])).content.decode()
    assert SECRET in page and "<strong>monitoring and evaluation</strong>" in page
    assert "National Counter Terrorism Centre" in page
    assert "We are on it." not in page and "History" not in page  # the history is the requester's
    assert "Rate" not in page and "Withdraw" not in page
    assert ("Accept or decline" in page) is not accept  # a pending invitation links to its answer page
    # The expert may read it, never act on it as the requester does.
    for name in ("withdraw", "rate"):
        assert client.post(_urls(filed_request)[name]).status_code == 404
    filed_request.refresh_from_db()
    assert filed_request.status == RequestStatus.MATCHING
    assert SECRET not in client.get(reverse("advisory:request_list")).content.decode()


def test_a_withdrawn_invitation_closes_the_request_to_the_expert(filed_request, moderator):
    _matched(filed_request)
    invitation = invite(filed_request, moderator, accept=True)
    invitation_withdraw(invitation=invitation, actor=moderator)
    response = _client(invitation.expert.user).get(
        reverse("advisory:request_detail", args=[filed_request.pk])
    )
    assert response.status_code == 404
