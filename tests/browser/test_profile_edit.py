"""A member completes their expert profile on a phone: the nudge, the form at 360 px, a half-filled language
row refused without losing what was typed, then saved. axe checks every page (``new_page``).

(Photo uploads are covered in tests/experts/test_profile_edit.py: the axe watcher re-sends each document
request with ``route.fetch``, which does not carry a multipart file body.)
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from experts.models import ExpertProfile
from tests.browser.conftest import MOBILE, screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Prison rehabilitation programmes, East Africa"


def test_a_member_completes_their_profile_on_a_phone(new_page, member):
    page = new_page(viewport=MOBILE)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.goto("/members/")
    expect(page.locator("#profile-nudge")).to_be_visible()
    page.locator("a[href='/experts/me/edit/']").first.click()
    expect(page.locator("h1")).to_have_text("Your expert profile")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], "scrolls sideways"

    page.fill("input[name=headline]", HEADLINE)
    page.fill("textarea[name=bio]", "Ten years of **disengagement** work.")
    page.select_option("select[name='languages-0-language']", "sw")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary").last).to_contain_text("languages or links")
    expect(page.locator("main")).to_contain_text("Choose both a language and your level")
    expect(page.locator("input[name=headline]")).to_have_value(HEADLINE)
    screenshot(page, "profile-edit-language-refused")

    page.select_option("select[name='languages-0-level']", "native")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Your profile has been saved")
    profile = ExpertProfile.objects.get(user=member)
    assert profile.headline == HEADLINE
    assert [(x.language, x.level) for x in profile.languages.all()] == [("sw", "native")]
