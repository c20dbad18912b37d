"""The requester's pages: "my requests", a request with its history and the experts who accepted, withdrawing
it, and rating it once it is completed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from advisory.models import AdvisoryRequest, RequestStatus
from advisory.services.invitations import invitation_respond, offer_propose
from advisory.services.requests import request_decline, request_note_add
from network.visibility import Visibility
from tests.advisory.request_steps import advance, invite
from tests.factories import AdvisoryRequestFactory, ExpertProfileFactory, OfferFactory

pytestmark = pytest.mark.django_db
S = RequestStatus


def _detail(advisory_request: AdvisoryRequest) -> str:
    return reverse("advisory:request_detail", args=[advisory_request.pk])


# --- My requests ---------------------------------------------------------------------------------------


def test_my_requests_lists_mine_with_status_reference_and_what_happens_next(
    member, member_client, filed_request, moderator
):
    completed = AdvisoryRequestFactory(requested_by=member, title="Handbook adaptation")
    advance(completed, S.COMPLETED, moderator)
    someone_elses = AdvisoryRequestFactory(title="Someone else's request")
    page = member_client.get(reverse("advisory:request_list")).content.decode()
    assert filed_request.reference in page and "Monitoring our county action plans" in page
    assert "New" in page and "will read your request" in page
    assert "Handbook adaptation" in page and "Completed" in page
    assert reverse("advisory:request_rate", args=[completed.pk]) in page
    assert someone_elses.title not in page and someone_elses.reference not in page


def test_my_requests_has_an_empty_state(member_client):
    page = member_client.get(reverse("advisory:request_list")).content.decode()
    assert "You have not asked the network for help yet." in page
    assert reverse("advisory:request_create") in page


def test_my_requests_takes_a_fixed_number_of_queries(member, member_client, django_assert_max_num_queries):
    for _ in range(3):
        AdvisoryRequestFactory(requested_by=member)
    with django_assert_max_num_queries(8) as few:
        member_client.get(reverse("advisory:request_list"))
    for _ in range(10):
        AdvisoryRequestFactory(requested_by=member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        member_client.get(reverse("advisory:request_list"))


# --- A request's page ------------------------------------------------------------------------------------


def test_the_requester_sees_the_request_its_history_and_notes_meant_for_them_never_internal_notes(
    member_client, filed_request, moderator
):
    request_note_add(request=filed_request, actor=moderator, body="INTERNAL: the ministry is slow to answer")
    advance(filed_request, S.TRIAGED, moderator)
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "<strong>monitoring and evaluation</strong>" in page
    assert "National Counter Terrorism Centre" in page and "Kenya" in page
    assert "Remote advice" in page and "English, French" in page
    assert "Request filed" in page and "Triaged" in page
    assert "We are on it." in page  # the note staff addressed to the requester
    assert "INTERNAL" not in page
    assert "moderator@example.org" not in page
    assert "Withdraw this request" in page


def test_the_requester_sees_who_accepted_with_a_link_to_their_profile_and_proposed_offers(
    member_client, filed_request, moderator
):
    accepted = ExpertProfileFactory(user__full_name="Amina Diallo", slug="amina-diallo")
    hidden = ExpertProfileFactory(user__full_name="Kofi Hidden", visibility=Visibility.HIDDEN)
    declined = ExpertProfileFactory(user__full_name="Declining Expert")
    pending = ExpertProfileFactory(user__full_name="Pending Expert")
    invite(filed_request, moderator, accepted, accept=True)
    invite(filed_request, moderator, hidden, accept=True)
    invitation = invite(filed_request, moderator, declined)
    invitation_respond(invitation=invitation, actor=declined.user, accept=False, notify=False)
    invite(filed_request, moderator, pending)
    offer = OfferFactory(title="FIU analysts course")
    offer_propose(request=filed_request, offer=offer, actor=moderator)
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "Amina Diallo" in page and reverse("experts:profile", args=["amina-diallo"]) in page
    assert "Kofi Hidden" in page and reverse("experts:profile", args=[hidden.slug]) not in page
    assert "Declining Expert" not in page and "Pending Expert" not in page
    assert "FIU analysts course" in page and offer.get_absolute_url() in page


def test_the_request_page_takes_a_fixed_number_of_queries(
    member_client, filed_request, moderator, django_assert_max_num_queries
):
    invite(filed_request, moderator, accept=True)
    offer_propose(request=filed_request, offer=OfferFactory(), actor=moderator)
    url = _detail(filed_request)
    with django_assert_max_num_queries(20) as few:
        member_client.get(url)
    for _ in range(4):
        invite(filed_request, moderator, accept=True)
        offer_propose(request=filed_request, offer=OfferFactory(), actor=moderator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert member_client.get(url).content.decode().count("accepted on") == 5


def test_a_completed_request_shows_the_outcome_and_asks_for_a_rating(member_client, filed_request, moderator):
    advance(filed_request, S.COMPLETED, moderator)
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "Two remote sessions on the monitoring framework." in page
    assert reverse("advisory:request_rate", args=[filed_request.pk]) in page
    assert "Withdraw this request" not in page


def test_a_declined_request_shows_the_reason(member_client, filed_request, moderator):
    request_decline(
        request=filed_request, actor=moderator, note="Outside the network's mandate.", notify=False
    )
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "Declined" in page and "Outside the network&#x27;s mandate." in page


# --- Withdraw ----------------------------------------------------------------------------------------------


def test_the_requester_withdraws_after_confirming_and_a_second_post_changes_nothing(
    member_client, filed_request
):
    url = reverse("advisory:request_withdraw", args=[filed_request.pk])
    page = member_client.get(url).content.decode()
    assert "Withdraw this request?" in page and 'method="post"' in page
    filed_request.refresh_from_db()
    assert filed_request.status == S.NEW  # a GET only asks
    response = member_client.post(url, {"note": "We found funding elsewhere."})
    assert response["Location"] == _detail(filed_request)
    filed_request.refresh_from_db()
    assert filed_request.status == S.WITHDRAWN
    member_client.post(url, {"note": "again"})
    assert filed_request.events.filter(to_status=S.WITHDRAWN).count() == 1
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "Withdrawn" in page and "We found funding elsewhere." in page


def test_a_request_in_progress_cannot_be_withdrawn(member_client, filed_request, moderator):
    advance(filed_request, S.IN_PROGRESS, moderator)
    response = member_client.post(reverse("advisory:request_withdraw", args=[filed_request.pk]))
    assert response["Location"] == _detail(filed_request)
    filed_request.refresh_from_db()
    assert filed_request.status == S.IN_PROGRESS
    assert "Withdraw this request" not in member_client.get(_detail(filed_request)).content.decode()


# --- Rate --------------------------------------------------------------------------------------------------


def test_the_requester_rates_a_completed_request_once(member_client, filed_request, moderator):
    advance(filed_request, S.COMPLETED, moderator)
    url = reverse("advisory:request_rate", args=[filed_request.pk])
    page = member_client.get(url).content.decode()
    assert 'type="radio" name="rating" value="5"' in page and "what_changed" in page
    response = member_client.post(url, {"rating": "4", "what_changed": "Our framework now has indicators."})
    assert response["Location"] == _detail(filed_request)
    filed_request.refresh_from_db()
    assert (filed_request.rating, filed_request.what_changed) == (4, "Our framework now has indicators.")
    member_client.post(url, {"rating": "1", "what_changed": "Changed my mind"})
    filed_request.refresh_from_db()
    assert filed_request.rating == 4
    page = member_client.get(_detail(filed_request)).content.decode()
    assert "Your rating: 4 out of 5" in page and "Our framework now has indicators." in page
    assert url not in page


def test_a_rating_without_a_score_keeps_what_was_typed(member_client, filed_request, moderator):
    advance(filed_request, S.COMPLETED, moderator)
    url = reverse("advisory:request_rate", args=[filed_request.pk])
    response = member_client.post(url, {"what_changed": "Our framework now has indicators."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a rating from 1 to 5." in page and "Our framework now has indicators." in page
    filed_request.refresh_from_db()
    assert filed_request.rated_at is None


def test_a_request_not_completed_cannot_be_rated(member_client, filed_request):
    url = reverse("advisory:request_rate", args=[filed_request.pk])
    response = member_client.post(url, {"rating": "5", "what_changed": "Great"})
    assert response["Location"] == _detail(filed_request)
    filed_request.refresh_from_db()
    assert filed_request.rating is None


def test_staff_see_the_requesters_view_with_a_link_to_the_admin(moderator_client, filed_request, moderator):
    page = moderator_client.get(_detail(filed_request)).content.decode()
    assert "Monitoring our county action plans" in page
    assert reverse("admin:advisory_advisoryrequest_change", args=[filed_request.pk]) in page
    assert "Withdraw this request" not in page
