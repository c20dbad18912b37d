"""The expert directory in a real browser, without JavaScript, at 360 px: a visitor sees public experts only
and finds a Chinese name by its pinyin; a member narrows by region and finds an Arabic-script name and an
accented name typed without accents; hidden and suspended experts never appear."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from network.models import Country, Membership, Theme
from network.visibility import Visibility
from tests.browser.conftest import MOBILE, assert_accessible, screenshot
from tests.conftest import PASSWORD
from tests.factories import ExpertProfileFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NADEGE = "Nadège Ouédraogo ★ Focal point"  # the name and its badge, as a card heading reads


@pytest.fixture
def experts():
    centre = OrganisationFactory(
        slug="icepcve",
        name="IGAD Centre of Excellence for Preventing and Countering Violent Extremism",
        acronym="ICEPCVE",
        is_centre_of_excellence=True,
        country=Country.objects.get(code="DJ"),
    )
    pcve = Theme.objects.get(slug="pcve")

    def make(name, code, visibility=Visibility.PUBLIC, **kwargs):
        return ExpertProfileFactory(
            user__full_name=name,
            membership__country=Country.objects.get(code=code),
            visibility=visibility,
            themes=[pcve],
            **kwargs,
        )

    return {
        "wang": make(
            "王伟", "CN", headline="Countering the financing of terrorism", languages=[("zh", "native")]
        ),
        "nadege": make(
            "Nadège Ouédraogo",
            "BF",
            Visibility.MEMBERS,
            headline="Community resilience in the Sahel",
            organisation=centre,
            membership__is_focal_point=True,
        ),
        "layla": make("لَيْلَى حَدَّاد", "JO", Visibility.MEMBERS, headline="Youth and online radicalisation"),
        "hidden": make("Hidden Herrera", "CO", Visibility.HIDDEN),
        "suspended": make("Suspended Sanchez", "PE", membership__status=Membership.Status.SUSPENDED),
    }


def result_names(page):
    return page.locator(".expert-card h2").all_inner_texts()


def test_directory_journey_visitor_then_member(new_page, experts, member):
    # A visitor on a phone, JavaScript off.
    page = new_page(viewport=MOBILE, java_script_enabled=False)
    page.goto("/experts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Expert directory")
    assert result_names(page) == ["王伟"]
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    screenshot(page, "directory-01-visitor-mobile")

    page.get_by_label("Search by name, topic or organisation").fill("Wang Wei")
    page.get_by_role("button", name="Show experts").click()
    assert result_names(page) == ["王伟"]
    expect(page.get_by_label("Search by name, topic or organisation")).to_have_value("Wang Wei")
    page.get_by_role("link", name="王伟").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("王伟")
    expect(page.get_by_text("Countering the financing of terrorism")).to_be_visible()

    # Members-only, hidden and suspended experts never reach a visitor: not by search, not by address.
    page.goto("/experts/?q=Ouedraogo")
    expect(page.get_by_text("No expert matches this search.")).to_be_visible()
    assert page.goto(f"/experts/{experts['nadege'].slug}/").status == 404
    page.goto("/organisations/icepcve/")
    expect(page.get_by_text("Centre of Excellence").first).to_be_visible()
    assert "Nadège" not in page.content()

    # A member signs in and sees members-only experts too, and narrows the list.
    page = new_page()
    page.goto("/accounts/login/?next=/experts/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Expert directory")
    assert sorted(result_names(page)) == sorted(["王伟", NADEGE, "لَيْلَى حَدَّاد"])
    assert_accessible(page)
    screenshot(page, "directory-02-member")

    page.locator("summary").get_by_text("Region", exact=True).click()
    page.get_by_label("Africa (1)", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    assert result_names(page) == [NADEGE]
    assert "region=africa" in page.url
    expect(page.get_by_text("Centre of Excellence").first).to_be_visible()
    screenshot(page, "directory-03-member-africa")

    page.goto("/experts/?q=ليلى+حداد")
    assert result_names(page) == ["لَيْلَى حَدَّاد"]
    page.goto("/experts/?q=nadege+ouedraogo")
    assert result_names(page) == [NADEGE]
    page.get_by_role("link", name="Nadège Ouédraogo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nadège Ouédraogo")
    assert page.goto(f"/experts/{experts['hidden'].slug}/").status == 404
    assert page.goto(f"/experts/{experts['suspended'].slug}/").status == 404
