"""Who could help with a request: a small, pure ranking of experts and published offers, with its reasons.

No database here: advisory/services/matching.py reads the facts (``Need``, ``ExpertFacts``, ``OfferFacts``) in a
fixed number of queries and calls ``rank_experts`` / ``rank_offers``. Every point a candidate gets comes with a
plain-language reason ("3 matching themes · speaks French · same sub-region · available for advisory"), so staff
can see why one suggestion comes before another; the weights below are the whole of the model.

Weights (points):

==========================  ======  ====================================================================
fact                        points  note
==========================  ======  ====================================================================
each shared theme           30      at most ``MAX_COUNTED_THEMES`` counted
each shared pillar          10      the Strategy's four pillars
a preferred language        20      spoken at working level or better (offers: taught in it), once
same country                15      or else
same sub-region             15      or else (M49 intermediate region where there is one)
same network region         8       "other" is no region
available for the help      20      experts: the availability that fits the modality
Centre of Excellence        10      the expert's organisation, or the offering organisation
focal point                 5       experts
completed exchanges         5 each  experts: accepted invitations to completed requests, at most 3
kind fits the modality      20      offers: a study visit for a peer exchange, a course for training…
delivery fits the modality  5       offers: remote for remote advice, in person for in-country help
==========================  ======  ====================================================================

A candidate sharing neither a theme nor a pillar with the request is not suggested, whatever else it has; those
sharing a theme come before those sharing only a pillar (a pillar is one of four: nearly everyone shares one, so
a language and a region must not lift a pillar-only match above an expert on the very theme asked about). Within
each group, the higher score first; equal scores by the number of shared themes (more first), then by ``key``
(the profile's or offer's primary key, smaller first): the same facts always give the same order.

Excluded from the experts: the requester, anyone who is not an active approved member (``is_member``), and the
experts already invited (``invited``: the page lists them separately with their answer). Excluded from the offers:
the requester's own, unpublished ones, and those already proposed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisory.models import Delivery, Modality, OfferKind
from experts.models import SPOKEN_LANGUAGES, Availability
from network.models import NetworkRegion

THEME_POINTS = 30
MAX_COUNTED_THEMES = 3
PILLAR_POINTS = 10
LANGUAGE_POINTS = 20
SAME_COUNTRY_POINTS = 15
SAME_SUBREGION_POINTS = 15
SAME_REGION_POINTS = 8
AVAILABILITY_POINTS = 20
CENTRE_OF_EXCELLENCE_POINTS = 10
FOCAL_POINT_POINTS = 5
PAST_MATCH_POINTS = 5
MAX_COUNTED_PAST_MATCHES = 3
OFFER_KIND_POINTS = 20
OFFER_DELIVERY_POINTS = 5

# Which availability of an expert fits each kind of help (the first that the expert has is named).
AVAILABILITY_FOR_MODALITY: dict[str, tuple[str, ...]] = {
    Modality.REMOTE_ADVICE: (Availability.ADVISORY,),
    Modality.POLICY_REVIEW: (Availability.ADVISORY,),
    Modality.IN_COUNTRY_TRAINING: (Availability.TRAINING,),
    Modality.PEER_EXCHANGE: (Availability.ADVISORY, Availability.SPEAKING),
    Modality.MENTORING: (Availability.MENTORING,),
}
# Which kind of offer answers each kind of help (an in-kind contribution answers none by itself).
OFFER_KINDS_FOR_MODALITY: dict[str, tuple[str, ...]] = {
    Modality.REMOTE_ADVICE: (OfferKind.EXPERT_TIME,),
    Modality.POLICY_REVIEW: (OfferKind.EXPERT_TIME,),
    Modality.IN_COUNTRY_TRAINING: (OfferKind.TRAINING,),
    Modality.PEER_EXCHANGE: (OfferKind.STUDY_VISIT,),
    Modality.MENTORING: (OfferKind.MENTORING,),
}
# How each kind of help is delivered: remote advice and mentoring at a distance, the rest in person.
REMOTE_MODALITIES = frozenset({Modality.REMOTE_ADVICE, Modality.POLICY_REVIEW, Modality.MENTORING})


def _availability_reason(availability: str) -> str:
    return {
        Availability.ADVISORY: _("available for advisory"),
        Availability.TRAINING: _("available for training"),
        Availability.MENTORING: _("available for mentoring"),
        Availability.SPEAKING: _("available for speaking"),
    }[Availability(availability)]


def _offer_kind_reason(kind: str) -> str:
    return {
        OfferKind.TRAINING: _("a training course, as asked"),
        OfferKind.STUDY_VISIT: _("a study visit, as asked"),
        OfferKind.MENTORING: _("mentoring, as asked"),
        OfferKind.EXPERT_TIME: _("expert time, as asked"),
        OfferKind.IN_KIND: _("an in-kind contribution, as asked"),
    }[OfferKind(kind)]


def _language_name(code: str) -> str:
    return str(dict(SPOKEN_LANGUAGES).get(code, code))


@dataclass(frozen=True)
class Place:
    """Where someone is: an ISO country code, its M49 sub-region (English name) and its network region."""

    country: str = ""
    subregion: str = ""
    region: str = ""


@dataclass(frozen=True)
class Need:
    """What a request asks for, as the ranking reads it."""

    themes: frozenset[int] = frozenset()
    pillars: frozenset[int] = frozenset()
    languages: tuple[str, ...] = ()
    place: Place = Place()
    modality: str = Modality.REMOTE_ADVICE
    requester_id: int | None = None


@dataclass(frozen=True)
class ExpertFacts:
    """An expert as the ranking reads them. ``key`` is the profile's primary key; ``languages`` the languages
    spoken at working level or better."""

    key: int
    user_id: int
    themes: frozenset[int] = frozenset()
    pillars: frozenset[int] = frozenset()
    languages: frozenset[str] = frozenset()
    place: Place = Place()
    availability: frozenset[str] = frozenset()
    is_member: bool = True
    is_focal_point: bool = False
    centre_of_excellence: bool = False
    completed_matches: int = 0


@dataclass(frozen=True)
class OfferFacts:
    """A published offer as the ranking reads it; ``place`` is the offering organisation's country, or else the
    offerer's."""

    key: int
    offered_by_id: int | None = None
    themes: frozenset[int] = frozenset()
    pillars: frozenset[int] = frozenset()
    languages: tuple[str, ...] = ()
    kind: str = OfferKind.TRAINING
    delivery: str = Delivery.REMOTE
    place: Place = Place()
    centre_of_excellence: bool = False
    is_published: bool = True


