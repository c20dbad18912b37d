"""The public page explaining the advisory service, and the counts it shows (advisory/indicators.py): aggregates
over completed requests only, never a request; offers counted through ``Offer.objects.visible_to``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advisory.indicators import advisory_indicators
from advisory.models import AdvisoryRequest, Invitation, InvitationStatus, OfferStatus, RequestStatus
from experts.models import ExpertProfile
from network.models import Country
from network.visibility import Visibility
from tests.factories import AdvisoryRequestFactory, ExpertProfileFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _expert(country: str) -> ExpertProfile:
    return ExpertProfileFactory(membership__country=Country.objects.get(code=country))


def _request(
    status: str, country: str = "KE", *, accepted: tuple[str, ...] = (), **kwargs
) -> AdvisoryRequest:
    request = AdvisoryRequestFactory(status=status, country=Country.objects.get(code=country), **kwargs)
    for expert_country in accepted:
        Invitation.objects.create(
            request=request, expert=_expert(expert_country), message="Help?", status=InvitationStatus.ACCEPTED
        )
    return request


def test_the_counts_are_completed_exchanges_countries_experts_regions_and_ratings(django_assert_num_queries):
    # Kenya (Africa) helped by the Philippines (Asia) and Tanzania (Africa): one cross-regional exchange.
    _request(RequestStatus.COMPLETED, "KE", accepted=("PH", "TZ"), rating=5)
    # Kenya again, helped from Africa only: not cross-regional; the same country counts once.
    _request(RequestStatus.COMPLETED, "KE", accepted=("TZ",), rating=4)
    # Tunisia (Middle East) helped from Chile (Latin America), not rated yet.
    _request(RequestStatus.COMPLETED, "TN", accepted=("CL",))
    # Work under way: its expert is engaged, the exchange is not completed yet.
    _request(RequestStatus.IN_PROGRESS, "PK", accepted=("BD",))
    # Neither counts: a declined request, and an expert who declined or is still invited.
    _request(RequestStatus.DECLINED, "SO", rating=None)
    matching = _request(RequestStatus.MATCHING, "ML")
    Invitation.objects.create(
        request=matching, expert=_expert("SN"), message="?", status=InvitationStatus.DECLINED
    )
    Invitation.objects.create(request=matching, expert=_expert("NE"), message="?")

    with django_assert_num_queries(2):
        figures = advisory_indicators()

    assert figures.completed_exchanges == 3
    assert figures.countries_served == 2
    assert figures.experts_engaged == 5  # PH, TZ, TZ (another), CL, BD
    assert figures.cross_regional_exchanges == 2
    assert figures.average_rating == 4.5 and figures.ratings == 2


def test_no_exchange_yet_says_so_instead_of_zeros():
    page = Client().get(reverse("advisory:service")).content.decode()
    assert advisory_indicators().any is False
    assert "The first exchanges are under way" in page


def test_everyone_reads_the_page_with_the_numbers_but_never_a_request(outsiders, member_client):
    secret = _request(
        RequestStatus.COMPLETED, "KE", accepted=("PH",), rating=3, title="Secret review of the county plans"
    )
    secret.institution = "Secret Unit"
    secret.save()
    for client in [*outsiders.values(), member_client]:
        response = client.get(reverse("advisory:service"))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Exchanges completed" in page and "3.0 out of 5" in page
        for leak in ("Secret review", "Secret Unit", "Kenya", secret.reference):
            assert leak not in page


def test_what_to_do_next_depends_on_who_reads(outsiders, member_client):
    ask = reverse("advisory:request_create")
    member_page = member_client.get(reverse("advisory:service")).content.decode()
    assert f'href="{ask}"' in member_page
    assert reverse("advisory:request_list") in member_page and reverse("advisory:offer_create") in member_page

    visitor_page = outsiders["visitor"].get(reverse("advisory:service")).content.decode()
    assert f'href="{ask}"' not in visitor_page
    assert reverse("network:apply") in visitor_page and reverse("account_login") in visitor_page
    for name in ("applicant", "suspended"):
        page = outsiders[name].get(reverse("advisory:service")).content.decode()
        assert f'href="{ask}"' not in page and reverse("advisory:request_list") not in page
        assert reverse("network:dashboard") in page


def test_offers_are_counted_as_each_reader_may_see_them(outsiders, member_client):
    OfferFactory(visibility=Visibility.PUBLIC)
    OfferFactory(visibility=Visibility.MEMBERS)
    OfferFactory(visibility=Visibility.MEMBERS)
    OfferFactory(status=OfferStatus.DRAFT, visibility=Visibility.PUBLIC)
    OfferFactory(status=OfferStatus.CLOSED, visibility=Visibility.PUBLIC)

    assert "See the 3 offers open now" in member_client.get(reverse("advisory:service")).content.decode()
    for client in outsiders.values():
        assert "See the offer open now" in client.get(reverse("advisory:service")).content.decode()


def test_the_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for country in ("KE", "TN", "PK"):
        _request(RequestStatus.COMPLETED, country, accepted=("PH", "CL"), rating=4)
    OfferFactory(visibility=Visibility.PUBLIC)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("advisory:service")).status_code == 200


def test_every_page_links_to_the_service_in_the_main_navigation(client, member_client):
    for page in (client.get(reverse("network:home")), member_client.get(reverse("network:about"))):
        nav = page.content.decode().split('<nav class="site-nav"')[1].split("</nav>")[0]
        assert f'href="{reverse("advisory:service")}"' in nav
    service = client.get(reverse("advisory:service")).content.decode()
    assert f'href="{reverse("advisory:service")}" aria-current="page"' in service


def test_the_page_is_light_has_its_landmarks_one_heading_and_reads_right_to_left_in_arabic(client, settings):
    response = client.get(reverse("advisory:service"))
    html = response.content.decode()
    assert len(response.content) < 60_000
    for marker in ('href="#main"', "<main", "<nav", "<footer", "advisory-service.css"):
        assert marker in html
    assert html.count("<h1") == 1
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert '<html lang="ar" dir="rtl">' in client.get(reverse("advisory:service")).content.decode()
