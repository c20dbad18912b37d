"""The sign-in limits of docs/security.md, each tried the way a member, a stranger or a guesser would."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Dozens of password checks per test: hash the way the suite's users are created, but cheaply."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    """Move the rate limits' clock forward: ``clock(301)`` is five minutes and a second later."""
    real_time = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real_time() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


OFFICE = "198.51.100.7"  # one public address shared by a whole ministry (NAT)
ELSEWHERE = "203.0.113.9"


def _sign_in(client: Client, email: str, password: str, address: str = OFFICE):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address)


def _mistype(client: Client, email: str, times: int, address: str = OFFICE) -> None:
    for _ in range(times):
        response = _sign_in(client, email, "wrong-password", address)
        assert response.status_code == 200
        assert "not correct" in response.content.decode()


def _assert_refused_with_wait(response, max_seconds: int) -> int:
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= max_seconds
    minutes = -(-retry_after // 60)
    unit = "minute" if minutes == 1 else "minutes"
    assert f"Too many failed attempts for this account. Try again in {minutes} {unit}." in (
        response.content.decode().replace("&#x27;", "'")
    )
    return retry_after


def test_five_mistakes_make_the_member_wait_minutes_told_how_long_with_429(client, member):
    _mistype(client, member.email, 5)
    response = _sign_in(client, member.email, PASSWORD)  # even the right password waits now
    assert _assert_refused_with_wait(response, 300) > 240
    assert "_auth_user_id" not in client.session


def test_after_the_wait_the_member_signs_in(client, member, clock):
    _mistype(client, member.email, 5)
    clock(301)
    assert _sign_in(client, member.email, PASSWORD).status_code == 302


def test_one_persons_failures_never_lock_other_accounts_behind_the_same_address(client, make_user):
    careless, colleague = make_user(), make_user()
    _mistype(client, careless.email, 5)
    assert _sign_in(client, careless.email, PASSWORD).status_code == 429
    # A colleague behind the same NAT can still mistype (and be told so), then sign in.
    other = Client()
    _mistype(other, colleague.email, 4)
    assert _sign_in(other, colleague.email, PASSWORD).status_code == 302


def test_a_stranger_at_one_address_cannot_lock_a_member_out(client, member, clock):
    stranger = Client()
    for _round in range(5):  # keeps trying as fast as the limit lets them, for 25 minutes
        _mistype(stranger, member.email, 5, address=ELSEWHERE)
        assert _sign_in(stranger, member.email, "guess", address=ELSEWHERE).status_code == 429
        assert _sign_in(client, member.email, PASSWORD).status_code == 302
        client.logout()
        clock(301)


def test_guesses_spread_over_many_addresses_are_stopped_for_the_account(client, member):
    for n in range(4):
        _mistype(Client(), member.email, 5, address=f"192.0.2.{n + 1}")
    response = _sign_in(client, member.email, PASSWORD, address="192.0.2.200")
    _assert_refused_with_wait(response, 600)


def test_a_successful_sign_in_does_not_count_as_a_failure(client, member):
    for _ in range(6):
        assert _sign_in(Client(), member.email, PASSWORD).status_code == 302
    _mistype(client, member.email, 5)  # still five tries left


def test_the_per_address_sign_in_brake_answers_429_with_retry_after(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        _sign_in(client, "someone@example.org", "x")
    response = _sign_in(client, "someone@example.org", "x")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many attempts" in response.content.decode()


def _totp(offset: int = 0) -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(timezone.now().timestamp()) // 30 + offset))


def _second_step(client: Client, code: str, address: str = OFFICE):
    return client.post(reverse("mfa_authenticate"), {"code": code}, REMOTE_ADDR=address)


def test_staff_password_step_is_limited_like_every_account(client, moderator):
    _mistype(client, moderator.email, 5)
    _assert_refused_with_wait(_sign_in(client, moderator.email, PASSWORD), 300)


def test_staff_second_step_is_limited_like_the_password_step(client, moderator):
    assert _sign_in(client, moderator.email, PASSWORD)["Location"] == reverse("mfa_authenticate")
    for _ in range(5):
        wrong = _second_step(client, "000000")
        assert wrong.status_code == 200 and "Incorrect code" in wrong.content.decode()
    _assert_refused_with_wait(_second_step(client, _totp()), 300)
    assert client.get("/admin/").status_code == 302  # not signed in


def test_staff_second_step_guesses_from_many_addresses_are_stopped(client, moderator):
    assert _sign_in(client, moderator.email, PASSWORD)["Location"] == reverse("mfa_authenticate")
    for n in range(20):
        _second_step(client, "000000", address=f"192.0.2.{n // 5 + 1}")
    _assert_refused_with_wait(_second_step(client, _totp(), address="192.0.2.200"), 600)


def test_staff_right_code_after_a_few_mistakes_opens_the_admin(client, moderator):
    _sign_in(client, moderator.email, PASSWORD)
    for _ in range(3):
        _second_step(client, "000000")
    assert _second_step(client, _totp()).status_code == 302
    assert client.get("/admin/").status_code == 200
