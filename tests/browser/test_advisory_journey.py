"""Issue 12's journey in a real browser: a member asks the network for help (a request without its need and country
is refused with clear messages, everything typed kept), a moderator triages it in the admin, reads the ranked
suggestions with their reasons, invites two experts; one accepts from the emailed link, the other declines; the
requester sees who accepted (never who declined), the moderator starts and completes the work with its outcome and
the requester rates it. A member registers interest in a published offer and the offerer sees who did. The
requester and the experts browse on a phone; the pages they read are photographed in English and in Arabic (right
to left) and must not overflow 360 pixels. axe checks every page in both directions (``new_page``)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from advisory.models import AdvisoryRequest, InvitationStatus, Modality, RequestStatus
from experts.models import Availability, ExpertProfile
from network.models import Country, Pillar, Theme, User
from network.visibility import Visibility
from tests.browser.conftest import MOBILE, screenshot, sign_in, sign_in_admin
from tests.conftest import PASSWORD
from tests.factories import ExpertProfileFactory, OfferFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("files_in_tmp"),
]

TITLE = "Monitoring our county action plans on preventing violent extremism"
NEED = (
    "Our county teams need advice on **monitoring and evaluating** the action plans: which indicators, "
    "how often, and how to involve young people."
)
INSTITUTION = "National Counter Terrorism Centre, Nairobi"
OUTCOME = "Two remote workshops gave the county teams a shared set of twelve indicators."
WHAT_CHANGED = "All 47 counties now report on the same indicators every quarter."
OFFER_TITLE = "Training of trainers on youth engagement against violent extremism"
INTEREST = "Our county youth officers would take part in the next session."


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _expert(name: str, email: str, country: str, **kwargs: object) -> ExpertProfile:
    return ExpertProfileFactory(
        user__full_name=name,
        user__email=email,
        membership__country=Country.objects.get(code=country),
        **kwargs,
    )


@pytest.fixture
def experts() -> dict[str, ExpertProfile]:
    """Four profiles whose right order for a remote-advice request from Kenya on PCVE and youth, in French, is
    plain: both themes, French, a neighbour, available (Aïcha) > one theme, French, available (Bruno) > one theme
    and nothing else (Chen) > no theme at all, only the pillar, however well placed (Dalia)."""
    return {
        "aicha": _expert(
            "Aïcha Mwangi",
            "aicha@example.org",
            "UG",  # Eastern Africa, as Kenya
            themes=_themes("pcve", "youth"),
            languages=[("fr", "fluent")],
            availability=[Availability.ADVISORY],
        ),
        "bruno": _expert(
            "Bruno Kaboré",
            "bruno@example.org",
            "BF",
            themes=_themes("pcve"),
            languages=[("fr", "native")],
            availability=[Availability.ADVISORY],
        ),
        "chen": _expert("Chen Wei", "chen@example.org", "PH", themes=_themes("pcve")),
        "dalia": _expert(
            "Dalia Otieno",
            "dalia@example.org",
            "KE",
            pillars=[Pillar.CONDITIONS_CONDUCIVE],
            languages=[("fr", "fluent")],
            availability=[Availability.ADVISORY],
        ),
    }


def _language(page: Page, code: str) -> None:
    """The interface language, as the language switcher would set it (its cookie), then the page again."""
    host = page.url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "domain": host, "path": "/"}]
    )
    page.reload()


def _photograph(page: Page, name: str) -> None:
    """The current page (reached by GET) in English then in Arabic, right to left; it must fit the viewport."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    for code, direction, suffix in (("en", "ltr", ""), ("ar", "rtl", "-ar")):
        _language(page, code)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name}{suffix}: {overflow}px wide in a {width}px window"
        screenshot(page, f"{name}{suffix}")
    _language(page, "en")


def _admin_step(staff: Page, link: str, fill: dict[str, str] | None = None) -> None:
    """A step from the request's change page: the link next to History, then its note page."""
    staff.locator(".object-tools").get_by_role("link", name=link, exact=True).click()
    for selector, value in (fill or {}).items():
        staff.locator(selector).fill(value)
    staff.locator("input[type=submit].default").click()
    expect(staff.locator(".messagelist")).to_be_visible()


def _invitation_path(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email] and "/advisory/invitations/" in m.body)
    return re.search(r"/advisory/invitations/[^/\s]+/", message.body).group(0)


def _expert_rows(staff: Page) -> list[str]:
    rows = staff.locator("section[aria-labelledby=matching-experts-heading] tbody tr:has(td)")
    return [text.split("\n")[0].strip() for text in rows.all_inner_texts()]


