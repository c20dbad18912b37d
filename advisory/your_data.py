"""The advisory app's part of "Your data": the requests a person filed, the invitations they received as an expert,
the offers they made and the interest they registered — and what happens to them when the account is deleted.

What the person reads about their own request is exported (its status history with the notes written to them);
the staff's internal notes (``RequestNote``) are staff working papers about the request and are never exported,
nor are the notes of staff-only details changes (an owner named, for instance). Others are named only as "staff".

On deletion, completed requests stay, without their requester (``requested_by`` is SET_NULL), so the service's
indicators (advisory/indicators.py) keep counting them; every other request goes, with its invitations and
history. Offers that never reached members go; published (or since closed) offers stay without their offerer.
Registered interests go. Invitations the person received as an expert go with their expert profile
(experts/your_data.py runs first; ``Invitation.expert`` cascades).

Listed in ``settings.PERSONAL_DATA_EXPORTERS`` and ``settings.ACCOUNT_DELETION_HOOKS`` (network/your_data.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from advisory.models import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    Invitation,
    InvitationEvent,
    Offer,
    OfferEvent,
    OfferInterest,
    RequestStatus,
)
from network.models import User
from network.your_data import iso

# A completed request is part of the network's record of exchanges (indicators); it is kept, anonymised.
KEPT_REQUEST_STATUSES = (RequestStatus.COMPLETED,)


def _history(
    events: list[AdvisoryRequestEvent] | list[InvitationEvent] | list[OfferEvent], user: User
) -> list[dict[str, Any]]:
    rows = []
    for event in sorted(events, key=lambda e: (e.created_at, e.pk)):
        own = event.actor_id == user.pk
        # A staff details change (from == to: owner, corrections) is staff bookkeeping, not a note to the person.
        staff_bookkeeping = event.from_status == event.to_status and not own
        rows.append(
            {
                "at": iso(event.created_at),
                "from": event.from_status,
                "to": event.to_status,
                "by": "you" if own else "staff",
                "note": "" if staff_bookkeeping else event.note,
            }
        )
    return rows


def _requests(user: User) -> list[dict[str, Any]]:
    requests = (
        AdvisoryRequest.objects.requested_by(user)
        .prefetch_related("themes", "events")
        .order_by("created_at", "pk")
    )
    return [
        {
            "reference": request.reference,
            "status": request.status,
            "on_behalf_of_institution": request.on_behalf_of_institution,
            "institution": request.institution,
            "country": str(request.country_id),
            "title": request.title,
            "need": request.need,
            "themes": sorted(theme.slug for theme in request.themes.all()),
            "pillars": sorted(request.pillars),
            "languages": list(request.languages),
            "modality": request.modality,
            "timeframe": request.timeframe,
            "confidentiality": request.confidentiality,
            "filed_at": iso(request.created_at),
            "status_since": iso(request.status_changed_at),
            "completed_at": iso(request.completed_at),
            "outcome_recorded_by_staff": request.outcome_summary,
            "rating": request.rating,
            "what_changed": request.what_changed,
            "rated_at": iso(request.rated_at),
            "history": _history(list(request.events.all()), user),
        }
        for request in requests
    ]


def _invitations(user: User) -> list[dict[str, Any]]:
    invitations = (
        Invitation.objects.for_expert(user)
        .select_related("request")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    return [
        {
            "request": invitation.request.reference,
            "status": invitation.status,
            "message_from_staff": invitation.message,
            "why_suggested": list(invitation.reasons),
            "your_note": invitation.response_note,
            "invited_at": iso(invitation.created_at),
            "answered_at": iso(invitation.responded_at),
            "history": _history(list(invitation.events.all()), user),
        }
        for invitation in invitations
    ]


def _offers(user: User) -> list[dict[str, Any]]:
    offers = (
        Offer.objects.offered_by(user)
        .select_related("organisation")
        .prefetch_related("themes", "events")
        .annotate(interest_count=Count("interests"))
        .order_by("created_at", "pk")
    )
    return [
        {
            "address": offer.slug,
            "status": offer.status,
            "visibility": offer.visibility,
            "title": offer.title,
            "summary": offer.summary,
            "description": offer.description,
            "kind": offer.kind,
            "delivery": offer.delivery,
            "themes": sorted(theme.slug for theme in offer.themes.all()),
            "pillars": sorted(offer.pillars),
            "languages": list(offer.languages),
            "organisation": offer.organisation.name if offer.organisation else None,
            "starts_on": offer.starts_on.isoformat() if offer.starts_on else None,
            "ends_on": offer.ends_on.isoformat() if offer.ends_on else None,
            "dates_on_request": offer.on_request,
            "places": offer.capacity,
            "who_may_apply": offer.eligibility,
            "created_at": iso(offer.created_at),
            "submitted_at": iso(offer.submitted_at),
            "published_at": iso(offer.published_at),
            # Who registered is their data: the count only.
            "interests_received": offer.interest_count,  # type: ignore[attr-defined]
            "history": _history(list(offer.events.all()), user),
        }
        for offer in offers
    ]


def export(user: User) -> dict[str, Any]:
    """The person's requests (with their history, without staff-internal notes), the invitations they received,
    their offers and the interest they registered in others' offers."""
    interests = OfferInterest.objects.filter(member=user).select_related("offer").order_by("created_at", "pk")
    return {
        "advisory": {
            "requests": _requests(user),
            "invitations_received": _invitations(user),
            "offers": _offers(user),
            "interests_registered": [
                {
                    "offer": interest.offer.title,
                    "message": interest.message,
                    "registered_at": iso(interest.created_at),
                }
                for interest in interests
            ],
        }
    }


def delete(*, user: User) -> dict[str, int]:
    """Delete the requests that were not completed (with their invitations, proposals and history), the offers
    never published and the registered interests; completed requests and once-published offers stay without the
    person (their foreign keys are SET_NULL when the user row goes)."""
    requests = AdvisoryRequest.objects.requested_by(user)
    requests_kept = requests.filter(status__in=KEPT_REQUEST_STATUSES).count()
    requests_removed = (
        requests.exclude(status__in=KEPT_REQUEST_STATUSES).delete()[1].get(AdvisoryRequest._meta.label, 0)
    )
    offers = Offer.objects.offered_by(user)
    offers_kept = offers.filter(published_at__isnull=False).count()
    offers_removed = offers.filter(published_at__isnull=True).delete()[1].get(Offer._meta.label, 0)
    interests_removed = (
        OfferInterest.objects.filter(member=user).delete()[1].get(OfferInterest._meta.label, 0)
    )
    return {
        "advisory_requests_removed": requests_removed,
        "advisory_requests_kept_without_requester": requests_kept,
        "advisory_offers_removed": offers_removed,
        "advisory_offers_kept_without_offerer": offers_kept,
        "advisory_interests_removed": interests_removed,
    }
