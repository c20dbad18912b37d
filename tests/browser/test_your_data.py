"""A member at 360 px downloads their data, confirms it is them, and deletes their account; axe checks each page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from network.models import AccountDeletion, Membership, User
from tests.browser.conftest import MOBILE, screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_then_delete_the_account(new_page, live_server, make_membership):
    member = make_membership(
        status=Membership.Status.APPROVED, user__email="hamid@example.org", user__full_name="حامد الزين"
    ).user
    # Signed in a while ago (a session without a fresh sign-in): deletion must ask for the password again.
    client = Client()
    client.force_login(member)
    page = new_page(viewport=MOBILE)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    page.goto("/me/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    screenshot(page, "your-data-01-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data").click()
    download = download_info.value
    assert re.fullmatch(r"onse-your-data-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"] == {**data["account"], "email": "hamid@example.org", "full_name": "حامد الزين"}

    page.get_by_role("link", name="Delete your account…").click()
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    screenshot(page, "your-data-02-reauthenticate")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/me/data/delete/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert User.objects.filter(pk=member.pk).exists()
    screenshot(page, "your-data-03-confirm-error")

    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account has been deleted")
    screenshot(page, "your-data-04-deleted")
    assert not User.objects.filter(pk=member.pk).exists()
    assert AccountDeletion.objects.count() == 1

    page.goto("/members/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
