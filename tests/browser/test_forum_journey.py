"""Issue 10's journey in a real browser: two members converse — one starts a thread, the other replies with an
@mention — the first sees it unread, jumps to the first unread post and finds the notification; a member flags
the post, the moderator upholds the flag in the admin queue (the post is hidden, its author emailed the note); a
time-boxed e-discussion closes on its date and refuses replies. A visitor, an applicant and a suspended member
reach no forum content. axe checks every page in both directions (``new_page``)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Category, FlagStatus, Post, PostAttachment, PostStatus, ThreadStatus
from forums.services.consultations import consultation_open
from forums.services.posting import post_reply
from forums.tasks import consultations_close_due
from network.attachments import attachment_create, attachment_prepare
from network.models import Membership, User
from tests.browser.conftest import MOBILE, screenshot, sign_in, sign_in_admin
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("files_in_tmp"),
]

TITLE = "Peer mentoring for young people leaving detention"
HIDE_NOTE = "Personal details of a participant: please write again without them."


@pytest.fixture
def amina(member: User) -> User:
    ExpertProfileFactory(user=member, slug="amina-yusuf")
    return member


@pytest.fixture
def omar(make_membership) -> User:
    user = make_membership(status=Membership.Status.APPROVED, user__email="omar@example.org").user
    ExpertProfileFactory(user=user, slug="omar-haddad")
    return user


def test_two_members_converse_a_flag_hides_a_post_and_an_e_discussion_closes(
    new_page, amina, omar, moderator
):
    # Amina starts a thread in a category.
    first = new_page()
    sign_in(first, amina.email)
    expect(first.locator("input[name=login]")).to_have_count(0)
    first.goto("/discussions/youth/")
    first.get_by_role("link", name="Start a thread").click()
    first.get_by_label("Title").fill(TITLE)
    first.get_by_label("Your message").fill("How do your programmes pair **mentors** with young people?")
    first.get_by_role("button", name="Start the discussion").click()
    expect(first.locator("h1")).to_have_text(TITLE)
    thread_url = first.url.split("#")[0]

    # Omar replies and mentions her.
    second = new_page()
    sign_in(second, omar.email)
    second.goto(thread_url)
    second.get_by_label("Your reply").fill(
        "@amina-yusuf we pair each young person with a former participant."
    )
    second.get_by_role("button", name="Send reply").click()
    expect(second.locator("article", has_text="former participant")).to_be_visible()

    # Amina sees it unread, jumps to the first unread post and finds the notification.
    first.goto("/discussions/youth/")
    row = first.locator(".thread-row", has_text=TITLE)
    expect(row).to_have_class(re.compile(r"\bis-unread\b"))
    expect(row.locator(".badge-new")).to_contain_text("1")
    screenshot(first, "forum-category")
    expect(first.locator(".badge-count")).to_contain_text("1")
    first.goto(thread_url)
    first.get_by_role("link", name="Jump to the first unread post").click()
    expect(first).to_have_url(re.compile(r"#post-2$"))
    first.get_by_role("link", name="Notifications").first.click()
    expect(first.locator("main")).to_contain_text(TITLE)
    screenshot(first, "forum-notifications")
    first.goto(thread_url)
    screenshot(first, "forum-thread")

    # A member flags Omar's post with a reason; the moderator upholds the flag from the queue.
    first.locator("#post-2").get_by_role("link", name="Flag").click()
    first.locator("input[value=personal-data]").check()
    first.get_by_label("Details").fill("It names a participant.")
    first.get_by_role("button", name="Send to the moderators").click()

    staff = new_page()
    sign_in_admin(staff, moderator.email)
    staff.goto("/admin/forums/flag/")
    flag_row = staff.locator("tr", has_text="former participant")
    expect(flag_row).to_contain_text("Reveals someone")
    flag_row.locator("input[name=_selected_action]").check()
    staff.locator("select[name=action]").select_option("uphold")
    staff.locator("button[name=index]").click()
    staff.get_by_label("Note").fill(HIDE_NOTE)
    staff.locator("input[type=submit]").click()
    expect(staff.locator(".messagelist")).to_be_visible()

    post = Post.objects.get(thread__title=TITLE, number=2)
    assert post.status == PostStatus.HIDDEN
    assert post.flags.get().status == FlagStatus.UPHELD
    told = [m for m in mail.outbox if m.to == [omar.email]]
    assert told and HIDE_NOTE in told[-1].body
    first.goto(thread_url)
    first.reload()  # the flag form sent her back to this very page: a fragment change alone would not reload
    expect(first.locator("main")).not_to_contain_text("former participant")

    # A time-boxed e-discussion closes on its date and refuses replies with the reason.
    now = timezone.now()
    consultation = consultation_open(
        actor=moderator,
        category=Category.objects.get(slug="youth"),
        title="E-discussion: youth consultation questions",
        lead_question="Which questions must every national consultation ask?",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=1),
    )
    post_reply(thread=consultation.thread, author=omar, body="Ask what makes young people feel they belong.")
    type(consultation).objects.filter(pk=consultation.pk).update(closes_at=now - timedelta(minutes=1))
    assert consultations_close_due()["closed"] == 1
    first.goto(consultation.thread.get_absolute_url())
    expect(first.locator(".reply-form")).to_contain_text("closed")
    expect(first.locator(".reply-form form")).to_have_count(0)
    consultation.thread.refresh_from_db()
    assert consultation.thread.status == ThreadStatus.CLOSED


def test_forum_pages_in_arabic_on_a_phone(new_page, amina, omar):
    thread = ThreadFactory(title="إشراك الشباب في الوقاية من التطرف العنيف", author=amina)
    PostFactory(thread=thread, author=amina, body="كيف تُشركون الشباب منذ البداية؟ " * 8)
    page = new_page(viewport=MOBILE)
    sign_in(page, amina.email)
    page.goto("/discussions/")
    page.locator("#language-select").select_option("ar")  # the language switcher, as a member would
    page.locator(".language-form button").click()
    for name, url in (
        ("forum-thread-ar", thread.get_absolute_url()),
        ("forum-category-ar", "/discussions/youth/"),
    ):
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], url
        screenshot(page, name)


def test_no_forum_content_for_a_visitor_an_applicant_or_a_suspended_member(
    new_page, amina, applicant, make_membership
):
    thread = ThreadFactory(title="Peer-mentoring notes from Garissa", author=amina)
    post = PostFactory(thread=thread, author=amina, body="Notes on the county mentoring scheme")
    prepared = attachment_prepare(SimpleUploadedFile("notes.pdf", PDF_BYTES, content_type="application/pdf"))
    attachment = attachment_create(attachment=PostAttachment(post=post), prepared=prepared, uploaded_by=amina)
    suspended = make_membership(status=Membership.Status.SUSPENDED, user__email="suspended@example.org").user
    urls = [
        reverse("forums:index"),
        reverse("forums:category", args=["youth"]),
        thread.get_absolute_url(),
        reverse("forums:search") + "?q=mentoring",
        reverse("forums:notifications"),
        reverse("forums:updates"),
        reverse("forums:consultations"),
        reverse("forums:attachment", args=[post.pk, attachment.pk, attachment.download_name]),
    ]
    for email in ("", applicant.email, suspended.email):
        page = new_page()
        if email:
            sign_in(page, email)
        for url in urls:
            text = page.request.get(url).text()
            assert "Garissa" not in text and "county mentoring" not in text, (email or "visitor", url)
            assert not text.startswith("%PDF"), (email or "visitor", url)
