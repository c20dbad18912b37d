"""Files on good practices: checked on the way in, capped per practice, served only to those who may see the
practice (404 for anyone else, whatever the number in the address), removed only by the submitter while they
may edit or by staff, and deleted from storage once the change commits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.utils.datastructures import MultiValueDict
from PIL import Image

from network.attachments import PreparedAttachment, attachment_prepare
from network.models import Membership
from network.visibility import Visibility
from practices.admin.attachments import PracticeAttachmentInline
from practices.attachment_forms import PracticeAttachmentsForm
from practices.models import GoodPractice, GoodPracticeEvent, PracticeAttachment, PracticeStatus
from practices.services.attachments import (
    practice_attachment_remove,
    practice_attachments_add,
    practice_attachments_delete_for,
)
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 400
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"


def _png_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (1.0, 17.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(out, format="PNG", exif=exif)
    return out.getvalue()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _prepared(name: str = "evaluation.pdf", content: bytes = PDF_BYTES) -> PreparedAttachment:
    return attachment_prepare(_upload(name, content))


def _attach(practice, name: str = "evaluation.pdf", content: bytes = PDF_BYTES) -> PracticeAttachment:
    actor = practice.submitted_by
    if not practice.is_editable_by(actor):  # published and the like: staff add them
        from tests.factories import UserFactory

        actor = UserFactory(is_staff=True)
    return practice_attachments_add(practice=practice, prepared=[_prepared(name, content)], actor=actor)[0]


def _url(attachment: PracticeAttachment, *, slug: str | None = None) -> str:
    return f"/practices/{slug or attachment.practice.slug}/attachments/{attachment.pk}/{attachment.download_name}/"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _body(response) -> bytes:
    """The test client closes a streamed response once read (closing it again would close the database
    connection the test runs in)."""
    return b"".join(response.streaming_content)


# --- Adding files ----------------------------------------------------------------------------------------


def test_the_submitter_adds_a_pdf_kept_as_is_and_a_picture_redrawn_without_its_location():
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    png = _png_with_gps()
    added = practice_attachments_add(
        practice=draft,
        prepared=[_prepared("evaluation.pdf"), _prepared("workshop.png", png)],
        actor=draft.submitted_by,
    )
    pdf, picture = added
    assert [a.original_name for a in draft.attachments.all()] == ["evaluation.pdf", "workshop.png"]
    assert Path(pdf.file.path).read_bytes() == PDF_BYTES
    stored = Path(picture.file.path).read_bytes()
    assert stored != png and b"CameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and not image.getexif()
    assert picture.content_type == "image/png" and picture.uploaded_by == draft.submitted_by
    assert not draft.events.exists()  # a draft's files are nobody else's business yet


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("report.pdf", EXECUTABLE, "is not a PDF, Word, Excel, PNG or JPEG file"),
        ("report.pdf", HTML, "is not a PDF, Word, Excel, PNG or JPEG file"),
        ("report.pdf", PDF_BYTES + b"0" * (11 * 1024 * 1024), "the limit is 10.0"),
    ],
    ids=["renamed-executable", "html-posing-as-pdf", "11-mb"],
)
def test_a_refused_file_is_named_in_the_form_and_nothing_is_stored(name, content, problem):
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    form = PracticeAttachmentsForm(
        data={},
        files=MultiValueDict(
            {"attachments-upload": [_upload("fine.pdf", PDF_BYTES), _upload(name, content)]}
        ),
        practice=draft,
        prefix="attachments",
    )
    assert not form.is_valid()
    errors = [e.replace("\xa0", " ") for e in form.errors["upload"]]
    assert any(f"“{name}”" in e and problem in e for e in errors)
    assert not any("“fine.pdf”" in e for e in errors)
    assert "choose your files again" in errors[-1]
    assert not PracticeAttachment.objects.exists()


def test_a_practice_carries_at_most_ten_files_and_the_member_is_told_how_many_fit(settings):
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    submitter = draft.submitted_by
    practice_attachments_add(
        practice=draft, prepared=[_prepared(f"{i}.pdf") for i in range(8)], actor=submitter
    )
    with pytest.raises(ValidationError) as refused:
        practice_attachments_add(
            practice=draft, prepared=[_prepared(f"more{i}.pdf") for i in range(3)], actor=submitter
        )
    assert refused.value.messages == [
        "A practice can carry at most 10 files: you chose 3 and there is room for 2."
    ]
    assert draft.attachments.count() == 8

    def form(**data):
        files = MultiValueDict({"attachments-upload": [_upload(f"n{i}.pdf", PDF_BYTES) for i in range(3)]})
        return PracticeAttachmentsForm(data=data, files=files, practice=draft, prefix="attachments")

    assert "there is room for 2" in form().errors["upload"][0]
    two = [str(a.pk) for a in draft.attachments.all()[:2]]
    freeing = form(**{"attachments-remove": two})
    assert freeing.is_valid(), freeing.errors  # ticking two for removal makes room
    freeing.save(practice=draft, actor=submitter)
    assert draft.attachments.count() == 9
    assert not draft.attachments.filter(pk__in=two).exists()


def test_only_the_submitter_of_an_editable_practice_or_staff_adds_files(member, moderator):
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        practice_attachments_add(practice=draft, prepared=[_prepared()], actor=member)
    in_review = GoodPracticeFactory(status=PracticeStatus.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        practice_attachments_add(practice=in_review, prepared=[_prepared()], actor=in_review.submitted_by)
    practice_attachments_add(practice=in_review, prepared=[_prepared("annex.pdf")], actor=moderator)
    event = in_review.events.get()
    assert (event.from_status, event.to_status) == (PracticeStatus.IN_REVIEW, PracticeStatus.IN_REVIEW)
    assert event.actor == moderator and "“annex.pdf”" in event.note


# --- Downloading --------------------------------------------------------------------------------------------


def test_a_download_is_an_inert_attachment_under_a_safe_name():
    attachment = _attach(GoodPracticeFactory(), name='../../setup "final".exe')
    response = _client().get(_url(attachment))
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"setup _final_.exe.pdf\"; filename*=UTF-8''setup%20%22final%22.exe.pdf"
    )
    assert "sandbox" in response["Content-Security-Policy"]
    assert _body(response) == PDF_BYTES


def test_the_number_decides_not_the_name_in_the_address():
    attachment = _attach(GoodPracticeFactory())
    base = f"/practices/{attachment.practice.slug}/attachments/{attachment.pk}/"
    for url in (base, base + "anything-else.exe/"):
        response = _client().get(url)
        assert response.status_code == 200
        assert 'filename="evaluation.pdf"' in response["Content-Disposition"]
        assert _body(response) == PDF_BYTES


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
@pytest.mark.parametrize(
    ("visibility", "status"),
    [(Visibility.MEMBERS, PracticeStatus.PUBLISHED), (Visibility.PUBLIC, PracticeStatus.SUBMITTED)],
    ids=["members-only", "unpublished"],
)
def test_a_file_of_a_members_only_or_unpublished_practice_reaches_no_outsider(
    who, visibility, status, make_membership
):
    attachment = _attach(GoodPracticeFactory(visibility=visibility, status=status))
    user = None
    if who != "visitor":
        state = Membership.Status.APPLIED if who == "applicant" else Membership.Status.SUSPENDED
        user = make_membership(status=state).user
    assert _client(user).get(_url(attachment)).status_code == 404


def test_members_get_members_only_files_but_not_unpublished_ones(member):
    members_only = _attach(GoodPracticeFactory(visibility=Visibility.MEMBERS))
    rejected = _attach(GoodPracticeFactory(status=PracticeStatus.REJECTED))
    response = _client(member).get(_url(members_only))
    assert response.status_code == 200 and _body(response) == PDF_BYTES
    assert _client(member).get(_url(rejected)).status_code == 404


def test_the_submitter_and_staff_get_the_file_of_a_draft(moderator):
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT, visibility=Visibility.MEMBERS)
    attachment = _attach(draft)
    for user in (draft.submitted_by, moderator):
        response = _client(user).get(_url(attachment))
        assert response.status_code == 200 and _body(response) == PDF_BYTES


def test_a_file_number_from_another_practice_is_not_found(member):
    mine = GoodPracticeFactory()
    other_public = _attach(GoodPracticeFactory(), name="other.pdf")
    hidden = _attach(GoodPracticeFactory(status=PracticeStatus.DRAFT), name="secret.pdf")
    for attachment in (other_public, hidden):
        assert _client(member).get(_url(attachment, slug=mine.slug)).status_code == 404


# --- Removing ---------------------------------------------------------------------------------------------


def _remove_url(attachment: PracticeAttachment) -> str:
    return f"/practices/{attachment.practice.slug}/attachments/remove/{attachment.pk}/"


def test_the_submitter_removes_a_file_of_their_draft_and_it_leaves_storage_after_commit(
    django_capture_on_commit_callbacks,
):
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    attachment = _attach(draft)
    path = Path(attachment.file.path)
    client = _client(draft.submitted_by)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_remove_url(attachment), {"next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert not draft.attachments.exists() and path.exists()  # the file goes only once committed
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_removing_goes_back_to_the_practice_page_rather_than_another_site():
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    response = _client(draft.submitted_by).post(
        _remove_url(_attach(draft)), {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/practices/{draft.slug}/"


def test_nobody_else_removes_a_file_and_the_submitter_not_once_in_moderation(member, moderator):
    published = GoodPracticeFactory()
    attachment = _attach(published)
    assert _client().post(_remove_url(attachment)).status_code == 302  # to sign in
    assert _client(member).post(_remove_url(attachment)).status_code == 403
    assert _client(published.submitted_by).post(_remove_url(attachment)).status_code == 403
    assert _client(member).get(_remove_url(attachment)).status_code == 405
    assert PracticeAttachment.objects.filter(pk=attachment.pk).exists()

    secret = _attach(GoodPracticeFactory(status=PracticeStatus.DRAFT))
    assert _client(member).post(_remove_url(secret)).status_code == 404  # not even told it exists

    response = _client(moderator).post(_remove_url(attachment))
    assert response.status_code == 302 and not PracticeAttachment.objects.filter(pk=attachment.pk).exists()
    event = GoodPracticeEvent.objects.get(practice=published, note__contains="removed")
    assert event.from_status == event.to_status == PracticeStatus.PUBLISHED and event.actor == moderator


def test_the_submitter_removes_through_the_service_when_changes_were_requested(
    django_capture_on_commit_callbacks,
):
    practice = GoodPracticeFactory(status=PracticeStatus.CHANGES_REQUESTED)
    attachment = _attach(practice)
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        practice_attachment_remove(attachment=attachment, actor=practice.submitted_by)
    assert not path.exists()
    assert practice.events.filter(note="File removed: “evaluation.pdf”").exists()


def test_deleting_drafts_deletes_their_files(django_capture_on_commit_callbacks):
    drafts = [GoodPracticeFactory(status=PracticeStatus.DRAFT) for _ in range(2)]
    kept = _attach(GoodPracticeFactory())
    paths = [Path(_attach(draft, name=f"{draft.slug}.pdf").file.path) for draft in drafts]
    with django_capture_on_commit_callbacks(execute=True):
        assert practice_attachments_delete_for(drafts) == 2
    assert not any(path.exists() for path in paths)
    assert list(PracticeAttachment.objects.all()) == [kept] and Path(kept.file.path).exists()


# --- Templates and admin -------------------------------------------------------------------------------------


def test_the_practice_page_lists_files_with_their_kind_size_and_link():
    practice = GoodPracticeFactory()
    attachment = _attach(practice, name="Évaluation finale.pdf")
    html = render_to_string("practices/includes/attachments_list.html", {"practice": practice})
    assert f'href="{_url(attachment).replace(" ", "%20").replace("É", "%C3%89")}"' in html
    assert "Évaluation finale.pdf" in html and "PDF document" in html and "bytes" in html
    assert " download" not in html.split("<a ")[1].split(">")[0]  # a plain link, no download attribute
    assert (
        render_to_string(
            "practices/includes/attachments_list.html", {"practice": GoodPracticeFactory()}
        ).strip()
        == ""
    )


def test_the_form_part_has_no_nested_form_and_offers_removal_by_checkbox():
    draft = GoodPracticeFactory(status=PracticeStatus.DRAFT)
    _attach(draft, name="plan.pdf")
    form = PracticeAttachmentsForm(practice=draft, prefix="attachments")
    html = render_to_string("practices/includes/attachments_field.html", {"attachments_form": form})
    assert "<form" not in html
    assert 'type="checkbox" name="attachments-remove"' in html and "plan.pdf" in html
    assert 'type="file" name="attachments-upload"' in html and "multiple" in html
    new = render_to_string(
        "practices/includes/attachments_field.html",
        {"attachments_form": PracticeAttachmentsForm(prefix="attachments")},
    )
    assert "attachments-remove" not in new and 'name="attachments-upload"' in new


def test_the_admin_inline_links_to_the_download():
    attachment = _attach(GoodPracticeFactory(status=PracticeStatus.SUBMITTED))
    inline = PracticeAttachmentInline(GoodPractice, admin.site)
    assert f'href="{_url(attachment)}"' in inline.download(attachment)
