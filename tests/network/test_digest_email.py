"""The digest email (templates/emails/digest*.txt|html): in every language, without a blank placeholder; the
subject says what is inside; each section lists its items with absolute links, "and N more" leads to the rest;
the footer says why it came and links to the settings and the one-click unsubscribe page; Arabic reads right to
left; the plain text stands on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from network.digest import DigestItem, DigestSection, digest_subject_summary
from network.models import DigestDelivery, DigestRun
from network.services.digests import digest_deliveries_send, digest_email, digest_run_plan
from network.unsubscribe import unsubscribe_token_read
from tests.factories import ExpertProfileFactory, GoodPracticeFactory

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MISSING = "MISSING-VARIABLE"
SITE = "https://onse.example.org"


@pytest.fixture(autouse=True)
def _loud_missing_variables(settings) -> Iterator[None]:
    """A variable a template expects but the context lacks prints a marker instead of nothing."""
    settings.SITE_URL = SITE
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.string_if_invalid = MISSING
    yield
    engine.string_if_invalid = ""


def _items(prefix: str, count: int) -> list[DigestItem]:
    return [
        DigestItem(title=f"{prefix} {n}", url=f"{SITE}/{prefix.lower()}/{n}/", summary=f"Context of {n}")
        for n in range(count)
    ]


def _sections() -> list[DigestSection]:
    return [
        DigestSection(
            key="practices",
            title="New good practices",
            items=_items("Practice", 3),
            total=3,
            more_url=f"{SITE}/practices/",
        ),
        DigestSection(
            key="followed",
            title="Discussions you follow",
            items=_items("Thread", 2),
            total=2,
            more_url=f"{SITE}/forums/",
        ),
        DigestSection(
            key="experts",
            title="New experts",
            items=_items("Expert", 5),
            total=12,
            more_url=f"{SITE}/experts/?theme=3",
        ),
    ]


def _delivery(member, frequency: str = "weekly") -> DigestDelivery:
    now = timezone.now()
    run = DigestRun.objects.create(
        frequency=frequency, period="2026-W10", period_start=now - timedelta(days=7), period_end=now
    )
    return DigestDelivery.objects.create(
        run=run, member=member, frequency=frequency, period=run.period, since=run.period_start
    )


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_digest_reads_well_in_every_language(make_member, language):
    member = make_member(language=language, user__full_name="Grace Wanjiku")
    subject, message = digest_email(_delivery(member), _sections())
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert MISSING not in part
        assert "{{" not in part and "{%" not in part
        assert not re.search(r"\w {2,}\w", part), part  # a value missing between two words
        assert "“”" not in part and "()" not in part
    assert subject == message.subject and subject.startswith("[ONSE] ")
    assert message.to == [member.email]
    assert "Grace" in message.body and "Grace" in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    assert "<style" not in html and 'style="' in html  # CSS inlined for mail clients
    for section in _sections():
        assert section.title in html and section.title in message.body
        for item in section.items:
            assert f'href="{item.url}"' in html and item.url in message.body
            assert item.summary in html and item.summary in message.body
    # Only the section with more than it lists links to the rest.
    assert f'href="{SITE}/experts/?theme=3"' in html and f"{SITE}/experts/?theme=3" in message.body
    assert f'href="{SITE}/practices/"' not in html
    with translation.override(language):
        assert digest_subject_summary(_sections()) in subject


def test_the_subject_says_what_is_inside(make_member):
    member = make_member(language="en")
    subject, _message = digest_email(_delivery(member), _sections())
    assert subject == (
        "[ONSE] 3 new good practices, 2 discussions you follow, 12 new experts — your weekly ONSE digest"
    )
    one = [DigestSection(key="experts", title="New experts", items=_items("Expert", 1))]
    subject, _message = digest_email(_delivery(member, "daily"), one)
    assert subject == "[ONSE] 1 new expert — your daily ONSE digest"


def test_a_long_digest_keeps_its_subject_short():
    sections = [
        *_sections(),
        DigestSection(key="updates", title="Quick updates", items=_items("Update", 1)),
        DigestSection(key="offers", title="Offers", items=_items("Offer", 1)),
    ]
    assert digest_subject_summary(sections) == (
        "3 new good practices, 2 discussions you follow, 12 new experts and more"
    )
    other = [DigestSection(key="news", title="News from UNOCT", items=_items("News", 2))]
    assert digest_subject_summary(other) == "News from UNOCT: 2"


def test_the_subject_is_in_the_members_language(make_member):
    member = make_member(language="fr")
    subject, _message = digest_email(_delivery(member), _sections())
    with translation.override("fr"):
        expected = digest_subject_summary(_sections())
    assert subject.startswith(f"[ONSE] {expected}")


def test_and_n_more_leads_to_the_rest(make_member):
    member = make_member(language="en")
    _subject, message = digest_email(_delivery(member), _sections())
    html = message.alternatives[0][0]
    assert re.search(rf'<a href="{re.escape(SITE)}/experts/\?theme=3"[^>]*>and 7 more</a>', html)
    assert f"and 7 more: {SITE}/experts/?theme=3" in message.body


def test_the_footer_says_why_and_links_to_settings_and_unsubscribe(make_member):
    member = make_member(language="en")
    _subject, message = digest_email(_delivery(member), _sections())
    html = message.alternatives[0][0]
    assert "because you asked for a weekly digest" in message.body
    assert "because you asked for a weekly digest" in _text(html)
    settings_url = SITE + reverse("network:notification_settings")
    links = re.findall(r'href="([^"]+)"', html)
    unsubscribe = [link for link in links if "/unsubscribe/" in link]
    assert len(unsubscribe) == 1 and unsubscribe[0].startswith(f"{SITE}/")
    token = unsubscribe[0].rstrip("/").rsplit("/", 1)[1]
    assert unsubscribe_token_read(token) == (member.pk, "digest")
    assert unsubscribe[0] in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe[0]}>"
    assert settings_url in links and settings_url in message.body


def test_titles_from_members_are_escaped_in_the_html(make_member):
    member = make_member(language="en")
    item = DigestItem(title="<script>alert(1)</script> & co", url=f"{SITE}/p/1/")
    sections = [DigestSection(key="practices", title="New good practices", items=[item])]
    _subject, message = digest_email(_delivery(member), sections)
    html = message.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script> & co" in message.body  # plain text is not HTML


def test_a_real_digest_from_planning_to_the_mailbox(make_member, settings):
    """The real sections, the real sending path: one email naming what it holds, in Arabic."""
    settings.DIGEST_SECTIONS = ["practices.digest.section", "experts.digest.section"]
    reader = make_member(language="ar")
    planned_at = timezone.now()
    long_a_member = ExpertProfileFactory(created_at=planned_at - timedelta(days=300)).user
    GoodPracticeFactory(
        title="Dialogue in Mombasa schools",
        published_at=planned_at - timedelta(days=1),
        submitted_by=long_a_member,
    )
    ExpertProfileFactory(user__full_name="Amina Yusuf")
    _run, ids = digest_run_plan(frequency="weekly", members=[reader])
    mail.outbox.clear()
    digest_deliveries_send(ids)
    (message,) = [m for m in mail.outbox if m.to == [reader.email]]
    html = message.alternatives[0][0]
    assert 'dir="rtl"' in html
    assert "Dialogue in Mombasa schools" in message.body and "Amina Yusuf" in html
    with translation.override("ar"):
        sections = [
            DigestSection(key="practices", title="", items=_items("P", 1)),
            DigestSection(key="experts", title="", items=_items("E", 1)),
        ]
        assert digest_subject_summary(sections) in message.subject
    assert DigestDelivery.objects.get(pk=ids[0]).subject == message.subject
