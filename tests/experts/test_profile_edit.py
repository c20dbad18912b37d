"""The profile edit page: members only, formsets, photo checks that keep what was typed, the home nudge."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from experts.models import ExpertProfile
from experts.photos import MAX_UPLOAD_BYTES
from network.models import Membership, Theme

pytestmark = pytest.mark.django_db

URL = "/experts/me/edit/"


def _form(**overrides):
    youth = Theme.objects.get(slug="youth")
    data = {
        "headline": "Prison rehabilitation programmes, East Africa",
        "bio": "Ten years of *disengagement* work.",
        "themes": [str(youth.pk)],
        "pillars": ["1"],
        "years_of_experience": "10",
        "availability": ["mentoring"],
        "visibility": "public",
        "contact_enabled": "on",
        "phone": "+254 700 000000",
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": "sw",
        "languages-0-level": "native",
        "languages-1-language": "",
        "languages-1-level": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-kind": "publication",
        "links-0-title": "Rehabilitation in practice",
        "links-0-url": "https://example.org/report",
        "links-0-year": "2022",
    }
    data.update(overrides)
    return data


def _picture(fmt="JPEG", size=(1200, 900), exif=None):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def test_the_url_is_the_agreed_one():
    assert reverse("experts:profile_edit") == URL


@pytest.mark.parametrize("status", [Membership.Status.APPLIED, Membership.Status.SUSPENDED])
def test_applicants_and_suspended_members_get_no_edit_page(make_membership, status):
    client = Client()
    client.force_login(make_membership(status=status).user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "headline" not in response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_approved_before_profiles_existed_gets_one_on_first_visit(member_client, member):
    assert member_client.get(URL).status_code == 200
    assert ExpertProfile.objects.filter(user=member).exists()


def test_a_member_saves_their_profile_with_languages_and_links(member_client, member):
    response = member_client.post(URL, _form())
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=member)
    assert profile.headline == "Prison rehabilitation programmes, East Africa"
    assert "<em>disengagement</em>" in profile.bio_html
    assert profile.visibility == "public" and profile.availability == ["mentoring"]
    assert [(x.language, x.level) for x in profile.languages.all()] == [("sw", "native")]
    assert [(x.title, x.year) for x in profile.links.all()] == [("Rehabilitation in practice", 2022)]
    page = member_client.get(URL).content.decode()
    assert "Rehabilitation in practice" in page and 'value="sw" selected' in page


def test_a_language_twice_is_refused_and_nothing_typed_is_lost(member_client, member):
    data = _form(**{"languages-1-language": "sw", "languages-1-level": "basic"})
    response = member_client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Each language once" in page
    assert "Prison rehabilitation programmes, East Africa" in page


def test_a_photo_is_stored_as_a_small_webp_without_its_gps_position(member_client, member):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (1.0, 17.0, 0.0)}  # GPSInfo: a latitude
    original = _picture(exif=exif)
    with Image.open(io.BytesIO(original)) as sent:
        assert sent.getexif().get_ifd(0x8825)  # the upload does carry a position
    upload = SimpleUploadedFile("holiday.jpg", original, content_type="image/jpeg")
    assert member_client.post(URL, _form(photo=upload)).status_code == 302
    profile = ExpertProfile.objects.get(user=member)
    with profile.photo.open("rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "WEBP"
        assert max(image.size) <= 480
        assert not image.getexif()
    assert b"CameraMaker" not in data
    assert profile.photo.name.endswith(".webp") and "holiday" not in profile.photo.name


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "me.jpg", "not a picture we accept"),
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "me.png", "not a picture we accept"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "broken.jpg", "could not be read"),
    ],
)
def test_a_fake_picture_gets_a_clear_message_and_the_rest_of_the_form_is_kept(
    member_client, member, content, name, message
):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = member_client.post(URL, _form(photo=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Prison rehabilitation programmes, East Africa" in page
    assert "Rehabilitation in practice" in page
    assert not ExpertProfile.objects.filter(user=member, headline__startswith="Prison").exists()


def test_a_picture_over_5_mb_is_refused(member_client, member):
    upload = SimpleUploadedFile(
        "big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_UPLOAD_BYTES, content_type="image/png"
    )
    response = member_client.post(URL, _form(photo=upload))
    assert "the limit is 5 MB" in response.content.decode()


def test_the_members_home_lists_what_the_profile_lacks_until_it_is_complete(member_client, member):
    page = member_client.get(reverse("network:members_home")).content.decode()
    assert "Complete your expert profile" in page and "a headline" in page
    upload = SimpleUploadedFile("me.png", _picture("PNG", (60, 60)), content_type="image/png")
    member_client.post(URL, _form(photo=upload))
    page = member_client.get(reverse("network:members_home")).content.decode()
    assert "Complete your expert profile" not in page
    assert URL in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"years_of_experience": "abc"},
        {"years_of_experience": "-1"},
        {"visibility": "everyone"},
        {"availability": ["cooking"]},
        {"pillars": ["9"]},
        {"themes": ["999999"]},
        {"headline": "x" * 5000},
        {"languages-0-language": "xx"},
        {"languages-0-level": ""},
        {"links-0-url": "javascript:alert(1)"},
        {"languages-TOTAL_FORMS": "1000000000"},
        {"links-TOTAL_FORMS": "abc"},
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(member_client, member, overrides):
    response = member_client.post(URL, _form(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary" role="alert"' in page
    assert not ExpertProfile.objects.filter(user=member, headline__startswith="Prison").exists()
