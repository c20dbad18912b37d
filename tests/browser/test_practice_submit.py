"""A member shares a good practice on a phone: a wrong period refused without losing the text, the language
detected from the text and shown for confirmation, then submitted; their practices list says it waits for the
moderators. axe checks every page in both directions (``new_page``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from practices.models import GoodPractice, PracticeStatus
from tests.browser.conftest import MOBILE, screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Des médiateurs communautaires accompagnent les jeunes des quartiers vulnérables vers l'emploi."


def test_a_member_shares_a_practice_on_a_phone(new_page, member):
    page = new_page(viewport=MOBILE)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.goto("/practices/submit/")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], "scrolls sideways"

    page.fill("input[name=title]", "Médiation communautaire à Tunis")
    page.fill("textarea[name=summary]", SUMMARY)
    page.fill("textarea[name=body]", "Quarante médiateurs formés dans six quartiers.")
    page.select_option("select[name=countries]", label="Tunisia")
    page.locator("input[name=pillars][value='1']").check()
    page.locator("input[name=themes]").first.check()
    page.fill("input[name=start_year]", "2021")
    page.fill("input[name=end_year]", "2019")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".error-summary")).to_contain_text("The end year comes before the start year.")
    expect(page.locator("textarea[name=summary]")).to_have_value(SUMMARY)
    screenshot(page, "practice-submit-refused")

    page.fill("input[name=end_year]", "2023")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("main")).to_contain_text("Detected: French — change if wrong.")
    expect(page.locator("#id_language")).to_have_value("fr")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("h1")).to_have_text("Your practices")
    expect(page.locator("main")).to_contain_text("Submitted")
    screenshot(page, "practice-mine")
    assert GoodPractice.objects.get().status == PracticeStatus.SUBMITTED
