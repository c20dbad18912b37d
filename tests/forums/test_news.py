"""News: public when published, a draft for staff only; an Atom feed of the newest 20 with absolute links;
staff write them in the admin, where a file that is not a picture is refused and a picture needs its
description."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from forums.models import NewsItem
from network.models import Membership
from tests.conftest import TOTP_SECRET

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _news(title: str, *, published: bool = True, days_ago: int = 1) -> NewsItem:
    slug = title.lower().replace(" ", "-")
    return NewsItem.objects.create(
        title=title,
        slug=slug,
        body=title,
        body_html=f"<p>{title}</p>",
        published_at=timezone.now() - timedelta(days=days_ago) if published else None,
    )


@pytest.fixture
def staff_client(make_user, settings, tmp_path) -> Client:
    settings.MEDIA_ROOT = tmp_path
    user = make_user(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


def test_routes():
    assert reverse("news:list") == "/news/" and reverse("news:feed") == "/news/feed/"
    assert reverse("news:detail", kwargs={"slug": "x"}) == "/news/x/"


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended", "member"])
def test_published_news_is_public_and_drafts_are_not(who, make_membership, client):
    _news("Network meets in Doha")
    _news("Draft about budgets", published=False)
    _news("Scheduled for next week", days_ago=-7)
    if who != "visitor":
        status = {"applicant": "applied", "suspended": "suspended", "member": "approved"}[who]
        client.force_login(make_membership(status=Membership.Status(status)).user)
    listing = client.get(reverse("news:list")).content.decode()
    home = client.get("/").content.decode()
    for page in (listing, home):
        assert "Network meets in Doha" in page
        assert "Draft about budgets" not in page and "Scheduled for next week" not in page
    assert client.get("/news/network-meets-in-doha/").status_code == 200
    assert client.get("/news/draft-about-budgets/").status_code == 404
    assert client.get("/news/scheduled-for-next-week/").status_code == 404


def test_staff_preview_a_draft(staff_client):
    _news("Draft about budgets", published=False)
    page = staff_client.get("/news/draft-about-budgets/")
    assert page.status_code == 200 and "Not published" in page.content.decode()


def test_the_home_page_shows_the_three_latest(client):
    for n in range(5):
        _news(f"Item {n}", days_ago=10 - n)
    page = client.get("/").content.decode()
    assert all(f"Item {n}" in page for n in (2, 3, 4)) and "Item 1" not in page
    assert 'href="/news/"' in page  # the site's navigation


def test_the_feed_is_atom_with_the_twenty_newest_absolute_links(client, settings):
    settings.SITE_URL = "https://onse.example.org"
    for n in range(22):
        _news(f"Item {n}", days_ago=30 - n)
    _news("Draft", published=False)
    response = client.get(reverse("news:feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the portal's own response)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 20
    assert entries[0].find(f"{ATOM}title").text == "Item 21"
    assert entries[0].find(f"{ATOM}link").get("href") == "https://onse.example.org/news/item-21/"
    assert all(e.find(f"{ATOM}updated").text for e in entries)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://onse.example.org/news/feed/"


def _png(exif_comment: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, format="PNG")
    return out.getvalue()


def _admin_post(client: Client, **extra):
    data = {
        "title": "Workshop in Dakar",
        "slug": "workshop-in-dakar",
        "summary": "",
        "body": "A **good** workshop <script>alert(1)</script>",
        "image_alt": "",
        "published_at_0": "",
        "published_at_1": "",
        **extra,
    }
    return client.post(reverse("admin:forums_newsitem_add"), data)


def test_staff_write_news_rendered_with_a_redrawn_image(staff_client):
    upload = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    response = _admin_post(staff_client, image_upload=upload, image_alt="Participants at the workshop")
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert "<strong>good</strong>" in item.body_html and "<script>" not in item.body_html
    assert item.image.name.endswith(".webp") and item.image.name.startswith("news/workshop-in-dakar-")
    with item.image.open("rb") as stored:
        assert Image.open(stored).format == "WEBP"


def test_a_file_that_is_not_a_picture_is_refused(staff_client):
    upload = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = _admin_post(staff_client, image_upload=upload, image_alt="A picture")
    assert response.status_code == 200
    assert "This file is not a picture we accept" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_a_picture_needs_its_description(staff_client):
    upload = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    response = _admin_post(staff_client, image_upload=upload)
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not NewsItem.objects.exists()
