"""Matching for staff: reads the facts the pure ranking (advisory/matching.py) needs, in a fixed number of
queries whatever the number of experts and offers, and invites experts / proposes offers with the reasons staff
saw.

The database only prefilters: active approved members' profiles (not the requester's, not those already invited)
and published offers (not the requester's, not those already proposed) that share a theme or a pillar with the
request, the most shared themes first, at most ``CANDIDATE_POOL`` of each. The ranking orders them and the page
shows the best ``SHOWN``.

Hidden profiles are suggested too: staff are entitled to see every profile, and an invitation is a private
question the expert may decline. The page marks them, since the requester will not find them in the directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from advisory.matching import (
    ExpertFacts,
    Need,
    OfferFacts,
    Place,
    Suggestion,
    expert_suggestion,
    offer_suggestion,
    rank_experts,
    rank_offers,
)
from advisory.models import (
    AdvisoryRequest,
    Invitation,
    InvitationStatus,
    Offer,
    OfferStatus,
    ProposedOffer,
    RequestStatus,
)
from advisory.services.invitations import invitation_create, offer_propose
from experts.models import SPOKEN_LANGUAGES, ExpertProfile, LanguageLevel, ProfileLanguage
from network.lists import list_join
from network.models import Country, Membership, User

# How many candidates of each kind the database hands to the ranking, and how many the page shows.
CANDIDATE_POOL = 60
SHOWN = 20
# A language counts as spoken from working knowledge up.
SPOKEN_LEVELS = (LanguageLevel.NATIVE, LanguageLevel.FLUENT, LanguageLevel.WORKING)

T = TypeVar("T")


@dataclass(frozen=True)
class Suggested(Generic[T]):
    """A row (an expert profile, an offer) with its score and reasons."""

    item: T
    suggestion: Suggestion


@dataclass(frozen=True)
class MatchingPage:
    """Everything the suggestions page shows for one request."""

    need: Need
    experts: list[Suggested[ExpertProfile]]
    offers: list[Suggested[Offer]]
    invitations: list[Invitation]
    proposals: list[ProposedOffer]


@dataclass
class InviteResult:
    invited: list[Invitation] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (who, why)


def _place(country: Country | None) -> Place:
    if country is None:
        return Place()
    # Sub-Saharan Africa and Latin America are M49 sub-regions too wide to say "nearby": their intermediate
    # regions (Eastern Africa, the Caribbean…) count as the sub-region where M49 has one.
    subregion = country.m49_intermediate or country.m49_subregion
    return Place(country=str(country.code), subregion=subregion, region=country.network_region)


def request_need(request: AdvisoryRequest) -> Need:
    """The request's facts for the ranking (its country and themes preferably loaded: ``select_related``,
    ``prefetch_related``)."""
    return Need(
        themes=frozenset(theme.pk for theme in request.themes.all()),
        pillars=frozenset(request.pillars),
        languages=tuple(request.languages),
        place=_place(request.country),
        modality=request.modality,
        requester_id=request.requested_by_id,
    )


# --- experts ------------------------------------------------------------------------------------------------


def _shared_themes(through: Any, owner_column: str, themes: frozenset[int]) -> Coalesce:
    counted = (
        through.objects.filter(**{owner_column: models.OuterRef("pk")}, theme_id__in=themes)
        .order_by()
        .values(owner_column)
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted), 0)


def _theme_ids(through: Any, owner_column: str) -> ArraySubquery:
    return ArraySubquery(
        through.objects.filter(**{owner_column: models.OuterRef("pk")})
        .order_by("theme_id")
        .values("theme_id")
    )


def _profiles(need: Need) -> models.QuerySet[ExpertProfile]:
    """Profiles with what the ranking reads, in their own query (arrays instead of prefetches)."""
    through = ExpertProfile.themes.through
    completed = (
        Invitation.objects.filter(
            expert=models.OuterRef("pk"),
            status=InvitationStatus.ACCEPTED,
            request__status=RequestStatus.COMPLETED,
        )
        .order_by()
        .values("expert")
        .annotate(n=models.Count("*"))
        .values("n")
    )
    return ExpertProfile.objects.select_related(
        "user", "user__membership", "user__membership__country", "organisation"
    ).annotate(
        shared_themes=_shared_themes(through, "expertprofile_id", need.themes),
        theme_ids=_theme_ids(through, "expertprofile_id"),
        spoken=ArraySubquery(
            ProfileLanguage.objects.filter(profile=models.OuterRef("pk"), level__in=SPOKEN_LEVELS)
            .order_by("pk")
            .values("language")
        ),
        completed_matches=Coalesce(models.Subquery(completed), 0),
    )


def expert_facts(profile: ExpertProfile) -> ExpertFacts:
    """The ranking's view of a profile loaded by ``_profiles``."""
    user = profile.user
    try:
        membership: Membership | None = user.membership
    except ObjectDoesNotExist:
        membership = None
    return ExpertFacts(
        key=profile.pk,
        user_id=user.pk,
        themes=frozenset(getattr(profile, "theme_ids", None) or ()),
        pillars=frozenset(profile.pillars),
        languages=frozenset(getattr(profile, "spoken", None) or ()),
        place=_place(membership.country if membership else None),
        availability=frozenset(profile.availability),
        is_member=bool(
            user.is_active and membership is not None and membership.status == Membership.Status.APPROVED
        ),
        is_focal_point=bool(membership and membership.is_focal_point),
        centre_of_excellence=bool(profile.organisation and profile.organisation.is_centre_of_excellence),
        completed_matches=getattr(profile, "completed_matches", 0),
    )


