"""Demo advisory requests and offers (advisory/demo_data.py), seeded by ``seed_demo`` through the hook
DEMO_SEED_HOOKS after the demo members and experts exist.

Everything goes through the services a member and a moderator use: offers are written, submitted and moderated;
members register interest; requests are filed, triaged, matched (experts invited with the reasons the matching
gave, offers proposed), answered by the experts, started, completed and rated — or declined, or withdrawn. The
history is dated in the past and never emailed (``at=…, notify=False``). The two services that take no date
(``request_withdraw``, ``offer_propose``) stamp "now"; only those dates are moved back afterwards, by a queryset
update. Running it again changes nothing: a request whose requester already filed one with the same title, or an
offer whose offerer already wrote one with the same title, is left alone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from advisory.demo_data import OFFERS, REQUESTS, DemoOffer, DemoRequest
from advisory.models import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    InvitationStatus,
    Offer,
    OfferStatus,
    ProposedOffer,
    RequestStatus,
)
from advisory.services import invitations, offers, requests
from experts.models import ExpertProfile, Organisation
from network.models import Country, Theme, User

# A step of the demo history comes this long after the previous one.
STEP = timedelta(days=2)


def _day(days_from_today: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_today)


def _offer(
    demo: DemoOffer, *, offerer: User, moderator: User, organisations: dict[str, Organisation]
) -> Offer:
    at = timezone.now() - timedelta(days=demo.days_ago)
    starts_on = _day(demo.starts_in_days) if demo.starts_in_days is not None else None
    offer = offers.offer_create(
        actor=offerer,
        fields={
            "title": demo.title,
            "summary": demo.summary,
            "description": demo.description,
            "kind": demo.kind,
            "delivery": demo.delivery,
            "pillars": list(demo.pillars),
            "languages": list(demo.languages),
            "organisation": organisations.get(demo.organisation or ""),
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=demo.length_days) if starts_on else None,
            "on_request": starts_on is None,
            "capacity": demo.capacity,
            "eligibility": demo.eligibility,
            "visibility": demo.visibility,
        },
        themes=Theme.objects.filter(slug__in=demo.themes),
        at=at,
    )
    if demo.status == OfferStatus.DRAFT:
        return offer
    at += STEP
    offers.offer_submit(offer=offer, actor=offerer, at=at, notify=False)
    at += STEP
    if demo.status == OfferStatus.CHANGES_REQUESTED:
        offers.offer_request_changes(offer=offer, actor=moderator, note=demo.note, at=at, notify=False)
    elif demo.status == OfferStatus.REJECTED:
        offers.offer_reject(offer=offer, actor=moderator, note=demo.note, at=at, notify=False)
    elif demo.status in {OfferStatus.PUBLISHED, OfferStatus.CLOSED}:
        offers.offer_publish(offer=offer, actor=moderator, at=at, notify=False)
        if demo.status == OfferStatus.CLOSED:
            closed_at = min(at + timedelta(days=demo.days_ago // 2), timezone.now())
            offers.offer_close(offer=offer, actor=moderator, note=demo.note, at=closed_at, notify=False)
    return offer


def _interests(demo: DemoOffer, offer: Offer, users: dict[str, User]) -> None:
    if offer.status != OfferStatus.PUBLISHED:
        return
    registered = (offer.published_at or timezone.now()) + STEP
    for step, (email, message) in enumerate(demo.interested, start=1):
        if email in users:
            offers.interest_register(
                offer=offer,
                member=users[email],
                message=message,
                at=min(registered + step * STEP, timezone.now()),
            )


def _history(
    demo: DemoRequest, request: AdvisoryRequest, *, moderator: User, users: dict[str, User], at: datetime
) -> None:
    """The request's life after it was filed, up to its demo status, one step every few days."""
    if demo.status == RequestStatus.NEW:
        return
    if demo.status == RequestStatus.WITHDRAWN:
        requests.request_withdraw(request=request, actor=users[demo.by], note=demo.note)
        # The service stamps "now": the withdrawal happened a few days after filing.
        AdvisoryRequest.objects.filter(pk=request.pk).update(status_changed_at=at + STEP)
        AdvisoryRequestEvent.objects.filter(request=request, to_status=RequestStatus.WITHDRAWN).update(
            created_at=at + STEP
        )
        return
    at += STEP
    if demo.status == RequestStatus.DECLINED:
        requests.request_decline(request=request, actor=moderator, note=demo.note, at=at, notify=False)
        return
    requests.request_triage(request=request, actor=moderator, at=at, notify=False)
    at += STEP
    for title in demo.proposed_offers:
        offer = Offer.objects.published().filter(title=title).first()
        if offer is not None:
            invitations.offer_propose(
                request=request, offer=offer, actor=moderator, reasons=["matching themes"]
            )
            ProposedOffer.objects.filter(request=request, offer=offer).update(created_at=at)
    profiles = {
        p.user.email: p
        for p in ExpertProfile.objects.filter(
            user__email__in=[i.expert for i in demo.invitations]
        ).select_related("user")
    }
    answers = []
    for invited in demo.invitations:
        if invited.expert in profiles:
            invitation = invitations.invitation_create(
                request=request,
                expert=profiles[invited.expert],
                actor=moderator,
                message=demo.message,
                reasons=invited.reasons,
                at=at,
                notify=False,
            )
            answers.append((invitation, invited))
    for step, (invitation, invited) in enumerate(answers, start=1):
        if invited.answer != InvitationStatus.INVITED:
            invitations.invitation_respond(
                invitation=invitation,
                actor=invitation.expert.user,
                accept=invited.answer == InvitationStatus.ACCEPTED,
                note=invited.note,
                at=at + step * timedelta(days=1),
                notify=False,
            )
    at += STEP * 2
    if demo.status in {RequestStatus.TRIAGED, RequestStatus.MATCHING}:
        return
    requests.request_start(request=request, actor=moderator, at=at, notify=False)
    if demo.status == RequestStatus.IN_PROGRESS:
        return
    at += timedelta(days=demo.days_ago // 3)
    requests.request_complete(
        request=request, actor=moderator, outcome_summary=demo.note, at=at, notify=False
    )
    if demo.rating:
        requests.request_rate(
            request=request,
            actor=users[demo.by],
            rating=demo.rating,
            what_changed=demo.what_changed,
            at=at + timedelta(days=demo.days_ago // 6),
        )


@transaction.atomic
def seed_advisory(*, moderator: User, **_: Any) -> dict[str, int]:
    """Every demo offer, then every demo request, once, through the services."""
    emails = {d.by for d in OFFERS} | {d.by for d in REQUESTS} | {e for d in OFFERS for e, _m in d.interested}
    users = {u.email: u for u in User.objects.filter(email__in=emails).select_related("membership")}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    offers_created = 0
    for demo_offer in OFFERS:
        offerer = users.get(demo_offer.by)
        if offerer is None or Offer.objects.filter(offered_by=offerer, title=demo_offer.title).exists():
            continue
        offer = _offer(demo_offer, offerer=offerer, moderator=moderator, organisations=organisations)
        _interests(demo_offer, offer, users)
        offers_created += 1
    countries = {str(c.code): c for c in Country.objects.filter(code__in={d.country for d in REQUESTS})}
    requests_created = 0
    for demo in REQUESTS:
        requester = users.get(demo.by)
        if (
            requester is None
            or AdvisoryRequest.objects.filter(requested_by=requester, title=demo.title).exists()
        ):
            continue
        at = timezone.now() - timedelta(days=demo.days_ago)
        request = requests.request_file(
            actor=requester,
            fields={
                "on_behalf_of_institution": demo.on_behalf,
                "institution": demo.institution,
                "country": countries[demo.country],
                "title": demo.title,
                "need": demo.need,
                "pillars": list(demo.pillars),
                "languages": list(demo.languages),
                "modality": demo.modality,
                "timeframe": demo.timeframe,
                "confidentiality": demo.confidentiality,
            },
            themes=Theme.objects.filter(slug__in=demo.themes),
            at=at,
            notify=False,
        )
        _history(demo, request, moderator=moderator, users=users, at=at)
        requests_created += 1
    return {"advisory_offers_created": offers_created, "advisory_requests_created": requests_created}
