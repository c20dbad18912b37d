"""The ranking on crafted profiles where the right order is obvious: pure, no database."""

from __future__ import annotations

from django.utils import translation

from advisory.matching import (
    AVAILABILITY_POINTS,
    LANGUAGE_POINTS,
    PILLAR_POINTS,
    SAME_SUBREGION_POINTS,
    THEME_POINTS,
    ExpertFacts,
    Need,
    OfferFacts,
    Place,
    expert_suggestion,
    rank_experts,
    rank_offers,
)
from advisory.models import Delivery, Modality, OfferKind

PCVE, YOUTH, PRISONS, CFT = 1, 2, 3, 4
NAIROBI = Place(country="KE", subregion="Eastern Africa", region="africa")
ADDIS = Place(country="ET", subregion="Eastern Africa", region="africa")
CAIRO = Place(country="EG", subregion="Northern Africa", region="middle-east")
MANILA = Place(country="PH", subregion="South-eastern Asia", region="asia")
REQUESTER = 999

NEED = Need(
    themes=frozenset({PCVE, YOUTH, PRISONS}),
    pillars=frozenset({1}),
    languages=("fr", "en"),
    place=NAIROBI,
    modality=Modality.REMOTE_ADVICE,
    requester_id=REQUESTER,
)


def expert(key: int, **facts: object) -> ExpertFacts:
    return ExpertFacts(key=key, user_id=100 + key, **facts)  # type: ignore[arg-type]


def keys(suggestions: list) -> list[int]:
    return [s.key for s in suggestions]


def test_the_expert_who_fits_everything_comes_first_and_the_one_who_shares_nothing_is_left_out() -> None:
    best = expert(
        1,
        themes=frozenset({PCVE, YOUTH, PRISONS}),
        pillars=frozenset({1}),
        languages=frozenset({"fr"}),
        place=ADDIS,
        availability=frozenset({"advisory"}),
    )
    one_theme = expert(2, themes=frozenset({PCVE}), place=MANILA)
    two_themes = expert(3, themes=frozenset({PCVE, YOUTH}), place=MANILA)
    unrelated = expert(
        4, themes=frozenset({CFT}), pillars=frozenset({2}), languages=frozenset({"fr"}), place=NAIROBI
    )

    ranking = rank_experts(NEED, [one_theme, unrelated, two_themes, best])

    assert keys(ranking) == [1, 3, 2]
    top = ranking[0]
    assert (
        top.score
        == 3 * THEME_POINTS + PILLAR_POINTS + LANGUAGE_POINTS + SAME_SUBREGION_POINTS + AVAILABILITY_POINTS
    )
    assert top.reason_codes() == ["themes", "pillars", "language", "same-subregion", "available"]


def test_reasons_read_as_plain_language() -> None:
    with translation.override("en"):
        suggestion = expert_suggestion(
            NEED,
            expert(
                1,
                themes=frozenset({PCVE, YOUTH, PRISONS}),
                languages=frozenset({"fr", "en"}),
                place=ADDIS,
                availability=frozenset({"advisory", "training"}),
            ),
        )
    assert suggestion is not None
    assert (
        suggestion.summary == "3 matching themes · speaks French · same sub-region · available for advisory"
    )


def test_reasons_follow_the_active_language() -> None:
    facts = expert(1, themes=frozenset({PCVE}), languages=frozenset({"fr"}))
    with translation.override("en"):
        english = expert_suggestion(NEED, facts)
    with translation.override("fr"):
        french = expert_suggestion(NEED, facts)
    assert english is not None and french is not None
    assert english.reason_texts[0] == "1 matching theme"
    assert french.reason_codes() == english.reason_codes()


def test_the_first_preferred_language_the_expert_speaks_is_named() -> None:
    facts = expert(1, themes=frozenset({PCVE}), languages=frozenset({"en"}))
    with translation.override("en"):
        suggestion = expert_suggestion(NEED, facts)
    assert suggestion is not None and "speaks English" in suggestion.reason_texts


def test_proximity_same_country_beats_other_region_and_same_region_beats_nothing() -> None:
    base = {"themes": frozenset({PCVE})}
    same_country = expert(4, place=NAIROBI, **base)
    same_subregion = expert(3, place=ADDIS, **base)
    same_region = expert(2, place=Place(country="MA", subregion="Northern Africa", region="africa"), **base)
    elsewhere = expert(1, place=MANILA, **base)

    ranking = rank_experts(NEED, [elsewhere, same_region, same_subregion, same_country])

    assert keys(ranking)[-2:] == [2, 1]
    assert set(keys(ranking)[:2]) == {3, 4}
    assert ranking[0].score == ranking[1].score  # country and sub-region are worth the same: tie-break by key
    assert keys(ranking)[:2] == [3, 4]


def test_availability_must_fit_the_kind_of_help() -> None:
    trainer = expert(1, themes=frozenset({PCVE}), availability=frozenset({"training"}))
    adviser = expert(2, themes=frozenset({PCVE}), availability=frozenset({"advisory"}))

    assert keys(rank_experts(NEED, [trainer, adviser])) == [2, 1]
    training_need = Need(themes=NEED.themes, modality=Modality.IN_COUNTRY_TRAINING)
    assert keys(rank_experts(training_need, [trainer, adviser])) == [1, 2]