@dataclass(frozen=True)
class Reason:
    """One line of "why": a stable code (for tests and logs), the text in the active language, its points."""

    code: str
    text: str
    points: int


@dataclass(frozen=True)
class Suggestion:
    key: int
    score: int
    shared_themes: int
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def pillar_only(self) -> bool:
        """Suggested for a shared pillar alone: listed after every candidate sharing a theme."""
        return not self.shared_themes

    @property
    def reason_texts(self) -> list[str]:
        return [reason.text for reason in self.reasons]

    @property
    def summary(self) -> str:
        return " · ".join(self.reason_texts)

    def reason_codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]


# --- shared facts -------------------------------------------------------------------------------------------


def _overlap_reasons(need: Need, themes: frozenset[int], pillars: frozenset[int]) -> list[Reason]:
    reasons = []
    shared = len(need.themes & themes)
    if shared:
        counted = min(shared, MAX_COUNTED_THEMES)
        text = ngettext("%(count)d matching theme", "%(count)d matching themes", shared) % {"count": shared}
        reasons.append(Reason("themes", text, counted * THEME_POINTS))
    pillars_shared = len(need.pillars & pillars)
    if pillars_shared:
        text = ngettext("%(count)d matching pillar", "%(count)d matching pillars", pillars_shared) % {
            "count": pillars_shared
        }
        reasons.append(Reason("pillars", text, pillars_shared * PILLAR_POINTS))
    return reasons


def _language_reason(need: Need, spoken: Collection[str], text: Callable[[str], str]) -> list[Reason]:
    first = next((code for code in need.languages if code in spoken), None)
    if first is None:
        return []
    return [Reason("language", text(_language_name(first)), LANGUAGE_POINTS)]


def _place_reason(need: Place, other: Place) -> list[Reason]:
    if need.country and need.country == other.country:
        return [Reason("same-country", _("same country"), SAME_COUNTRY_POINTS)]
    if need.subregion and need.subregion == other.subregion:
        return [Reason("same-subregion", _("same sub-region"), SAME_SUBREGION_POINTS)]
    if need.region and need.region != NetworkRegion.OTHER and need.region == other.region:
        return [Reason("same-region", _("same region"), SAME_REGION_POINTS)]
    return []


