"""The advisory part of "Your data": a member downloads their requests (with the history they were told, never the
staff's internal notes), the invitations they received, their offers and interests; deleting the account removes
what is only theirs and keeps completed requests, anonymised, for the service's counts."""

from __future__ import annotations

import json

import pytest

from advisory.indicators import advisory_indicators
from advisory.models import AdvisoryRequest, Offer, OfferInterest, OfferStatus, RequestStatus
from advisory.services import invitations, offers, requests
from network.models import Country, Theme, User
from network.services.accounts import account_delete
from network.your_data import account_export
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _file(member: User, title: str) -> AdvisoryRequest:
    return requests.request_file(
        actor=member,
        fields={
            "institution": "Presidential Communications Office",
            "country": Country.objects.get(code="PH"),
            "title": title,
            "need": f"{title}: we need comments on our draft.",
            "modality": "policy-review",
        },
        themes=Theme.objects.filter(slug="pcve"),
        notify=False,
    )


@pytest.fixture
def completed(member: User, moderator: User, make_member) -> AdvisoryRequest:
    """A request taken through its whole life by the member, an expert and a moderator (named Staff Person)."""
    moderator.full_name = "Staff Person"
    moderator.save()
    request = _file(member, "Monitoring our action plan")
    requests.request_triage(request=request, actor=moderator, notify=False)
    requests.request_assign(request=request, actor=moderator, owner=None)
    requests.request_note_add(request=request, actor=moderator, body="INTERNAL: ask the ministry first")
    expert = make_member(membership__country=Country.objects.get(code="KE"))
    invitation = invitations.invitation_create(
        request=request, expert=expert.expert_profile, actor=moderator, message="Can you help?", notify=False
    )
    invitations.invitation_respond(invitation=invitation, actor=expert, accept=True, notify=False)
    requests.request_start(request=request, actor=moderator, note="Work starts in May.", notify=False)
    requests.request_complete(
        request=request, actor=moderator, outcome_summary="Fourteen indicators adopted.", notify=False
    )
    requests.request_rate(request=request, actor=member, rating=4, what_changed="We report every quarter.")
    return request


def test_the_download_holds_the_requests_with_their_history_but_no_internal_note(member, completed):
    data = account_export(member)["advisory"]

    [request] = data["requests"]
    assert request["reference"] == completed.reference and request["status"] == RequestStatus.COMPLETED
    assert request["need"].startswith("Monitoring our action plan") and request["themes"] == ["pcve"]
    assert request["outcome_recorded_by_staff"] == "Fourteen indicators adopted."
    assert (request["rating"], request["what_changed"]) == (4, "We report every quarter.")
    steps = [(row["to"], row["by"], row["note"]) for row in request["history"]]
    assert steps[0] == ("new", "you", "")
    assert ("in_progress", "staff", "Work starts in May.") in steps
    assert ("completed", "you", "Rated 4/5.") in steps
    text = json.dumps(data)
    assert "INTERNAL" not in text  # the staff's notes are theirs
    assert "Staff Person" not in text and "Owner" not in text  # staff are "staff"; their bookkeeping stays
    assert data["invitations_received"] == []


def test_the_download_holds_invitations_received_offers_and_interests(completed, make_member):
    expert = AdvisoryRequest.objects.get(pk=completed.pk).invitations.get().expert.user
    draft = offers.offer_create(
        actor=expert, fields={"title": "Mentoring for county planners", "kind": "mentoring"}, themes=[]
    )
    OfferFactory(offered_by=expert, title="Published course")
    other = OfferFactory(title="Somebody's study visit")
    offers.interest_register(offer=other, member=expert, message="Two of us would come.")
    OfferInterest.objects.create(offer=Offer.objects.get(title="Published course"), member=make_member())

    data = account_export(expert)["advisory"]

    [invitation] = data["invitations_received"]
    assert invitation["request"] == completed.reference and invitation["status"] == "accepted"
    assert invitation["message_from_staff"] == "Can you help?"
    assert [o["title"] for o in data["offers"]] == [draft.title, "Published course"]
    assert [o["interests_received"] for o in data["offers"]] == [0, 1]
    [interest] = data["interests_registered"]
    assert (interest["offer"], interest["message"]) == ("Somebody's study visit", "Two of us would come.")
    assert data["requests"] == []


def test_deleting_the_account_keeps_completed_requests_anonymised_and_removes_the_rest(member, completed):
    open_request = _file(member, "Still open")
    withdrawn = _file(member, "Changed my mind")
    requests.request_withdraw(request=withdrawn, actor=member)
    draft = offers.offer_create(actor=member, fields={"title": "A draft", "kind": "training"}, themes=[])
    published = OfferFactory(offered_by=member, title="Published one")
    closed = OfferFactory(offered_by=member, status=OfferStatus.CLOSED, published_at=published.published_at)
    offers.interest_register(offer=OfferFactory(), member=member)
    before = advisory_indicators()

    record = account_delete(user=member)

    kept = AdvisoryRequest.objects.get()
    assert kept.pk == completed.pk and kept.requested_by is None
    assert kept.rating == 4 and kept.invitations.count() == 1
    assert not AdvisoryRequest.objects.filter(pk__in=[open_request.pk, withdrawn.pk]).exists()
    assert not Offer.objects.filter(pk=draft.pk).exists()
    assert set(Offer.objects.filter(offered_by=None).values_list("pk", flat=True)) >= {
        published.pk,
        closed.pk,
    }
    assert not OfferInterest.objects.exists()
    assert advisory_indicators() == before
    assert record.summary["advisory_requests_removed"] == 2
    assert record.summary["advisory_requests_kept_without_requester"] == 1
    assert record.summary["advisory_offers_removed"] == 1
    assert record.summary["advisory_offers_kept_without_offerer"] == 2
    assert record.summary["advisory_interests_removed"] == 1


def test_the_download_costs_a_fixed_number_of_queries(member, completed, django_assert_max_num_queries):
    from advisory.your_data import export

    for n in range(3):
        _file(member, f"Another request {n}")
        OfferFactory(offered_by=member)
    with django_assert_max_num_queries(9):
        assert len(export(member)["advisory"]["requests"]) == 4
