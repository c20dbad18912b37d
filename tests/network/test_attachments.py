"""Attachments: what is accepted is judged from the bytes, refusals name the file and what we accept, files
are stored under random names in a private storage and served only through a view that checked visibility."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils.datastructures import MultiValueDict
from PIL import Image

from network.attachments import (
    MultipleAttachmentField,
    attachment_create,
    attachment_delete,
    attachment_name_clean,
    attachment_prepare,
    attachment_response,
)
from network.models import Membership
from network.visibility import Visibility
from tests.testapp.models import Item, ItemAttachment

ACCEPTED = "We accept PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files up to 10.0 MB."
PDF_BYTES = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATTACHMENTS_ROOT = tmp_path / "attachments"


def _zip(parts: dict[str, bytes | str], *, encrypted: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(out.getvalue())
    if encrypted:  # set the "encrypted" flag in the central directory, as a password-protected zip has it
        start = data.find(b"PK\x01\x02")
        while start != -1:
            name_length = struct.unpack_from("<H", data, start + 28)[0]
            if data[start + 46 : start + 46 + name_length] == encrypted.encode():
                data[start + 8] |= 0x1
            start = data.find(b"PK\x01\x02", start + 4)
    return bytes(data)


def _docx(**extra: bytes | str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(part="word/document.xml", type=WORD_MAIN),
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document><w:body><w:p>Rehabilitation</w:p></w:body></w:document>",
            **extra,
        }
    )


def _xlsx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(part="xl/workbook.xml", type=EXCEL_MAIN),
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook><sheets/></workbook>",
            "xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>",
        }
    )


def _picture(image_format: str, *, exif: Image.Exif | None = None, size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=image_format, exif=exif or Image.Exif())
    return out.getvalue()


def _gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (1.0, 17.0, 0.0)}
    return exif


def _upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        attachment_prepare(_upload(name, content))
    message = refused.value.messages[0].replace("\xa0", " ")  # sizes keep their unit on the same line
    assert f"“{name}”" in message and ACCEPTED in message
    return refused.value


# --- What is accepted ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF_BYTES, "application/pdf"),
        ("plan.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("figures.xlsx", _xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("chart.png", _picture("PNG"), "image/png"),
        ("photo.jpeg", _picture("JPEG"), "image/jpeg"),
    ],
)
def test_each_accepted_kind_is_recognised_from_its_bytes_whatever_the_browser_said(
    name, content, content_type
):
    prepared = attachment_prepare(_upload(name, content, content_type="application/octet-stream"))
    assert prepared.content_type == content_type
    assert prepared.original_name == name


def test_a_document_keeps_its_exact_bytes():
    docx = _docx()
    assert attachment_prepare(_upload("plan.docx", docx)).content == docx
    assert attachment_prepare(_upload("report.pdf", PDF_BYTES)).content == PDF_BYTES


@pytest.mark.parametrize(("image_format", "name"), [("JPEG", "holiday.jpg"), ("PNG", "screen.png")])
def test_a_picture_is_redrawn_upright_without_its_camera_and_gps_data(image_format, name):
    original = _picture(image_format, exif=_gps_exif(orientation=6))
    with Image.open(io.BytesIO(original)) as sent:
        assert sent.getexif().get_ifd(0x8825)  # the upload does carry a position
    prepared = attachment_prepare(_upload(name, original))
    with Image.open(io.BytesIO(prepared.content)) as stored:
        assert stored.format == image_format
        assert stored.size == (20, 40)  # turned as the camera said, then the tag dropped
        assert not stored.getexif()
    assert b"CameraMaker" not in prepared.content


# --- What is refused, and how the member is told ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 400, "type_not_accepted"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 400, "type_not_accepted"),
        ("invoice.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "type_not_accepted"),
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "type_not_accepted",
        ),
        ("notes.docx", b"Just some text pretending to be Word.\n" * 20, "type_not_accepted"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, content, code):
    refused = _refusal(name, content)
    assert refused.code == code


def test_the_refusal_says_the_kinds_in_words():
    message = _refusal("setup.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 400).messages[0]
    assert message.startswith("“setup.pdf” is not a PDF, Word, Excel, PNG or JPEG file.")


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit():
    refused = _refusal("big.pdf", PDF_BYTES + b"0" * (11 * 1024 * 1024))
    assert refused.code == "too_large"
    assert refused.messages[0].replace("\xa0", " ").startswith("“big.pdf” is 11.0 MB: the limit is 10.0 MB.")


@override_settings(ATTACHMENT_MAX_BYTES=1024)
def test_the_limit_is_a_setting():
    with pytest.raises(ValidationError) as refused:
        attachment_prepare(_upload("report.pdf", PDF_BYTES + b"0" * 2000))
    assert "the limit is 1.0 KB" in refused.value.messages[0].replace("\xa0", " ")


def test_a_zip_bomb_named_docx_is_refused_without_being_unpacked():
    refused = _refusal("plan.docx", _docx(**{"word/media/zeros.bin": b"\x00" * (20 * 1024 * 1024)}))
    assert refused.code == "archive_bomb"


def test_a_zip_with_too_many_entries_is_refused():
    parts = {f"word/p{i}.xml": "" for i in range(2100)}
    assert _refusal("plan.docx", _docx(**parts)).code == "archive_bomb"


def test_a_plain_zip_named_docx_is_refused():
    refused = _refusal("plan.docx", _zip({"readme.txt": "hello", "setup.exe": b"MZ" + b"\x00" * 100}))
    assert refused.code == "not_office_document"


def test_a_word_document_with_macros_is_refused():
    docm = _docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 100})
    refused = _refusal("plan.docx", docm)
    assert refused.code == "macros" and "macros" in refused.messages[0]


def test_a_macro_enabled_content_type_is_refused_even_without_the_macro_part():
    content_types = CONTENT_TYPES.format(
        part="word/document.xml", type="application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    assert _refusal("plan.docx", _docx(**{"[Content_Types].xml": content_types})).code == "macros"


def test_an_encrypted_archive_is_refused():
    docx = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(part="word/document.xml", type=WORD_MAIN),
            "word/document.xml": "<w:document/>",
        },
        encrypted="word/document.xml",
    )
    assert _refusal("secret.docx", docx).code == "encrypted"


@pytest.mark.parametrize("action", [b"/JavaScript", b"/JS", b"/Launch", b"/J#61vaScript"])
def test_a_pdf_that_runs_scripts_or_programs_is_refused(action):
    pdf = PDF_BYTES.replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction <</S " + action + b" (app.alert(1))>>"
    )
    assert _refusal("report.pdf", pdf).code == "pdf_active_content"


def test_a_damaged_picture_is_refused():
    assert _refusal("me.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100).code == "unreadable"


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded():
    png = bytearray(_picture("PNG", size=(1, 1)))
    header = struct.pack(">II", 20_000, 20_000) + bytes(png[24:29])
    png[16:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    assert _refusal("huge.png", bytes(png)).code == "too_many_pixels"


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ('../../etc/passwd "x".pdf', 'passwd "x".pdf'),
        ("C:\\Users\\amina\\تقرير.pdf", "تقرير.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("..hidden", "hidden"),
        ("", "attachment"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_the_original_name_is_kept_only_as_a_clean_display_name(sent, shown):
    assert attachment_name_clean(sent) == shown


# --- Storage, deletion, serving --------------------------------------------------------------------


@pytest.fixture
def item(member):
    return Item.objects.create(
        title="Rehabilitation in practice", owner=member, visibility=Visibility.MEMBERS
    )


def _stored(item, member, name: str = "plan.pdf", content: bytes = PDF_BYTES) -> ItemAttachment:
    prepared = attachment_prepare(_upload(name, content))
    return attachment_create(attachment=ItemAttachment(item=item), prepared=prepared, uploaded_by=member)


def test_a_file_is_stored_privately_under_a_random_name_with_its_facts(item, member, settings):
    attachment = _stored(item, member, name="../../Secret plan.docx", content=_docx())
    assert attachment.file.name.startswith("attachments/") and attachment.file.name.endswith(".docx")
    assert "Secret" not in attachment.file.name and ".." not in attachment.file.name
    path = Path(attachment.file.path)
    assert path.is_relative_to(Path(settings.ATTACHMENTS_ROOT)) and path.read_bytes() == _docx()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert attachment.original_name == "Secret plan.docx" and attachment.size == len(_docx())
    assert attachment.kind_label == "Word document" and attachment.human_size.endswith("bytes")
    assert len(attachment.sha256) == 64 and attachment.uploaded_by == member
    with pytest.raises(ValueError, match="no public URL"):
        _ = attachment.file.url


def test_the_media_url_never_reaches_an_attachment_even_in_development(item, member, urlconf_with_debug):
    attachment = _stored(item, member)
    urlconf_with_debug(True)
    assert Client().get(f"/media/{attachment.file.name}").status_code == 404


def test_deleting_an_attachment_removes_its_file_once_committed(
    item, member, django_capture_on_commit_callbacks
):
    attachment = _stored(item, member)
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment_delete(attachment=attachment)
    assert not ItemAttachment.objects.exists() and path.exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        (
            '../../etc/passwd "x".pdf',
            "attachment; filename=\"passwd _x_.pdf\"; filename*=UTF-8''passwd%20%22x%22.pdf",
        ),
        (
            "تقرير.pdf",
            "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf",
        ),
        ("setup.exe", "attachment; filename=\"setup.exe.pdf\"; filename*=UTF-8''setup.exe.pdf"),
    ],
)
def test_a_download_is_served_as_an_inert_private_attachment(item, member, name, disposition):
    response = attachment_response(_stored(item, member, name=name))
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content) == PDF_BYTES
    response.close()


def test_only_pictures_may_be_shown_inline(item, member):
    picture = attachment_response(
        _stored(item, member, name="chart.png", content=_picture("PNG")), inline=True
    )
    document = attachment_response(_stored(item, member), inline=True)
    picture.close(), document.close()
    assert picture["Content-Disposition"].startswith("inline;")
    assert document["Content-Disposition"].startswith("attachment;")


@override_settings(ROOT_URLCONF="tests.testapp.urls")
@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended"])
def test_a_members_only_attachment_reaches_no_visitor_applicant_or_suspended_member(
    item, member, make_membership, who
):
    url = f"/items/attachments/{_stored(item, member).pk}/"
    client = Client()
    if who != "visitor":
        status = Membership.Status.APPLIED if who == "applicant" else Membership.Status.SUSPENDED
        client.force_login(make_membership(status=status).user)
    assert client.get(url).status_code == 404
    other_member = make_membership(status=Membership.Status.APPROVED).user
    client.force_login(other_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES
    response.close()


# --- Forms: a refused file keeps the rest of the form ------------------------------------------------


class _PracticeForm(forms.Form):
    title = forms.CharField()
    files = MultipleAttachmentField(max_files=3)


def _files(*uploads: SimpleUploadedFile) -> MultiValueDict:
    return MultiValueDict({"files": list(uploads)})


def test_each_refused_file_is_named_and_what_was_typed_stays():
    form = _PracticeForm(
        data={"title": "Rehabilitation in practice"},
        files=_files(_upload("plan.pdf", PDF_BYTES), _upload("setup.pdf", b"MZ\x90\x00" + b"\x00" * 300)),
    )
    assert not form.is_valid()
    errors = form.errors["files"]
    assert any("“setup.pdf”" in error for error in errors)
    assert not any("“plan.pdf”" in error for error in errors)
    assert "choose your files again" in errors[-1]
    assert 'value="Rehabilitation in practice"' in str(form["title"])


def test_good_files_come_out_prepared_and_limits_apply():
    form = _PracticeForm(
        data={"title": "x"}, files=_files(_upload("plan.pdf", PDF_BYTES), _upload("plan.docx", _docx()))
    )
    assert form.is_valid(), form.errors
    assert [p.content_type.split("/")[0] for p in form.cleaned_data["files"]] == [
        "application",
        "application",
    ]
    too_many = _PracticeForm(
        data={"title": "x"}, files=_files(*[_upload(f"{i}.pdf", PDF_BYTES) for i in range(4)])
    )
    assert not too_many.is_valid() and "at most 3 files" in too_many.errors["files"][0]
    assert 'accept=".pdf,.docx' in str(_PracticeForm()["files"])