def test_request_triage_invite_accept_complete_rate_and_an_offer_interest(
    new_page, member: User, moderator: User, experts: dict[str, ExpertProfile]
):
    kenya = Country.objects.get(code="KE")
    pcve, youth = Theme.objects.get(slug="pcve"), Theme.objects.get(slug="youth")
    aicha, bruno = experts["aicha"], experts["bruno"]

    # A member, on a phone, asks for help but forgets the need and the country.
    page = new_page(viewport=MOBILE)
    sign_in(page, member.email)
    page.goto("/advisory/requests/new/")
    _photograph(page, "advisory-request-form")
    page.get_by_label("Requesting institution").fill(INSTITUTION)
    page.locator("select[name=country]").select_option("")
    page.get_by_label("Your request in one line").fill(TITLE)
    page.locator(f"input[name=modality][value={Modality.REMOTE_ADVICE}]").check()
    page.locator(f"input[name=themes][value='{pcve.pk}']").check()
    page.locator(f"input[name=themes][value='{youth.pk}']").check()
    page.locator("input[name=pillars][value='1']").check()
    page.locator("input[name=languages][value=fr]").check()
    page.locator("input[name=confidentiality][value=matched]").check()
    page.get_by_role("button", name="Send the request").click()

    # Clear messages next to the fields, in the summary too; everything typed is still there.
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Say what you need, in your own words.")
    expect(summary).to_contain_text("Choose the country that needs the help.")
    expect(page.locator("main")).to_contain_text("Say what you need, in your own words.")
    expect(page.get_by_label("Your request in one line")).to_have_value(TITLE)
    expect(page.get_by_label("Requesting institution")).to_have_value(INSTITUTION)
    expect(page.locator(f"input[name=themes][value='{youth.pk}']")).to_be_checked()
    expect(page.locator("input[name=languages][value=fr]")).to_be_checked()
    expect(page.locator("input[name=confidentiality][value=matched]")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    screenshot(page, "advisory-request-form-errors")
    assert not AdvisoryRequest.objects.exists()

    # Complete, it is filed: the member lands on the request's page, told what happens next.
    page.locator("select[name=country]").select_option(label=kenya.name)
    page.get_by_label("The need, in your words").fill(NEED)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".messages, [role=status]").first).to_contain_text("has reached the network's staff")
    expect(page.locator(".status")).to_have_text("New")
    expect(page.locator("main")).to_contain_text("monitoring and evaluating")
    advisory_request = AdvisoryRequest.objects.get(title=TITLE)
    assert advisory_request.status == RequestStatus.NEW
    request_url = f"/advisory/requests/{advisory_request.pk}/"
    assert any(m.to == [member.email] for m in mail.outbox)  # "we received your request"

    # The moderator triages it from the queue (owner: themselves) and starts finding experts.
    staff = new_page()
    sign_in_admin(staff, moderator.email)
    staff.goto("/admin/advisory/advisoryrequest/")
    row = staff.locator("#result_list tr", has_text=TITLE)
    expect(row).to_contain_text("New")
    row.locator("input[name=_selected_action]").check()
    staff.locator("select[name=action]").select_option("triage")
    staff.locator("button[name=index]").click()
    staff.get_by_label("Note").fill("We will look for experts in the region who speak French.")
    staff.locator("input[type=submit].default").click()
    expect(staff.locator(".messagelist")).to_contain_text("now “Triaged”")
    staff.locator("#result_list").get_by_role("link", name=advisory_request.reference).click()
    _admin_step(staff, "Start finding experts")
    advisory_request.refresh_from_db()
    assert advisory_request.status == RequestStatus.MATCHING
    assert advisory_request.owner == moderator

    # The suggestions: best first, each with reasons that say why; a pillar alone comes last.
    staff.get_by_role("link", name="Suggestions and invitations").click()
    expect(staff.locator("h1, #content h1").first).to_contain_text("Suggestions and invitations")
    assert _expert_rows(staff) == ["Aïcha Mwangi", "Bruno Kaboré", "Chen Wei", "Dalia Otieno"]
    best = staff.locator("section[aria-labelledby=matching-experts-heading] tr", has_text="Aïcha Mwangi")
    for reason in ("2 matching themes", "speaks French", "same sub-region", "available for advisory"):
        expect(best.locator(".matching-reasons")).to_contain_text(reason)
    second = staff.locator("section[aria-labelledby=matching-experts-heading] tr", has_text="Bruno Kaboré")
    expect(second.locator(".matching-reasons")).to_contain_text("1 matching theme")
    expect(second.locator(".matching-reasons")).not_to_contain_text("same sub-region")
    expect(staff.locator(".matching-group")).to_contain_text("Sharing only a pillar")
    _photograph(staff, "advisory-suggestions")

    # She invites the two best with the brief the page proposes.
    staff.locator(f"#expert-{aicha.pk}").check()
    staff.locator(f"#expert-{bruno.pk}").check()
    staff.get_by_role("button", name="Invite the selected").click()
    expect(staff.locator(".messagelist")).to_contain_text("Invited:")
    invited = staff.locator("section[aria-labelledby=matching-invited-heading]")
    expect(invited).to_contain_text("Aïcha Mwangi")
    expect(invited).to_contain_text("Bruno Kaboré")
    assert _expert_rows(staff) == ["Chen Wei", "Dalia Otieno"]

    # Aïcha opens the emailed link on her phone: she signs in and comes back to the invitation, then accepts.
    expert = new_page(viewport=MOBILE)
    expert.goto(_invitation_path(aicha.user.email))
    expert.fill("input[name=login]", aicha.user.email)
    expert.fill("input[name=password]", PASSWORD)
    expert.locator("main form button[type=submit]").first.click()
    expect(expert.locator("h1")).to_have_text("Invitation to help with an advisory request")
    expect(expert.locator("main")).to_contain_text(TITLE)  # the requester let invited experts read it
    _photograph(expert, "advisory-invitation")
    expert.get_by_label("A note for the network's staff (optional)").fill("Available from next month.")
    expert.get_by_role("button", name="Accept", exact=True).click()
    expect(expert.locator("main")).to_contain_text("you accepted")
    expect(expert.get_by_role("button", name="Accept", exact=True)).to_have_count(0)

    # Bruno declines from his.
    other = new_page(viewport=MOBILE)
    sign_in(other, bruno.user.email)
    other.goto(_invitation_path(bruno.user.email))
    other.get_by_role("button", name="Decline", exact=True).click()
    expect(other.locator("main")).to_contain_text("You declined")
    assert {i.expert_id: i.status for i in advisory_request.invitations.all()} == {
        aicha.pk: InvitationStatus.ACCEPTED,
        bruno.pk: InvitationStatus.DECLINED,
    }

    # The moderator sees both answers on the suggestions page.
    staff.reload()
    expect(invited.locator("tr", has_text="Aïcha Mwangi")).to_contain_text("Accepted")
    expect(invited.locator("tr", has_text="Bruno Kaboré")).to_contain_text("Declined")

    # The requester sees who accepted, and nothing of who declined.
    page.goto(request_url)
    working = page.locator("section[aria-labelledby=experts-heading]")
    expect(working).to_contain_text("Aïcha Mwangi")
    expect(page.locator("main")).not_to_contain_text("Bruno")
    expect(page.locator(".next-step")).to_contain_text("finding experts")

    # The moderator starts the work, then completes it with its outcome.
    staff.get_by_role("link", name="Back to the request").click()
    _admin_step(staff, "Start the work")
    _admin_step(staff, "Complete", {"textarea[name=outcome_summary]": OUTCOME})
    advisory_request.refresh_from_db()
    assert advisory_request.status == RequestStatus.COMPLETED
    assert advisory_request.outcome_summary == OUTCOME

    # The requester reads the outcome and rates it; the page then shows the rating and thanks.
    page.goto(request_url)
    expect(page.locator(".status")).to_have_text("Completed")
    expect(page.locator("main")).to_contain_text(OUTCOME)
    page.get_by_role("link", name="Rate the help you received").click()
    page.get_by_label("5 — It changed a lot").check()
    page.get_by_label("What changed thanks to it?").fill(WHAT_CHANGED)
    page.get_by_role("button", name="Send my rating").click()
    expect(page.locator("main")).to_contain_text("Your rating: 5 out of 5")
    expect(page.locator("main")).to_contain_text(WHAT_CHANGED)
    expect(page.get_by_role("link", name="Rate the help you received")).to_have_count(0)
    _photograph(page, "advisory-request")
    advisory_request.refresh_from_db()
    assert advisory_request.rating == 5

    # A member registers interest in a published offer; the offerer sees who did, with the message.
    offerer = ExpertProfileFactory(user__full_name="Farida Haddad", user__email="farida@example.org")
    OfferFactory(
        title=OFFER_TITLE,
        offered_by=offerer.user,
        themes=["youth"],
        visibility=Visibility.PUBLIC,
        languages=["en", "ar"],
    )
    page.goto("/advisory/offers/")
    expect(page.locator("main")).to_contain_text(OFFER_TITLE)
    _photograph(page, "advisory-offers")
    page.get_by_role("link", name=OFFER_TITLE).click()
    page.get_by_label("Message to the offerer").fill(INTEREST)
    page.get_by_role("button", name="Register my interest").click()
    expect(page.locator("main")).to_contain_text("Your interest is registered")
    expect(page.get_by_role("button", name="Withdraw my interest")).to_be_visible()

    owner = new_page(viewport=MOBILE)
    sign_in(owner, offerer.user.email)
    owner.goto(page.url)
    interests = owner.locator("section[aria-labelledby=interests-heading]")
    expect(interests).to_contain_text("1 member registered interest")
    expect(interests).to_contain_text(member.display_name)
    expect(interests).to_contain_text(INTEREST)
    # The requester's request stays theirs: the offerer (a member) cannot open it.
    assert owner.request.get(request_url).status == 404