def _suggestion(key: int, shared_themes: int, reasons: list[Reason]) -> Suggestion:
    return Suggestion(
        key=key,
        score=sum(reason.points for reason in reasons),
        shared_themes=shared_themes,
        reasons=tuple(reasons),
    )


def _ranked(suggestions: Iterable[Suggestion | None], limit: int | None) -> list[Suggestion]:
    kept = [s for s in suggestions if s is not None]
    kept.sort(key=lambda s: (not s.shared_themes, -s.score, -s.shared_themes, s.key))
    return kept if limit is None else kept[:limit]


# --- experts ------------------------------------------------------------------------------------------------


def expert_suggestion(need: Need, expert: ExpertFacts) -> Suggestion | None:
    """The expert's score and reasons for this need, or None when they are not to be suggested."""
    if not expert.is_member or (need.requester_id is not None and expert.user_id == need.requester_id):
        return None
    reasons = _overlap_reasons(need, expert.themes, expert.pillars)
    if not reasons:
        return None
    reasons += _language_reason(
        need, expert.languages, lambda name: _("speaks %(language)s") % {"language": name}
    )
    reasons += _place_reason(need.place, expert.place)
    fits = next(
        (a for a in AVAILABILITY_FOR_MODALITY.get(need.modality, ()) if a in expert.availability), None
    )
    if fits is not None:
        reasons.append(Reason("available", _availability_reason(fits), AVAILABILITY_POINTS))
    if expert.centre_of_excellence:
        reasons.append(
            Reason("centre-of-excellence", _("at a Centre of Excellence"), CENTRE_OF_EXCELLENCE_POINTS)
        )
    if expert.is_focal_point:
        reasons.append(Reason("focal-point", _("focal point"), FOCAL_POINT_POINTS))
    if expert.completed_matches > 0:
        text = ngettext(
            "%(count)d completed exchange", "%(count)d completed exchanges", expert.completed_matches
        ) % {"count": expert.completed_matches}
        counted = min(expert.completed_matches, MAX_COUNTED_PAST_MATCHES)
        reasons.append(Reason("past-matches", text, counted * PAST_MATCH_POINTS))
    return _suggestion(expert.key, len(need.themes & expert.themes), reasons)


def rank_experts(
    need: Need,
    experts: Iterable[ExpertFacts],
    *,
    invited: Collection[int] = (),
    limit: int | None = None,
) -> list[Suggestion]:
    """Experts to suggest, best first; ``invited`` (profile keys) are left out: they are listed apart."""
    return _ranked((expert_suggestion(need, e) for e in experts if e.key not in invited), limit)


# --- offers -------------------------------------------------------------------------------------------------


def offer_suggestion(need: Need, offer: OfferFacts) -> Suggestion | None:
    """The published offer's score and reasons for this need, or None when it is not to be suggested."""
    if not offer.is_published:
        return None
    if need.requester_id is not None and offer.offered_by_id == need.requester_id:
        return None
    reasons = _overlap_reasons(need, offer.themes, offer.pillars)
    if not reasons:
        return None
    reasons += _language_reason(need, offer.languages, lambda name: _("in %(language)s") % {"language": name})
    if offer.kind in OFFER_KINDS_FOR_MODALITY.get(need.modality, ()):
        reasons.append(Reason("kind", _offer_kind_reason(offer.kind), OFFER_KIND_POINTS))
    remote = need.modality in REMOTE_MODALITIES
    if offer.delivery == Delivery.HYBRID or (offer.delivery == Delivery.REMOTE) == remote:
        text = _("can be delivered remotely") if remote else _("can be delivered in person")
        reasons.append(Reason("delivery", text, OFFER_DELIVERY_POINTS))
    reasons += _place_reason(need.place, offer.place)
    if offer.centre_of_excellence:
        reasons.append(
            Reason("centre-of-excellence", _("from a Centre of Excellence"), CENTRE_OF_EXCELLENCE_POINTS)
        )
    return _suggestion(offer.key, len(need.themes & offer.themes), reasons)


def rank_offers(
    need: Need,
    offers: Iterable[OfferFacts],
    *,
    proposed: Collection[int] = (),
    limit: int | None = None,
) -> list[Suggestion]:
    """Published offers to suggest, best first; ``proposed`` (offer keys) are left out: they are listed apart."""
    return _ranked((offer_suggestion(need, o) for o in offers if o.key not in proposed), limit)
