"""Account pages read like the rest of the portal: none of allauth's stock Title Case wording is left."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STOCK = [
    "Remember Me",
    "Sign In",
    "Sign Up",
    "Signup",
    "Password Reset",
    "Reset My Password",
    "Change Password",
    "Set Password",
    "Current Password",
    "New Password",
    "Email Addresses",
    "Add Email",
    "Make Primary",
    "Re-send Verification",
    "Two-Factor",
    "Authenticator App",
    "Recovery Codes",
    "Confirm Access",
    "Menu:",
]


def _main(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    return (
        html[html.index("<main") : html.index("</main>")]
        + html[html.index("<title>") : html.index("</title>")]
    )


def _assert_portal_wording(html: str) -> None:
    for stock in STOCK:
        assert stock not in html
    assert 'class="button' in html or "<button" in html


@pytest.mark.parametrize("url_name", ["account_login", "account_signup", "account_reset_password"])
def test_visitor_account_pages(client, url_name):
    html = _main(client.get(reverse(url_name)))
    _assert_portal_wording(html)


def test_sign_in_offers_keep_me_signed_in(client):
    html = _main(client.get(reverse("account_login")))
    assert "Keep me signed in on this device" in html
    assert 'placeholder="' not in html


@pytest.mark.parametrize(
    "url_name", ["account_email", "account_change_password", "mfa_index", "mfa_activate_totp"]
)
def test_member_account_pages(client, member, url_name):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = _main(client.get(reverse(url_name)))
    _assert_portal_wording(html)
    assert 'class="subnav"' in html


def test_the_details_page_sits_in_the_account_navigation(member_client):
    html = member_client.get(reverse("network:member_details")).content.decode()
    assert 'aria-current="page">Your details' in html
    assert reverse("account_email") in html and reverse("mfa_index") in html
