"""The advisory demo: requests in every status and offers at every step, grounded in the programme documents, made
through the services by the demo members and staff, dated in the past, nobody emailed, seeded once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisory.indicators import advisory_indicators
from advisory.models import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    Invitation,
    InvitationEvent,
    InvitationStatus,
    Offer,
    OfferEvent,
    OfferInterest,
    OfferStatus,
    ProposedOffer,
    RequestStatus,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_in_tmp")]


def _counts() -> tuple[int, ...]:
    return (
        AdvisoryRequest.objects.count(),
        AdvisoryRequestEvent.objects.count(),
        Invitation.objects.count(),
        InvitationEvent.objects.count(),
        Offer.objects.count(),
        OfferEvent.objects.count(),
        OfferInterest.objects.count(),
        ProposedOffer.objects.count(),
    )


# Seeding the whole demo takes seconds: one test checks everything, then seeds again to prove nothing changes.
def test_demo_requests_and_offers_cover_every_status_through_the_services_and_are_seeded_once():
    call_command("seed_demo", "--force")
    now = timezone.now()
    requests = list(
        AdvisoryRequest.objects.select_related("requested_by").prefetch_related("events", "themes")
    )

    assert len(requests) >= 8
    assert {r.status for r in requests} == set(RequestStatus.values)
    by_requester = {r.requested_by.email for r in requests}
    assert {"member@example.org", "focal@example.org"} <= by_requester
    assert any(r.on_behalf_of_institution and r.requested_by.email == "focal@example.org" for r in requests)
    assert all(r.need_html and r.themes.all() and r.created_at < now for r in requests)
    # Each request's history is its status changes, ending in its status, in the past.
    for request in requests:
        statuses = [e.to_status for e in request.events.all() if e.from_status != e.to_status]
        assert statuses[0] == RequestStatus.NEW and statuses[-1] == request.status
        assert all(e.created_at <= now for e in request.events.all())
        assert request.status_changed_at == max(
            e.created_at for e in request.events.all() if e.from_status != e.to_status
        )
    declined = next(r for r in requests if r.status == RequestStatus.DECLINED)
    assert "equipment" in declined.events.get(to_status=RequestStatus.DECLINED).note
    completed = [r for r in requests if r.status == RequestStatus.COMPLETED]
    assert all(r.outcome_summary and r.completed_at for r in completed)
    assert any(r.rating for r in completed) and any(r.can_be_rated for r in completed)
    assert AdvisoryRequest.objects.filter(owner__email="moderator@example.org").count() >= 5

    # Experts invited with reasons; some accepted, one declined with a note, one still to answer.
    invitations = list(Invitation.objects.select_related("request__requested_by", "expert__user"))
    statuses = {i.status for i in invitations}
    assert {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.INVITED} <= statuses
    assert all(i.reasons and i.message for i in invitations)
    assert all(i.expert.user_id != i.request.requested_by_id for i in invitations)
    mine = [i for i in invitations if i.request.requested_by.email == "member@example.org"]
    assert {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED} <= {i.status for i in mine}

    # Offers at every step of their workflow; members registered interest in published ones; some proposed.
    offers = list(Offer.objects.prefetch_related("themes"))
    assert len(offers) >= 6
    assert {o.status for o in offers} == set(OfferStatus.values)
    assert all(o.published_at for o in offers if o.status in {OfferStatus.PUBLISHED, OfferStatus.CLOSED})
    assert OfferInterest.objects.filter(offer__status=OfferStatus.PUBLISHED).count() >= 4
    assert not OfferInterest.objects.exclude(offer__status=OfferStatus.PUBLISHED).exists()
    assert ProposedOffer.objects.filter(created_at__lt=now).count() >= 2

    # The history was told at the time: nothing emailed now, nothing left for the sweep to send.
    assert mail.outbox == []
    for model in (AdvisoryRequestEvent, InvitationEvent, OfferEvent):
        assert not model.objects.notification_due(
            min_age=timezone.timedelta(0), max_age=timezone.timedelta(days=3650)
        ).exists()

    # The public page shows the service's numbers from the demo.
    figures = advisory_indicators()
    assert figures.completed_exchanges >= 3 and figures.cross_regional_exchanges >= 2
    assert figures.average_rating is not None
    page = Client().get(reverse("advisory:service"))
    assert page.status_code == 200
    assert all(r.title not in page.content.decode() for r in requests)

    before = _counts()
    call_command("seed_demo", "--force")
    assert _counts() == before
