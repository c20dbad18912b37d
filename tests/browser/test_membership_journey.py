"""A newcomer signs up, verifies their email, applies; a moderator approves in the admin; they get in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from network.models import Membership
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import PASSWORD, totp_code_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "grace.wanjiku@example.org"


def _mail_link(pattern: str) -> str:
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            return found.group(0)
    raise AssertionError(f"no email matches {pattern}: {[m.subject for m in mail.outbox]}")


def test_signup_verify_apply_approve_enter(new_page, moderator, make_membership):
    make_membership(status=Membership.Status.APPROVED, user__full_name="Layla Haddad")

    # A visitor reads the home page and joins.
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Online Network of Southern Experts")
    assert_accessible(page)
    screenshot(page, "01-home")
    page.get_by_role("link", name="Join the network").first.click()
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    assert_accessible(page)
    screenshot(page, "02-signup")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    screenshot(page, "03-verification-sent")

    # The verification link from the email: one click to confirm, then the application form.
    page.goto(_mail_link(r"https?://\S+/accounts/confirm-email/\S+/"))
    screenshot(page, "04-confirm-email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for membership")

    # Submitting an incomplete form: an error summary, and nothing typed is lost.
    page.get_by_label("Full name").fill("Grace Wanjiku")
    page.get_by_label("Motivation").fill("Too short")
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Grace Wanjiku")
    expect(page.get_by_label("Motivation")).to_have_value("Too short")
    assert_accessible(page)
    screenshot(page, "05-application-errors")

    page.get_by_label("Country").select_option("KE")
    page.get_by_label("Organisation").fill("National Counter Terrorism Centre")
    page.get_by_label("Position").fill("Programme officer, county action plans")
    page.get_by_label("Youth engagement").check()
    page.get_by_label("Preventing and countering violent extremism").check()
    page.get_by_label("Motivation").fill(
        "I coordinate county action plans for countering violent extremism in Kenya and want to compare "
        "them with local strategies elsewhere in the global South."
    )
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your membership is pending")
    assert_accessible(page)
    screenshot(page, "06-pending")

    # Members-only content stays closed while pending.
    response = page.goto("/members/")
    assert response.status == 403
    expect(page.get_by_text("Layla Haddad")).to_have_count(0)

    # A moderator signs in with a TOTP code and approves from the queue with a note.
    staff = new_page()
    staff.goto("/admin/")
    staff.get_by_label("Email").fill(moderator.email)
    staff.locator("#id_password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign in", exact=True).click()
    code = totp_code_now()
    staff.locator("input[name=code]").fill(code)
    staff.get_by_role("button", name="Sign in", exact=True).click()
    staff.goto("/admin/network/membership/?status__exact=applied")
    row = staff.locator("tr", has_text=EMAIL)
    expect(row).to_contain_text("Kenya")
    screenshot(staff, "07-admin-queue")
    row.locator("input[name=_selected_action]").check()
    staff.locator("select[name=action]").select_option("approve")
    staff.locator("button[name=index]").click()
    staff.get_by_label("Note").fill("Welcome to the network, Grace.")
    screenshot(staff, "08-admin-confirm")
    staff.locator("input[type=submit]").click()
    expect(staff.locator(".messagelist")).to_contain_text("1 membership is now approved")
    screenshot(staff, "09-admin-approved")

    membership = Membership.objects.get(user__email=EMAIL)
    assert membership.status == Membership.Status.APPROVED
    assert membership.decided_by == moderator
    assert any(m.to == [EMAIL] and "Welcome to the network, Grace." in m.body for m in mail.outbox)

    # The new member's next request opens the members' home.
    page.goto("/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Grace Wanjiku")
    expect(page.get_by_text("Layla Haddad")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "10-members-home")


def test_arabic_home_is_right_to_left(new_page):
    page = new_page(locale="ar")
    page.goto("/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    screenshot(page, "11-home-ar")


def test_mobile_home_without_javascript(new_page):
    page = new_page(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("nojs@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("different-password-99")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_label("Email")).to_have_value("nojs@example.org")
    expect(page.locator(".error-summary")).to_be_visible()
    screenshot(page, "12-signup-mobile-nojs")
