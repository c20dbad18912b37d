"""Issue 9's journey in a real browser: a member submits a practice, a moderator asks for changes in the admin,
the member revises and resubmits, the moderator publishes; a visitor then finds it by facet, by a search in its
own language and in the country-by-theme matrix, in the Atom feed and the open-data export, and downloads its file. A members-only
practice never reaches the visitor. axe checks every page in both directions (``new_page``)."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from network.attachments import attachment_prepare
from network.models import Theme
from network.visibility import Visibility
from practices.models import GoodPractice, PracticeStatus
from practices.services.attachments import practice_attachments_add
from tests.browser.conftest import screenshot, sign_in, sign_in_admin
from tests.factories import GoodPracticeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("files_in_tmp"),
]

PDF_BYTES = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
TITLE = "Strategic communications workshops for the national action plan"
SECRET_TITLE = "Confidential deradicalisation referral protocol"


def _moderate(staff: Page, action: str, note: str) -> None:
    staff.goto("/admin/practices/goodpractice/")
    expect(staff.locator("#result_list")).to_contain_text(TITLE)
    row = staff.locator("tr", has_text=TITLE)
    row.locator("input[name=_selected_action]").check()
    staff.locator("select[name=action]").select_option(action)
    staff.locator("button[name=index]").click()
    staff.get_by_label("Note").fill(note)
    staff.locator("input[type=submit]").click()
    expect(staff.locator(".messagelist")).to_be_visible()


def test_submit_moderate_revise_publish_then_a_visitor_finds_it(new_page, member, moderator):
    GoodPracticeFactory(
        title=SECRET_TITLE,
        visibility=Visibility.MEMBERS,
        countries=["PH"],
        themes=["strategic-communications"],
    )

    # A member writes and submits a practice.
    page = new_page()
    sign_in(page, member.email)
    page.goto("/practices/submit/")
    page.fill("input[name=title]", TITLE)
    page.fill(
        "textarea[name=summary]",
        "Three workshops helped national agencies design communications for the action plan.",
    )
    page.fill(
        "textarea[name=body]",
        "Officials from **twelve agencies** drafted key messages and tested them with civil society partners.",
    )
    page.select_option("select[name=countries]", label="Philippines")
    page.locator("input[name=pillars][value='1']").check()
    stratcom = Theme.objects.get(slug="strategic-communications")
    page.locator(f"input[name=themes][value='{stratcom.pk}']").check()
    page.fill("input[name=start_year]", "2022")
    # A program posing as a PDF is refused by its bytes; everything typed stays.
    page.locator("input[name=attachments-upload]").set_input_files(
        {"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 64}
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("main")).to_contain_text("“evaluation.pdf”")
    expect(page.locator("input[name=title]")).to_have_value(TITLE)
    page.locator("input[name=attachments-upload]").set_input_files(
        {"name": "evaluation.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("main")).to_contain_text("Detected: English")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("h1")).to_have_text("Your practices")
    practice = GoodPractice.objects.get(title=TITLE)
    assert practice.status == PracticeStatus.SUBMITTED

    # The moderator asks for changes in the admin queue, with a note.
    staff = new_page()
    sign_in_admin(staff, moderator.email)
    _moderate(staff, "request_changes", "Please add what the workshops changed.")
    screenshot(staff, "practice-admin-changes-requested")
    changes_mail = next(
        m for m in mail.outbox if m.to == [member.email] and "add what the workshops" in m.body
    )
    edit_path = re.search(r"/practices/[\w-]+/edit/", changes_mail.body).group(0)

    # The member revises from the emailed link and resubmits; the note is on the page.
    page.goto(edit_path)
    expect(page.locator("main")).to_contain_text("Please add what the workshops changed.")
    page.fill("textarea[name=outcomes]", "Nine agencies adopted a joint messaging calendar.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("h1")).to_have_text("Your practices")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert practice.versions.count() == 2

    # The moderator publishes.
    _moderate(staff, "publish", "")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED

    # A visitor finds it by facet …
    visitor = new_page()
    visitor.goto("/practices/")
    expect(visitor.locator("main")).not_to_contain_text(SECRET_TITLE)
    visitor.locator("details.facet", has_text="Country").locator("summary").click()
    visitor.get_by_label(re.compile(r"^Philippines")).check()
    visitor.get_by_role("button", name=re.compile("Apply")).first.click()
    expect(visitor.locator("main")).to_contain_text(TITLE)
    expect(visitor.locator("main")).not_to_contain_text(SECRET_TITLE)
    screenshot(visitor, "practice-list-facet")

    # … by a search in its own language (English stemming: "communication" finds "communications") …
    visitor.goto("/practices/?q=communication")
    expect(visitor.locator("main")).to_contain_text(TITLE)
    visitor.goto("/practices/?q=deradicalisation")
    expect(visitor.locator("main")).not_to_contain_text(SECRET_TITLE)

    # … in the country-by-theme matrix, where the cell counts only what a visitor may see …
    visitor.goto("/practices/matrix/")
    cell = visitor.locator("tr", has_text="Philippines").get_by_role("link", name="1")
    expect(cell).to_have_count(1)
    cell.click()
    expect(visitor.locator("main")).to_contain_text(TITLE)
    screenshot(visitor, "practice-matrix-cell")

    # … and on its page, with the feed and the open-data export carrying it and not the members-only one.
    visitor.get_by_role("link", name=TITLE).first.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("Nine agencies adopted a joint messaging calendar.")
    href = visitor.locator(".attachments a").first.get_attribute("href")
    download = visitor.request.get(href)
    assert download.status == 200 and download.body() == PDF_BYTES
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment;")
    feed = visitor.request.get("/practices/feed/").text()
    assert TITLE in feed and SECRET_TITLE not in feed
    export = json.loads(visitor.request.get("/practices/export.json").text())
    titles = [row["title"] for row in export["practices"]]
    assert TITLE in titles and SECRET_TITLE not in titles
    secret = GoodPractice.objects.get(title=SECRET_TITLE)
    assert visitor.request.get(f"/practices/{secret.slug}/").status == 404
    secret_file = practice_attachments_add(
        practice=secret,
        prepared=[attachment_prepare(SimpleUploadedFile("protocol.pdf", PDF_BYTES))],
        actor=moderator,
    )[0]
    assert visitor.request.get(f"/practices/{secret.slug}/attachments/{secret_file.pk}/").status == 404
