"""Headers, methods, robots.txt, favicon, the 2FA reminder and which email addresses may sign up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from network.adapters import is_browser_valid_email
from tests.conftest import PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db


def test_browser_features_we_never_use_are_switched_off(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND"])
def test_unused_methods_are_refused_with_405(client, method):
    response = client.generic(method, "/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_the_methods_pages_use_still_work(client):
    assert client.get("/").status_code == 200
    assert client.head("/").status_code == 200
    assert client.options("/about/").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "fr", "next": "/"}).status_code == 302


def test_language_cookie_is_same_site_lax(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]


def _production_setting(name: str) -> str:
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "onse.example.org",
        "EMAIL_URL": "smtp://smtp.example.org:25",
        "PATH": "/usr/bin:/bin",
    }
    code = f"import network.settings as s; print(repr(s.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return result.stdout.strip()


def test_language_cookie_is_secure_in_production():
    assert _production_setting("LANGUAGE_COOKIE_SECURE") == "True"
    assert _production_setting("LANGUAGE_COOKIE_SAMESITE") == "'Lax'"


def test_robots_txt_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    disallowed = {
        line.split(": ", 1)[1]
        for line in response.content.decode().splitlines()
        if line.startswith("Disallow")
    }
    assert {"/members/", "/me/", "/membership/", "/accounts/", "/admin/"} <= disallowed
    assert "/" not in disallowed and "/about/" not in disallowed


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert client.head("/favicon.ico").status_code == 302
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_the_dev_outbox_does_not_exist_without_debug_even_for_staff(urlconf_with_debug, moderator_client):
    urlconf_with_debug(False)
    with pytest.raises(NoReverseMatch):  # not hidden behind a check: the URL does not exist at all
        reverse("network:outbox_list")
    assert moderator_client.get("/dev/outbox/").status_code == 404
    assert moderator_client.get("/dev/outbox/some-id/").status_code == 404
    urlconf_with_debug(True)
    assert moderator_client.get("/dev/outbox/").status_code == 200


# --- Two-factor reminder on the members' home --------------------------------------------------------


@pytest.fixture
def staff_member(make_membership):
    user = make_membership(status="approved", user__is_staff=True).user
    client = Client()
    client.force_login(user)
    return user, client


def test_staff_without_an_authenticator_are_asked_to_set_one_up(staff_member):
    _user, client = staff_member
    page = client.get(reverse("network:members_home")).content.decode()
    assert "Set up two-factor authentication" in page


def test_staff_with_an_authenticator_are_not_asked_again(staff_member):
    user, client = staff_member
    TOTP.activate(user, TOTP_SECRET)
    page = client.get(reverse("network:members_home")).content.decode()
    assert "Set up two-factor authentication" not in page
    assert 'href="/accounts/2fa/"' in page  # still a way to manage it


# --- Addresses the sign-in form accepts ---------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ['"<script>alert(1)</script>"@example.org', '"john..doe"@example.org', '"a@b"@example.org']
)
def test_signup_refuses_addresses_the_sign_in_form_would_refuse(client, email):
    """Quoted local parts pass Django's validator but not the browser's <input type=email>."""
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert "could not be used to sign in" in response.content.decode()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()


@pytest.mark.parametrize(
    "email", ["o'brien+onse@example.org", "a.b@sub.example-ministry.gov.ke", "x@bücher.example"]
)
def test_browser_valid_addresses_still_sign_up(client, email):
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email__iexact=email).exists()


def test_adding_an_address_follows_the_same_rule(member_client):
    response = member_client.post(
        reverse("account_email"), {"action_add": "", "email": '"quoted"@example.org'}
    )
    assert "could not be used to sign in" in response.content.decode()
    response = member_client.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"})
    assert response.status_code == 302


def test_the_rule_is_the_whatwg_one():
    assert is_browser_valid_email("first.last@example.org")
    assert is_browser_valid_email("a@localhost")
    assert not is_browser_valid_email("@example.org")
    assert not is_browser_valid_email("a@example.org.")
