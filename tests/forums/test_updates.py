"""Quick updates: members post short ones (≤ 500 characters, an https link), a double submit makes one, and
only members see them — on their page and on the members' home."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from forums.models import QuickUpdate
from forums.services.updates import quick_update_post
from network.models import Membership

pytestmark = pytest.mark.django_db

UPDATES = "/discussions/updates/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_route_is_where_members_expect_it():
    assert reverse("forums:updates") == UPDATES


def test_a_member_posts_an_update_with_a_link_and_sees_it_on_both_pages(member_client, member):
    response = member_client.post(
        UPDATES, {"body": "Back from the Nairobi workshop.", "link": "https://example.org/w"}
    )
    assert response.status_code == 302
    update = QuickUpdate.objects.get()
    assert (update.author, update.link) == (member, "https://example.org/w")
    for url in (UPDATES, reverse("network:members_home")):
        page = member_client.get(url).content.decode()
        assert "Back from the Nairobi workshop." in page and 'href="https://example.org/w"' in page


def test_too_long_keeps_the_text_and_says_how_much(member_client):
    text = "Long " * 120  # 600 characters
    response = member_client.post(UPDATES, {"body": text, "link": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 500 characters" in page and "yours has 599" in page
    assert text.strip() in page  # kept in the form
    assert not QuickUpdate.objects.exists()


@pytest.mark.parametrize("link", ["http://example.org/", "javascript:alert(1)", "example.org"])
def test_a_link_must_be_https(member_client, link):
    response = member_client.post(UPDATES, {"body": "See this", "link": link})
    assert response.status_code == 200 and "https://" in response.content.decode()
    assert not QuickUpdate.objects.exists()


def test_a_double_submit_makes_one_update(member_client, member):
    token = str(uuid.uuid4())  # the blank form's hidden token, sent twice by a double click
    for _click in range(2):
        response = member_client.post(UPDATES, {"body": "Once only", "link": "", "form_token": token})
        assert response.status_code == 302
    assert QuickUpdate.objects.count() == 1
    member_client.post(UPDATES, {"body": "Once only", "link": "", "form_token": str(uuid.uuid4())})
    assert QuickUpdate.objects.count() == 2  # the same words sent again from a new form: a new update


def test_the_service_refuses_non_members_and_empty_text(applicant, member):
    with pytest.raises(PermissionDenied):
        quick_update_post(author=applicant, body="Hello")
    with pytest.raises(ValidationError):
        quick_update_post(author=member, body="   ")


def test_the_home_block_shows_the_latest_ten_visible(member_client, member):
    for n in range(12):
        QuickUpdate.objects.create(author=member, body=f"Update number {n:02d}")
    QuickUpdate.objects.create(author=member, body="Hidden by a moderator", is_hidden=True)
    page = member_client.get(reverse("network:members_home")).content.decode()
    assert "Update number 11" in page and "Update number 02" in page and "Update number 01" not in page
    assert "Hidden by a moderator" not in page


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
def test_visitors_applicants_and_suspended_members_get_nothing(who, member, make_membership):
    QuickUpdate.objects.create(author=member, body="Members-only news")
    if who == "visitor":
        client = Client()
    else:
        status = Membership.Status.APPLIED if who == "applicant" else Membership.Status.SUSPENDED
        client = _client(make_membership(status=status).user)
    for url in (UPDATES, reverse("network:members_home")):
        response = client.get(url)
        assert response.status_code == (302 if who == "visitor" else 403)
        assert b"Members-only news" not in response.content
    assert client.post(UPDATES, {"body": "Let me in"}).status_code in (302, 403)
    assert QuickUpdate.objects.count() == 1
    assert b"Members-only news" not in client.get("/").content


def test_the_forms_length_hint_is_in_the_readers_language(member_client):
    """The hint was once interpolated at import time, so it stayed English on a Chinese page."""
    member_client.cookies["django_language"] = "zh-hans"
    page = member_client.get(UPDATES).content.decode()
    assert "最多 500 个字符。" in page
    assert "Up to 500 characters." not in page