def test_centre_of_excellence_focal_point_and_past_exchanges_break_otherwise_equal_profiles() -> None:
    base = {"themes": frozenset({PCVE})}
    plain = expert(1, **base)
    focal = expert(2, is_focal_point=True, **base)
    centre = expert(3, centre_of_excellence=True, **base)
    experienced = expert(4, completed_matches=7, **base)  # counted up to 3

    ranking = rank_experts(NEED, [plain, focal, centre, experienced])

    assert keys(ranking) == [4, 3, 2, 1]
    with translation.override("en"):
        assert "7 completed exchanges" in expert_suggestion(NEED, experienced).reason_texts  # type: ignore[union-attr]


def test_a_pillar_alone_is_enough_to_be_suggested_but_comes_after_every_shared_theme() -> None:
    # speaks the language, nearby, available, at a Centre of Excellence: still only a pillar in common
    pillar_only = expert(
        1,
        pillars=frozenset({1}),
        languages=frozenset({"fr"}),
        place=ADDIS,
        availability=frozenset({"advisory"}),
        centre_of_excellence=True,
    )
    theme_only = expert(2, themes=frozenset({PCVE}), place=MANILA)

    ranking = rank_experts(NEED, [pillar_only, theme_only])

    assert keys(ranking) == [2, 1]
    assert (
        ranking[1].score > ranking[0].score
    )  # the score says how good; the theme says whether it is relevant
    assert ranking[1].pillar_only and not ranking[0].pillar_only


def test_the_requester_non_members_and_invited_experts_are_left_out() -> None:
    facts = {"themes": frozenset({PCVE, YOUTH})}
    requester = ExpertFacts(key=1, user_id=REQUESTER, **facts)  # type: ignore[arg-type]
    suspended = expert(2, is_member=False, **facts)
    invited = expert(3, **facts)
    free = expert(4, **facts)

    assert keys(rank_experts(NEED, [requester, suspended, invited, free], invited={3})) == [4]


def test_equal_scores_are_ordered_by_shared_themes_then_key_whatever_the_input_order() -> None:
    two_themes = expert(9, themes=frozenset({PCVE, YOUTH}))  # 60
    # 30 (theme) + 10 (pillar) + 15 (past exchanges, counted up to 3) + 5 (focal point) = 60
    one_theme = expert(
        5, themes=frozenset({PCVE}), pillars=frozenset({1}), completed_matches=4, is_focal_point=True
    )
    assert expert_suggestion(NEED, two_themes).score == expert_suggestion(NEED, one_theme).score  # type: ignore[union-attr]
    assert keys(rank_experts(NEED, [one_theme, two_themes])) == [9, 5]

    twins = [expert(k, themes=frozenset({PCVE})) for k in (7, 3, 5)]
    assert keys(rank_experts(NEED, twins)) == [3, 5, 7]
    assert keys(rank_experts(NEED, list(reversed(twins)))) == [3, 5, 7]


def test_limit_keeps_the_best() -> None:
    many = [expert(k, themes=frozenset({PCVE}) if k % 2 else frozenset({PCVE, YOUTH})) for k in range(1, 11)]
    assert keys(rank_experts(NEED, many, limit=3)) == [2, 4, 6]


# --- offers ---------------------------------------------------------------------------------------------------


def offer(key: int, **facts: object) -> OfferFacts:
    return OfferFacts(key=key, offered_by_id=500 + key, **facts)  # type: ignore[arg-type]


def test_an_offer_of_the_kind_asked_in_the_right_language_from_nearby_comes_first() -> None:
    need = Need(
        themes=frozenset({CFT}),
        pillars=frozenset({2}),
        languages=("fr",),
        place=NAIROBI,
        modality=Modality.IN_COUNTRY_TRAINING,
        requester_id=REQUESTER,
    )
    course = offer(
        1,
        themes=frozenset({CFT}),
        pillars=frozenset({2}),
        languages=("en", "fr"),
        kind=OfferKind.TRAINING,
        delivery=Delivery.IN_PERSON,
        place=ADDIS,
        centre_of_excellence=True,
    )
    remote_time = offer(
        2, themes=frozenset({CFT}), kind=OfferKind.EXPERT_TIME, delivery=Delivery.REMOTE, place=MANILA
    )
    unrelated = offer(3, themes=frozenset({PCVE}), kind=OfferKind.TRAINING, languages=("fr",), place=NAIROBI)
    own = OfferFacts(key=4, offered_by_id=REQUESTER, themes=frozenset({CFT}), kind=OfferKind.TRAINING)
    closed = offer(5, themes=frozenset({CFT}), kind=OfferKind.TRAINING, is_published=False)

    with translation.override("en"):
        ranking = rank_offers(need, [remote_time, unrelated, own, closed, course])

    assert keys(ranking) == [1, 2]
    assert ranking[0].summary == (
        "1 matching theme · 1 matching pillar · in French · a training course, as asked · "
        "can be delivered in person · same sub-region · from a Centre of Excellence"
    )


def test_proposed_offers_are_left_out() -> None:
    offers = [offer(k, themes=frozenset({PCVE})) for k in (1, 2)]
    assert keys(rank_offers(NEED, offers, proposed={1})) == [2]