def expert_candidates(request: AdvisoryRequest, need: Need) -> list[ExpertProfile]:
    """Active members' profiles sharing a theme or a pillar, not the requester's, not already invited."""
    overlap = models.Q(shared_themes__gt=0)
    if need.pillars:
        overlap |= models.Q(pillars__overlap=sorted(need.pillars))
    invited = Invitation.objects.filter(request=request, expert=models.OuterRef("pk"))
    profiles = (
        _profiles(need)
        .filter(user__is_active=True, user__membership__status=Membership.Status.APPROVED)
        .exclude(models.Exists(invited))
        .filter(overlap)
        .order_by("-shared_themes", "pk")  # type: ignore[misc]  # the stubs do not see the annotation
    )
    if request.requested_by_id is not None:
        profiles = profiles.exclude(user_id=request.requested_by_id)
    return list(profiles[:CANDIDATE_POOL])


# --- offers -------------------------------------------------------------------------------------------------


def _offers(need: Need) -> models.QuerySet[Offer]:
    through = Offer.themes.through
    return Offer.objects.select_related(
        "organisation", "organisation__country", "offered_by", "offered_by__membership__country"
    ).annotate(
        shared_themes=_shared_themes(through, "offer_id", need.themes),
        theme_ids=_theme_ids(through, "offer_id"),
    )


def offer_place(offer: Offer) -> Country | None:
    """Where an offer comes from: its organisation's country, or else the offerer's."""
    if offer.organisation is not None and offer.organisation.country is not None:
        return offer.organisation.country
    if offer.offered_by is None:
        return None
    try:
        return offer.offered_by.membership.country
    except ObjectDoesNotExist:
        return None


def offer_facts(offer: Offer) -> OfferFacts:
    return OfferFacts(
        key=offer.pk,
        offered_by_id=offer.offered_by_id,
        themes=frozenset(getattr(offer, "theme_ids", None) or ()),
        pillars=frozenset(offer.pillars),
        languages=tuple(offer.languages),
        kind=offer.kind,
        delivery=offer.delivery,
        place=_place(offer_place(offer)),
        centre_of_excellence=bool(offer.organisation and offer.organisation.is_centre_of_excellence),
        is_published=offer.status == OfferStatus.PUBLISHED,
    )


def offer_candidates(request: AdvisoryRequest, need: Need) -> list[Offer]:
    """Published offers sharing a theme or a pillar, not the requester's, not already proposed."""
    overlap = models.Q(shared_themes__gt=0)
    if need.pillars:
        overlap |= models.Q(pillars__overlap=sorted(need.pillars))
    proposed = ProposedOffer.objects.filter(request=request, offer=models.OuterRef("pk"))
    offers = (
        _offers(need)
        .filter(status=OfferStatus.PUBLISHED)
        .exclude(models.Exists(proposed))
        .filter(overlap)
        .order_by("-shared_themes", "pk")  # type: ignore[misc]  # the stubs do not see the annotation
    )
    if request.requested_by_id is not None:
        offers = offers.exclude(offered_by_id=request.requested_by_id)
    return list(offers[:CANDIDATE_POOL])


# --- the page -----------------------------------------------------------------------------------------------


def request_invitations(request: AdvisoryRequest) -> list[Invitation]:
    return list(
        Invitation.objects.filter(request=request)
        .select_related("expert", "expert__user", "expert__user__membership", "invited_by")
        .order_by("created_at", "pk")
    )


