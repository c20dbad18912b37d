"""Members browse published offers: facets with counts, search, pages, every state a URL; an offer's page. What a
visitor, an applicant or a suspended member may see: public published offers only, never a members-only one, a
draft or an offer under review — not in the list, not in a count, not on its page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advisory.models import Delivery, Offer, OfferKind, OfferStatus
from network.models import Country, NetworkRegion, Theme
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("advisory:offer_list")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _titles(response) -> list[str]:
    return [offer.title for offer in response.context["offers"]]


@pytest.fixture
def catalogue() -> dict[str, Offer]:
    """Offers at every status and both visibilities, from organisations in three regions."""
    kenya = OrganisationFactory(country=Country.objects.get(code="KE"))
    jordan = OrganisationFactory(country=Country.objects.get(code="JO"))
    international = OrganisationFactory(country=None)
    brazil_expert = ExpertProfileFactory(membership__country=Country.objects.get(code="BR")).user
    return {
        "course": OfferFactory(
            title="Financial investigations course",
            summary="Tracing terrorist financing through mobile money.",
            kind=OfferKind.TRAINING,
            organisation=kenya,
            themes=["cft"],
            visibility=Visibility.PUBLIC,
        ),
        "visit": OfferFactory(
            title="Study visit to a deradicalisation centre",
            summary="Three days with the centre's psychologists and imams.",
            kind=OfferKind.STUDY_VISIT,
            delivery=Delivery.IN_PERSON,
            organisation=jordan,
            languages=["ar", "en"],
            themes=["pcve", "rehabilitation"],
        ),
        "mentoring": OfferFactory(
            title="Mentoring for young researchers",
            summary="Écoute et conseils méthodologiques.",
            kind=OfferKind.MENTORING,
            organisation=international,
            offered_by=brazil_expert,
            languages=["pt", "es"],
        ),
        "draft": OfferFactory(title="Draft offer", status=OfferStatus.DRAFT, visibility=Visibility.PUBLIC),
        "submitted": OfferFactory(title="Offer under review", status=OfferStatus.SUBMITTED),
        "closed": OfferFactory(title="Closed offer", status=OfferStatus.CLOSED, visibility=Visibility.PUBLIC),
    }


def test_a_member_sees_every_published_offer_newest_first_and_never_a_draft(catalogue, member_client):
    response = member_client.get(LIST)
    assert response.status_code == 200
    assert _titles(response) == [
        "Mentoring for young researchers",
        "Study visit to a deradicalisation centre",
        "Financial investigations course",
    ]
    html = response.content.decode()
    assert "Draft offer" not in html and "Offer under review" not in html and "Closed offer" not in html
    assert "3 offers" in html


def test_outsiders_see_public_published_offers_only_in_the_list_and_the_counts(catalogue, outsiders):
    for name, client in outsiders.items():
        response = client.get(LIST)
        assert response.status_code == 200, name
        assert _titles(response) == ["Financial investigations course"], name
        html = response.content.decode()
        assert "Study visit" not in html and "Mentoring for young" not in html, name
        kinds = {option.value: option.count for option in response.context["facets"][0].options}
        assert kinds == {"training": 1}, name


def test_outsiders_get_404_on_a_members_only_offer_and_on_any_unpublished_one(catalogue, outsiders):
    for name, client in outsiders.items():
        for key in ("visit", "draft", "submitted", "closed"):
            response = client.get(catalogue[key].get_absolute_url())
            assert response.status_code == 404, (name, key)
        assert client.get(catalogue["course"].get_absolute_url()).status_code == 200, name


def test_another_members_draft_is_not_found_but_its_offerer_and_staff_preview_it(
    catalogue, member_client, moderator_client
):
    draft = catalogue["draft"]
    assert member_client.get(draft.get_absolute_url()).status_code == 404
    for client in (_signed_in(draft.offered_by), moderator_client):
        response = client.get(draft.get_absolute_url())
        assert response.status_code == 200
        assert "Not published" in response.content.decode()


def test_facets_count_what_a_click_would_show_with_the_other_filters_applied(catalogue, member_client):
    response = member_client.get(LIST, {"kind": "study-visit"})
    assert _titles(response) == ["Study visit to a deradicalisation centre"]
    facets = {
        facet.name: {o.value: (o.count, o.selected) for o in facet.options}
        for facet in response.context["facets"]
    }
    # Its own facet keeps every kind, the selected one ticked
    assert facets["kind"] == {"training": (1, False), "study-visit": (1, True), "mentoring": (1, False)}
    assert facets["delivery"] == {"in-person": (1, False)}
    assert facets["language"] == {"ar": (1, False), "en": (1, False)}
    pcve = Theme.objects.get(slug="pcve").pk
    assert facets["theme"][pcve] == (1, False)


def test_region_is_the_organisations_or_else_the_offerers_country(catalogue, member_client):
    response = member_client.get(LIST)
    regions = {o.value: o.count for o in response.context["facets"][5].options}
    kenya = Country.objects.get(code="KE").network_region
    jordan = Country.objects.get(code="JO").network_region
    brazil = Country.objects.get(code="BR").network_region
    assert len({kenya, jordan, brazil}) == 3
    assert regions == {kenya: 1, jordan: 1, brazil: 1}
    only_brazil = member_client.get(LIST, {"region": brazil})
    assert _titles(only_brazil) == ["Mentoring for young researchers"]
    assert brazil in dict(NetworkRegion.choices)


def test_filters_combine_and_unknown_values_are_ignored(catalogue, member_client):
    cft = Theme.objects.get(slug="cft").pk
    response = member_client.get(LIST, {"theme": [cft, "nonsense"], "kind": ["training", "bogus"]})
    assert response.status_code == 200
    assert _titles(response) == ["Financial investigations course"]
    assert _titles(member_client.get(LIST, {"language": "ar", "delivery": "remote"})) == []


def test_search_finds_every_word_in_title_or_summary_ignoring_accents_and_case(catalogue, member_client):
    assert _titles(member_client.get(LIST, {"q": "MOBILE financial"})) == ["Financial investigations course"]
    assert _titles(member_client.get(LIST, {"q": "ecoute"})) == ["Mentoring for young researchers"]
    assert _titles(member_client.get(LIST, {"q": "psychologists visit"})) == [
        "Study visit to a deradicalisation centre"
    ]
    empty = member_client.get(LIST, {"q": "financial psychologists"})
    assert _titles(empty) == [] and "No offer matches this search." in empty.content.decode()
    assert _titles(member_client.get(LIST, {"q": "100%_"})) == []


def test_active_filters_can_be_removed_one_by_one(catalogue, member_client):
    response = member_client.get(LIST, {"kind": ["training", "mentoring"], "q": "course"})
    removals = [active.remove_url for active in response.context["active_filters"]]
    assert "?kind=training&kind=mentoring" in removals  # the search removed
    assert any("kind=mentoring" in url and "kind=training" not in url for url in removals)


def test_pages_of_twenty_keep_the_filters_in_their_links(member_client):
    OfferFactory.create_batch(23, kind=OfferKind.TRAINING)
    response = member_client.get(LIST, {"kind": "training"})
    assert len(response.context["offers"]) == 20
    assert "?kind=training&amp;page=2" in response.content.decode()
    assert len(member_client.get(LIST, {"kind": "training", "page": 2}).context["offers"]) == 3


def test_the_list_costs_a_fixed_number_of_queries(member_client, django_assert_max_num_queries):
    organisations = [OrganisationFactory(country=Country.objects.get(code=c)) for c in ("KE", "JO", "PH")]
    for n in range(25):
        OfferFactory(organisation=organisations[n % 3], themes=["pcve", "cft", "youth"][: 1 + n % 3])
    member_client.get(LIST)  # warm the session and the caches
    with django_assert_max_num_queries(8):
        response = member_client.get(LIST, {"theme": Theme.objects.get(slug="pcve").pk, "q": "trainers"})
    assert len(response.context["offers"]) == 20


def test_an_offers_page_shows_what_a_member_needs_to_decide(member_client):
    organisation = OrganisationFactory(name="IGAD Centre of Excellence", is_centre_of_excellence=True)
    offer = OfferFactory(
        title="Training of trainers on border security",
        capacity=24,
        eligibility="Border police trainers from East Africa",
        organisation=organisation,
        on_request=False,
        starts_on="2026-09-14",
        ends_on="2026-09-18",
    )
    html = member_client.get(offer.get_absolute_url()).content.decode()
    for text in (
        "Training of trainers on border security",
        "24",
        "Border police trainers from East Africa",
        "IGAD Centre of Excellence",
        "Centre of Excellence",
        "<strong>practitioners</strong>",
        "English, French",
        "Register my interest",
    ):
        assert text in html, text
    assert "Sept. 14, 2026 to Sept. 18, 2026" in html or "September 14, 2026 to September 18, 2026" in html


def test_search_takes_percent_and_underscore_literally(member_client):
    OfferFactory(title="A 100% online course")
    OfferFactory(title="A 1000 hours course")
    assert _titles(member_client.get(LIST, {"q": "100%"})) == ["A 100% online course"]
    assert _titles(member_client.get(LIST, {"q": "10_0"})) == []
