"""The handbook: what the PDF contains, which practices get in, the build task, and who may download."""

from __future__ import annotations

import io
import os
from pathlib import Path
from unittest import mock

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from practices.handbook import LocalOnlyFetcher, handbook_html, handbook_pdf
from practices.models import BuildStatus, HandbookBuild, HandbookEntry, PracticeStatus
from practices.services import handbook as services
from practices.services.handbook import handbook_build_request, handbook_build_run, handbook_entry_add
from tests.conftest import TOTP_SECRET
from tests.factories import GoodPracticeFactory
from tests.practices.handbook_data import (
    ARABIC_SUMMARY,
    ARABIC_TITLE,
    CHINESE_SUMMARY,
    CHINESE_TITLE,
    sample_handbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page (pypdf gives a page's text once: a second extract_text() differs)."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def test_pdf_has_contents_with_page_numbers_and_readable_arabic_and_chinese() -> None:
    handbook = sample_handbook()
    steps: list[int] = []
    pdf = handbook_pdf(handbook, progress=lambda percent, message: steps.append(percent))
    if out := os.environ.get("HANDBOOK_PDF_OUT"):  # look at it: pdftoppm -png -r 50 $HANDBOOK_PDF_OUT page
        Path(out).write_bytes(pdf.content)

    assert pdf.content.startswith(b"%PDF")
    pages = pdf_pages(pdf.content)
    text = "\n".join(pages)
    assert pdf.page_count == len(pages) > 5
    assert steps == sorted(steps) and steps[-1] >= 90
    contents = pages[1]
    assert "Contents" in contents
    # Each title in the contents ends with its page number after the dot leaders.
    strategic = next(line for line in contents.splitlines() if "Strategic communications" in line)
    assert strategic.rstrip().split(".")[-1].strip().isdigit()
    assert "I. Measures to address the conditions conducive" in contents
    assert "Index of countries" in contents
    assert squash(ARABIC_TITLE) in squash(text)
    assert squash(ARABIC_SUMMARY.rstrip(".")) in squash(text)  # the full stop is extracted at the visual end
    assert squash(CHINESE_TITLE) in squash(text)
    assert squash(CHINESE_SUMMARY) in squash(text)
    assert "Jordan" in text and "IGAD Centre of Excellence" in text  # the indexes


def test_html_marks_each_practice_with_its_language_and_direction() -> None:
    html = handbook_html(sample_handbook())
    assert 'lang="ar" dir="rtl"' in html
    assert 'lang="zh-hans" dir="ltr"' in html
    assert 'lang="fr" dir="ltr"' in html
    # A practice under two pillars appears once, under the first, and says where else it belongs.
    assert html.count("Co-designing a regional prevention curriculum</h3>") == 1
    assert "Also under" in html


def test_front_matter_in_the_handbooks_language() -> None:
    handbook = sample_handbook(language="fr")
    html = handbook_html(handbook)
    assert '<html lang="fr"' in html
    assert "Jordanie" in html  # country names in the front-matter language


def test_only_published_practices_are_added_or_printed() -> None:
    handbook = sample_handbook(count=2)
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT, title="Unfinished draft")
    with pytest.raises(ValidationError):
        handbook_entry_add(handbook=handbook, practice_id=draft.pk)
    # A practice archived after it was added drops out of the printed handbook.
    archived = GoodPracticeFactory(title="Archived since")
    handbook_entry_add(handbook=handbook, practice_id=archived.pk)
    type(archived).objects.filter(pk=archived.pk).update(status=PracticeStatus.ARCHIVED)
    html = handbook_html(handbook)
    assert "Archived since" not in html and "Unfinished draft" not in html
    assert HandbookEntry.objects.filter(handbook=handbook).count() == 3


def test_fetcher_refuses_remote_addresses_and_serves_our_stylesheet() -> None:
    fetcher = LocalOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("https://handbook.invalid/static/../../settings.py")
    assert b"@page" in fetcher.fetch("https://handbook.invalid/static/practices/handbook.css").read()
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_build_task_records_progress_and_keeps_the_newest_pdf(
    moderator, django_capture_on_commit_callbacks
) -> None:
    handbook = sample_handbook(count=3)
    with django_capture_on_commit_callbacks(execute=True):
        first = handbook_build_request(handbook=handbook, actor=moderator)
    first.refresh_from_db()
    assert first.status == BuildStatus.DONE and first.progress == 100 and first.page_count
    assert first.file.name.startswith("handbooks/") and default_storage.exists(first.file.name)
    first_name = first.file.name

    seen: list[tuple[int, str]] = []
    real_progress = services.handbook_build_progress

    def record(*, build_id: int, percent: int, message: str) -> None:
        seen.append((percent, HandbookBuild.objects.get(pk=build_id).status))
        real_progress(build_id=build_id, percent=percent, message=message)

    with (
        mock.patch.object(services, "handbook_build_progress", record),
        django_capture_on_commit_callbacks(execute=True),
    ):
        second = handbook_build_request(handbook=handbook, actor=moderator)
    second.refresh_from_db()
    percents = [percent for percent, _status in seen]
    assert len(percents) >= 4 and percents == sorted(percents)
    assert {status for _percent, status in seen} == {BuildStatus.RUNNING}
    assert handbook.last_successful_build() == second
    first.refresh_from_db()
    assert not first.file and not default_storage.exists(first_name)  # only the newest PDF is kept
    assert default_storage.exists(second.file.name)


def test_build_failure_is_recorded_and_the_last_good_pdf_stays(moderator) -> None:
    handbook = sample_handbook(count=2)
    good = HandbookBuild.objects.create(handbook=handbook, requested_by=moderator)
    handbook_build_run(build_id=good.pk)
    bad = HandbookBuild.objects.create(handbook=handbook, requested_by=moderator)
    with mock.patch("practices.handbook.HTML", side_effect=RuntimeError("layout exploded")):
        handbook_build_run(build_id=bad.pk)
    bad.refresh_from_db()
    assert bad.status == BuildStatus.FAILED
    assert "layout exploded" in bad.error and bad.finished_at
    assert handbook.last_successful_build() == good


def test_only_staff_with_permission_may_request_a_build(member) -> None:
    handbook = sample_handbook(count=1)
    with pytest.raises(PermissionDenied):
        handbook_build_request(handbook=handbook, actor=member)


def test_downloads_are_staff_only(client, member_client, moderator_client, moderator, make_user) -> None:
    handbook = sample_handbook(count=2)
    build = HandbookBuild.objects.create(handbook=handbook, requested_by=moderator)
    handbook_build_run(build_id=build.pk)
    pdf_url = reverse("admin:practices_handbook_pdf", args=[handbook.pk])
    html_url = reverse("admin:practices_handbook_html", args=[handbook.pk])

    response = moderator_client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    response = moderator_client.get(html_url)
    assert response.status_code == 200
    assert "Strategic communications" in response.content.decode()

    for anonymous_or_member in (client, member_client):
        for url in (pdf_url, html_url):
            response = anonymous_or_member.get(url)
            assert response.status_code in (302, 403, 404)
            assert not response.get("Content-Type", "").startswith("application/pdf")
    # Staff without the handbook permissions get nothing either.
    staff = make_user(email="staff@example.org", is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)  # staff pass the two-factor step; only the permission is missing
    stranger = type(client)()
    stranger.force_login(staff)
    assert stranger.get(pdf_url).status_code == 403
    assert stranger.get(html_url).status_code == 403


def test_moderators_have_the_handbook_permissions() -> None:
    codenames = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"change_handbook", "add_handbookentry", "add_handbookbuild", "view_handbookbuild"} <= codenames
    assert "change_handbookbuild" not in codenames