def request_proposals(request: AdvisoryRequest) -> list[ProposedOffer]:
    return list(
        ProposedOffer.objects.filter(request=request)
        .select_related("offer", "proposed_by")
        .order_by("created_at", "pk")
    )


def matching_suggestions(request: AdvisoryRequest, *, shown: int = SHOWN) -> MatchingPage:
    """The ranked experts and offers for a request, and what was already invited or proposed: six queries."""
    need = request_need(request)
    profiles = {p.pk: p for p in expert_candidates(request, need)}
    offers = {o.pk: o for o in offer_candidates(request, need)}
    expert_ranking = rank_experts(need, (expert_facts(p) for p in profiles.values()), limit=shown)
    offer_ranking = rank_offers(need, (offer_facts(o) for o in offers.values()), limit=shown)
    return MatchingPage(
        need=need,
        experts=[Suggested(profiles[s.key], s) for s in expert_ranking],
        offers=[Suggested(offers[s.key], s) for s in offer_ranking],
        invitations=request_invitations(request),
        proposals=request_proposals(request),
    )


def neutral_brief(request: AdvisoryRequest) -> str:
    """The message an invitation starts from: what help, on what, when, in which languages — never who asks
    nor where (under "staff only" the expert reads this message and nothing else). Staff edit it."""
    themes = list_join(theme.label for theme in request.themes.all())
    languages = list_join(label for code, label in SPOKEN_LANGUAGES if code in request.languages)
    lines = [
        _("The Online Network of Southern Experts has received a request for help in your field."),
        _("Kind of help: %(modality)s.") % {"modality": request.get_modality_display()},
    ]
    if themes:
        lines.append(_("Themes: %(themes)s.") % {"themes": themes})
    if languages:
        lines.append(_("Languages: %(languages)s.") % {"languages": languages})
    lines.append(_("Timeframe: %(timeframe)s.") % {"timeframe": request.get_timeframe_display()})
    lines.append(_("Would you be willing to help? Please accept or decline from the link in this email."))
    return "\n".join(lines)


# --- actions ------------------------------------------------------------------------------------------------


def experts_invite(
    *,
    request: AdvisoryRequest,
    profile_ids: Sequence[int],
    actor: User | None,
    message: str,
    notify: bool = True,
) -> InviteResult:
    """Invite each chosen expert (``invitation_create``, each in its own transaction) with the reasons the
    ranking gives them now; an expert who cannot be invited (already invited, not an active member, the
    requester) is reported, and the others are invited all the same."""
    need = request_need(request)
    profiles = {p.pk: p for p in _profiles(need).filter(pk__in=list(profile_ids))}
    result = InviteResult()
    for pk in dict.fromkeys(profile_ids):
        profile = profiles.get(pk)
        if profile is None:
            continue
        suggestion = expert_suggestion(need, expert_facts(profile))
        try:
            with transaction.atomic():
                invitation = invitation_create(
                    request=request,
                    expert=profile,
                    actor=actor,
                    message=message,
                    reasons=suggestion.reason_texts if suggestion else [],
                    notify=notify,
                )
        except ValidationError as error:
            result.refused.append((str(profile), " ".join(error.messages)))
        except IntegrityError:
            result.refused.append((str(profile), _("already invited to this request.")))
        else:
            result.invited.append(invitation)
    return result


@transaction.atomic
def offer_suggest(*, request: AdvisoryRequest, offer_id: int, actor: User | None) -> ProposedOffer:
    """Propose a published offer to the requester, with the reasons the ranking gives it now."""
    if not request.is_open:
        raise ValidationError(_("Offers can be proposed while the request is open."))
    need = request_need(request)
    offer = _offers(need).filter(pk=offer_id).first()
    if offer is None:
        raise ValidationError(_("This offer does not exist any more."))
    suggestion = offer_suggestion(need, offer_facts(offer))
    return offer_propose(
        request=request, offer=offer, actor=actor, reasons=suggestion.reason_texts if suggestion else []
    )


__all__ = [
    "CANDIDATE_POOL",
    "SHOWN",
    "InviteResult",
    "MatchingPage",
    "Suggested",
    "expert_candidates",
    "expert_facts",
    "experts_invite",
    "matching_suggestions",
    "neutral_brief",
    "offer_candidates",
    "offer_facts",
    "offer_suggest",
    "request_need",
]
