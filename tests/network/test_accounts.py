from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import User
from tests.conftest import PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db


def _signup(client, email="new@example.org", language=None):
    if language:
        client.cookies["django_language"] = language
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_signup_requires_email_verification_before_anything_else(client):
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    # Not verified yet: signing in is refused with a pointer to the verification email.
    response = client.post(reverse("account_login"), {"login": "new@example.org", "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent")
    # Verifying (a POST, so mail scanners that follow links confirm nothing) signs in and leads to the form.
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == reverse("network:apply")


def test_signup_remembers_the_language_for_emails(client):
    _signup(client, language="es")
    assert User.objects.get(email="new@example.org").preferred_language == "es"
    assert "Confirm" not in mail.outbox[0].subject  # the verification email itself is in Spanish


def test_signup_does_not_reveal_that_an_address_is_registered(client, member):
    fresh = _signup(client, email="someone-new@example.org")
    client.logout()
    existing = _signup(client, email=member.email)
    assert existing.status_code == fresh.status_code == 302
    assert existing["Location"] == fresh["Location"]
    assert mail.outbox[-1].to == [member.email]  # the owner is told someone tried, the visitor is not


def test_password_reset_sends_a_link_only_to_known_addresses_without_saying_so(client, member):
    known = client.post(reverse("account_reset_password"), {"email": member.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert any("password" in m.body.lower() and m.to == [member.email] for m in mail.outbox)


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_without_mfa_must_enrol_before_the_admin_opens(client, make_user):
    staff = make_user(is_staff=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # Enrolment first asks for the password again (allauth's reauthentication), then shows the QR code.
    page = client.get(response["Location"], follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_staff_sign_in_asks_for_a_totp_code_then_opens_the_admin(client, moderator):
    response = client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(timezone.now().timestamp()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_members_can_enable_mfa(member_client):
    assert member_client.get(reverse("mfa_index")).status_code == 200


def test_a_password_change_is_announced_to_the_account_by_email(member):
    """If someone else changed it, the member learns of it at once (in their language, with the support address)."""
    from django.test import Client

    client = Client()
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    mail.outbox.clear()
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-88",
            "password2": "another-long-password-88",
        },
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "password" in mail.outbox[0].subject.lower()


def test_staff_without_two_factor_come_back_to_the_whole_admin_address(make_user):
    """The address they asked for travels intact through the two-factor set-up, query string included."""
    from urllib.parse import parse_qs, urlsplit

    from django.test import Client

    staff = make_user(is_staff=True)
    client = Client()
    client.force_login(staff)
    response = client.get("/admin/network/membership/", {"status__exact": "applied", "o": "1"})
    assert response.status_code == 302
    next_url = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    assert next_url == "/admin/network/membership/?status__exact=applied&o=1"
