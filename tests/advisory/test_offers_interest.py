"""Registering interest: once per member (again only updates the message), withdrawn with one click; the offerer
and staff see who registered and their message, nobody else does."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advisory.models import OfferInterest, OfferStatus
from advisory.services.offers import interest_register
from network.visibility import Visibility
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _interest_url(offer) -> str:
    return reverse("advisory:offer_interest", args=[offer.slug])


def test_a_member_registers_interest_once_and_a_second_post_changes_nothing_but_the_message(member, offer):
    client = _client(member)
    response = client.post(_interest_url(offer), {"message": "I train FIU analysts in Nairobi."})
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    again = client.post(_interest_url(offer), {"message": "I train FIU analysts in Nairobi."}, follow=True)
    assert OfferInterest.objects.filter(offer=offer, member=member).count() == 1
    assert "already registered" in again.content.decode()
    client.post(_interest_url(offer), {"message": "Two of my colleagues would join."})
    [interest] = OfferInterest.objects.filter(offer=offer)
    assert interest.message == "Two of my colleagues would join."
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "You registered your interest" in page and "Withdraw my interest" in page


def test_a_member_withdraws_their_interest(member, offer):
    interest_register(offer=offer, member=member, message="Count me in")
    _client(member).post(_interest_url(offer), {"withdraw": "1"})
    assert not OfferInterest.objects.exists()


def test_a_message_too_long_is_explained_and_kept(member, offer):
    text = "I would like to join. " * 120
    response = _client(member).post(_interest_url(offer), {"message": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "I would like to join." in html
    assert not OfferInterest.objects.exists()


def test_the_offerer_sees_who_registered_and_their_message(member, offer):
    interest_register(offer=offer, member=member, message="Our unit needs this course")
    html = _client(offer.offered_by).get(offer.get_absolute_url()).content.decode()
    assert member.display_name in html and "Our unit needs this course" in html
    assert "1 member registered interest" in html
    assert member.email not in html
    assert "Register my interest" not in html  # not on one's own offer


def test_staff_see_who_registered(member, offer, moderator_client):
    interest_register(offer=offer, member=member, message="Our unit needs this course")
    html = moderator_client.get(offer.get_absolute_url()).content.decode()
    assert member.display_name in html and "Our unit needs this course" in html


def test_other_members_do_not_see_who_registered(member, offer, make_member):
    interest_register(offer=offer, member=member, message="Our unit needs this course")
    other = make_member()
    html = _client(other).get(offer.get_absolute_url()).content.decode()
    assert member.display_name not in html and "Our unit needs this course" not in html
    assert "registered interest" not in html


def test_outsiders_cannot_register_interest(outsiders, offer):
    public = OfferFactory(visibility=Visibility.PUBLIC)
    for name, client in outsiders.items():
        for target in (offer, public):
            response = client.post(_interest_url(target), {"message": "Me too"})
            assert response.status_code in (302, 403), name
    assert not OfferInterest.objects.exists()
    visitor_page = outsiders["visitor"].get(public.get_absolute_url()).content.decode()
    assert "Sign in as a member to register your interest." in visitor_page
    assert "Register my interest" not in visitor_page


def test_no_interest_in_an_unpublished_offer_or_ones_own(member, make_member):
    own = OfferFactory(offered_by=member)
    draft = OfferFactory(status=OfferStatus.DRAFT)
    closed = OfferFactory(status=OfferStatus.CLOSED)
    client = _client(member)
    assert client.post(_interest_url(draft), {"message": "x"}).status_code == 404
    assert client.post(_interest_url(closed), {"message": "x"}).status_code == 404
    response = client.post(_interest_url(own), {"message": "x"}, follow=True)
    assert "This is your own offer." in response.content.decode()
    assert not OfferInterest.objects.exists()


def test_interest_is_registered_by_post_only(member_client, offer):
    assert member_client.get(_interest_url(offer)).status_code == 405
