"""Every account page at 360 px, in English and Arabic: read like the portal, checked by axe, photographed.

Selectors use ids and names only, so the same walk runs in both languages; axe runs on every page through
the ``new_page`` fixture (tests/browser/conftest.py), in both directions.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from network.models import Membership
from tests.browser.conftest import MOBILE, AxeChecker, AxeWatch, screenshot, serious_violations
from tests.conftest import PASSWORD, totp_code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STOCK_WORDING = ["Remember Me", "Sign In", "Sign Up", "Password Reset", "Two-Factor", "Recovery Codes"]


def _mobile_page(new_page, base_url: str, language: str) -> Page:
    page = new_page(viewport=MOBILE, locale=language)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    return page


class Walk:
    def __init__(self, page: Page, language: str) -> None:
        self.page, self.language, self.count = page, language, 0

    def shot(self, name: str) -> None:
        """A page of the walk: right direction, no overflow at 360 px, no stock allauth wording; a screenshot."""
        page = self.page
        expected = "rtl" if self.language == "ar" else "ltr"
        assert page.locator("html").get_attribute("dir") == expected
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], (
            f"{name} scrolls sideways"
        )
        expect(page.locator("h1")).to_have_count(1)
        if self.language == "en":
            text = page.locator("main").inner_text()
            for stock in STOCK_WORDING:
                assert stock not in text, f"{name}: allauth's {stock!r}"
        self.count += 1
        screenshot(page, f"account-{self.language}-{self.count:02d}-{name}")

    def submit(self) -> None:
        self.page.locator("main form button[type=submit]").first.click()


def _mail_link(pattern: str) -> str:
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            return found.group(0)
    raise AssertionError(f"no email matches {pattern}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_account_page(new_page, live_server, make_membership, language):
    member = make_membership(
        status=Membership.Status.APPROVED, user__email="amina@example.org", user__full_name="Amina Diallo"
    ).user
    page = _mobile_page(new_page, live_server.url, language)
    walk = Walk(page, language)

    # A visitor: sign-up, sign-in (with a wrong password first), the privacy page.
    page.goto("/accounts/signup/")
    walk.shot("signup")
    page.goto("/accounts/login/")
    walk.shot("login")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill("not-the-password")
    walk.submit()
    expect(page.locator(".error-summary")).to_be_visible()
    walk.shot("login-error")
    page.goto("/privacy/")
    walk.shot("privacy")

    # Password reset, every step.
    page.goto("/accounts/password/reset/")
    walk.shot("password-reset")
    page.locator("#id_email").fill(member.email)
    walk.submit()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    walk.shot("password-reset-done")
    page.goto(_mail_link(r"https?://\S+/accounts/password/reset/key/\S+/"))
    walk.shot("password-reset-from-key")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    walk.submit()
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))
    walk.shot("password-reset-done-changed")

    # A member signs in and goes through their account pages.
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    walk.submit()
    expect(page).to_have_url(re.compile(r"/members/$"))
    walk.shot("members-home")
    page.goto("/members/details/")
    walk.shot("details")
    page.locator("#id_organisation").fill("مركز الحوار")  # Arabic text in either form keeps its direction
    walk.submit()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("#id_organisation")).to_have_attribute("dir", "auto")
    walk.shot("details-saved")
    page.goto("/accounts/email/")
    walk.shot("email")
    page.goto("/accounts/password/change/")
    walk.shot("password-change")
    page.goto("/accounts/2fa/")
    walk.shot("mfa-index")

    # Two-factor authentication: reauthenticate, activate, recovery codes, deactivate (not confirmed).
    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        walk.shot("reauthenticate")
        page.locator("#id_password").fill(PASSWORD)
        walk.submit()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    walk.shot("totp-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code_now(secret))
    walk.submit()
    page.goto("/accounts/2fa/recovery-codes/")
    walk.shot("recovery-codes")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) >= 2
    page.goto("/accounts/2fa/recovery-codes/generate/")
    walk.shot("recovery-codes-generate")
    page.goto("/accounts/2fa/totp/deactivate/")
    walk.shot("totp-deactivate")
    page.goto("/accounts/2fa/")
    walk.shot("mfa-index-active")

    # Sign out, and back in through the second step with a recovery code.
    page.goto("/accounts/logout/")
    walk.shot("logout")
    walk.submit()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    walk.submit()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    walk.shot("mfa-authenticate")
    page.locator("#id_code").fill(codes[0])
    walk.submit()
    expect(page).to_have_url(re.compile(r"/members/$"))


def test_the_watch_checks_each_page_in_both_directions(new_page, live_server, axe_watch: AxeWatch):
    page = new_page()
    page.goto("/about/")
    assert axe_watch.pages_checked == 2  # as loaded (English) and in Arabic
    assert {language for _url, language, _session in axe_watch.checked} == {"ar"}
    arabic = new_page(locale="ar")
    arabic.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    arabic.goto("/about/")
    assert {language for _url, language, _session in axe_watch.checked} == {"ar", "en"}


def test_a_serious_violation_is_found(new_page):
    """The check is not a formality: an unlabelled field and an image without text are reported."""
    page = new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')
    found = " ".join(serious_violations(page))
    assert "image-alt" in found
    assert "label" in found


def test_a_document_is_rendered_once_and_its_violations_reported_at_every_load(browser, live_server):
    """The watch remembers verdicts by document: the same bytes (another CSRF token aside) at the same address
    are not rendered again, yet each load still reports what the first check found; any other change is
    checked afresh."""
    checker = AxeChecker(browser=browser, verdicts={})
    watch = AxeWatch(checker=checker, base_url=live_server.url)
    url = f"{live_server.url}/not-a-page/"
    token = b'<input type="hidden" name="csrfmiddlewaretoken" value="first">'
    bad = b'<html lang="en"><body><main><form>' + token + b'<img src="x.png"></form></main></body></html>'
    state: dict = {"cookies": [], "origins": []}
    try:
        watch._check_as_loaded(url, 200, bad, state, MOBILE)
        watch._check_as_loaded(url, 200, bad.replace(b"first", b"second"), state, MOBILE)
        assert (checker.renders, watch.pages_checked) == (1, 2)
        assert sum("image-alt" in failure for failure in watch.failures) == 2
        watch._check_as_loaded(url, 200, bad.replace(b"<main>", b"<main><h1>Changed</h1>"), state, MOBILE)
        watch._check_as_loaded(url, 200, bad, state, {"width": 1100, "height": 800})
        assert checker.renders == 3
    finally:
        checker.close()
