"""Attachments: files members add to what they write (good practices now, forum posts later).

A file is accepted only if its bytes are a PDF, a Word (.docx) or Excel (.xlsx) document, a PNG or a JPEG
picture, within ``settings.ATTACHMENT_MAX_BYTES``; its name and the browser's declared type are never
trusted. ``attachment_prepare`` checks an upload and returns what may be stored (pictures drawn anew without
their metadata); ``attachment_create`` stores it under a random name in the private ``attachments`` storage;
``attachment_delete`` removes row and file; ``attachment_response`` serves it from a view that has already
checked the reader may see what it belongs to. What is checked and why: docs/attachments.md.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any, TypeVar, cast
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models.attachments import ATTACHMENT_KINDS, DOCX, JPEG, PDF, PNG, XLSX, Attachment
from network.models.users import User
from network.uploads import ImageRefused, image_reencode, sniff_content_type

A = TypeVar("A", bound=Attachment)

# What libmagic may call a file we go on to check; a zip must then prove to be a Word or Excel document.
SNIFFED_TYPES = frozenset({PDF, PNG, JPEG, DOCX, XLSX, "application/zip"})
ENCRYPTED_TYPES = frozenset({"application/encrypted", "application/x-encrypted"})
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100  # an entry over 1 MB unpacked may be at most 100 times its packed size
ZIP_RATIO_FLOOR = 1024 * 1024
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
# PDF names of actions that run something: /JavaScript, /JS, /Launch, also written with #xx escapes.
PDF_NAME = re.compile(rb"/(?:J|L|#[0-9A-Fa-f]{2})[A-Za-z0-9#]{0,20}")
PDF_ACTIVE_NAMES = frozenset({b"JavaScript", b"JS", b"Launch"})
NAME_MAX_LENGTH = 200
# Control characters and the invisible ones that reorder text ("invoice\u202efdp.exe" shows as "invoiceexe.pdf").
UNSAFE_NAME_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class PreparedAttachment:
    """An upload that passed every check: the bytes to store (a picture already re-encoded) and its facts."""

    content: bytes
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def extension(self) -> str:
        return ATTACHMENT_KINDS[self.content_type].extension


class Refusal(ValidationError):
    """A refused file: the message names the file, says what is wrong, then what we accept."""

    def __init__(self, name: str, problem: str, *, code: str, **params: str) -> None:
        accepted = _("We accept PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files up to %(limit)s.") % {
            "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
        }
        super().__init__(f"{problem % {'name': name, **params}} {accepted}", code=code)


def attachment_name_clean(name: str) -> str:
    """The name a member's computer gave the file, fit to show: no folders, no control or reordering
    characters, NFC, at most 200 characters with the extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = UNSAFE_NAME_CHARACTERS.sub("", name).strip().lstrip(".").strip()
    stem, extension = os.path.splitext(name)
    if len(name) > NAME_MAX_LENGTH:
        extension = extension[:20]
        name = stem[: NAME_MAX_LENGTH - len(extension)].rstrip() + extension
    return name or "attachment"


def attachment_prepare(upload: IO[bytes]) -> PreparedAttachment:
    """Check an uploaded file (Django's ``UploadedFile`` or any named binary file) and return what may be
    stored, or raise ``ValidationError`` whose message names the file and what is accepted."""
    name = attachment_name_clean(str(getattr(upload, "name", "") or ""))
    limit = settings.ATTACHMENT_MAX_BYTES
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        size = getattr(upload, "size", None) or len(content)
        raise Refusal(
            name,
            _("“%(name)s” is %(size)s: the limit is %(limit)s."),
            code="too_large",
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )
    if not content:
        raise Refusal(name, _("“%(name)s” is empty."), code="empty")
    sniffed = sniff_content_type(io.BytesIO(content))
    if sniffed in ENCRYPTED_TYPES:
        raise Refusal(name, _("“%(name)s” is encrypted or protected by a password."), code="encrypted")
    if sniffed not in SNIFFED_TYPES:
        raise Refusal(
            name, _("“%(name)s” is not a PDF, Word, Excel, PNG or JPEG file."), code="type_not_accepted"
        )
    if sniffed == PDF:
        content_type = _pdf_check(content, name)
    elif sniffed in {PNG, JPEG}:
        content_type = sniffed
        content = _image_redraw(content, sniffed, name)
    else:
        content_type = _office_check(content, name)
    return PreparedAttachment(content=content, content_type=content_type, original_name=name)


def _pdf_check(content: bytes, name: str) -> str:
    if not content.startswith(b"%PDF-"):
        raise Refusal(name, _("“%(name)s” is not a PDF file."), code="type_not_accepted")
    for match in PDF_NAME.finditer(content):
        raw = match.group()[1:]
        decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        if decoded in PDF_ACTIVE_NAMES:
            raise Refusal(
                name,
                _("“%(name)s” is a PDF with scripts or actions that start programs."),
                code="pdf_active_content",
            )
    return PDF


def _image_redraw(content: bytes, content_type: str, name: str) -> bytes:
    try:
        return image_reencode(
            io.BytesIO(content), image_format="PNG" if content_type == PNG else "JPEG", quality=90
        )
    except ImageRefused as refused:
        if refused.code == "too_many_pixels":
            raise Refusal(
                name, _("“%(name)s” has too many pixels (over 40 million)."), code="too_many_pixels"
            ) from refused
        raise Refusal(
            name, _("“%(name)s” could not be read as a picture: it may be damaged."), code="unreadable"
        ) from refused


def _office_check(content: bytes, name: str) -> str:
    """A .docx or .xlsx is a zip: prove it is one, harmless to open, without unpacking it."""
    not_office = Refusal(
        name, _("“%(name)s” is a zip archive, not a Word or Excel document."), code="not_office_document"
    )
    bomb = Refusal(
        name,
        _("“%(name)s” would unpack to far more than its size, which could harm readers' computers."),
        code="archive_bomb",
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES or sum(e.file_size for e in entries) > ZIP_MAX_UNCOMPRESSED:
            raise bomb
        if any(e.file_size > max(ZIP_RATIO_FLOOR, ZIP_MAX_RATIO * e.compress_size) for e in entries):
            raise bomb
        if any(e.flag_bits & 0x1 for e in entries):
            raise Refusal(name, _("“%(name)s” is encrypted or protected by a password."), code="encrypted")
        names = {e.filename for e in entries}
        lowered = {n.lower() for n in names}
        if any(n.endswith("vbaproject.bin") or "/activex/" in f"/{n}" for n in lowered):
            raise Refusal(name, _("“%(name)s” contains macros or ActiveX controls."), code="macros")
        if "[Content_Types].xml" not in names:
            raise not_office
        with archive.open("[Content_Types].xml") as part:
            declared = part.read(CONTENT_TYPES_MAX_BYTES).lower()
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError, EOFError) as error:
        raise not_office from error
    if b"macroenabled" in declared or b"vbaproject" in declared:
        raise Refusal(name, _("“%(name)s” contains macros or ActiveX controls."), code="macros")
    is_word, is_excel = "word/document.xml" in names, "xl/workbook.xml" in names
    if is_word == is_excel:
        raise not_office
    return DOCX if is_word else XLSX


@transaction.atomic
def attachment_create(*, attachment: A, prepared: PreparedAttachment, uploaded_by: User | None) -> A:
    """Store a prepared file under ``attachments/<yyyy>/<mm>/<random>.<ext>`` and save ``attachment`` (an
    unsaved instance of the concrete model, its owner set). If the row cannot be saved the file is removed;
    if the caller's transaction later rolls back, the stored file stays behind (see docs/attachments.md)."""
    storage = attachment.file.storage
    now = timezone.now()
    path = f"attachments/{now:%Y}/{now:%m}/{secrets.token_urlsafe(18)}{prepared.extension}"
    stored = storage.save(path, ContentFile(prepared.content))
    attachment.file.name = stored
    attachment.original_name = prepared.original_name
    attachment.content_type = prepared.content_type
    attachment.size = prepared.size
    attachment.sha256 = prepared.sha256
    attachment.uploaded_by = uploaded_by
    attachment.created_at = now
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment) -> None:
    """Delete the row now and its stored file once the transaction commits (a rollback keeps both)."""
    attachments_delete(attachments=[attachment])


@transaction.atomic
def attachments_delete(*, attachments: Iterable[Attachment]) -> int:
    """``attachment_delete`` for several, e.g. before their owner is deleted (a CASCADE would leave the
    files behind). Returns how many rows went."""
    count = 0
    for attachment in attachments:
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        if name:
            transaction.on_commit(functools.partial(storage.delete, name))
        count += 1
    return count


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266: an ASCII ``filename`` for old clients and the exact name as ``filename*`` (RFC 5987)."""
    stem, extension = os.path.splitext(filename)

    def ascii_only(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        return re.sub(r"[^A-Za-z0-9 ._()-]", "_", text).strip(" .")

    fallback = (ascii_only(stem) or "attachment") + "." + ascii_only(extension)
    return "{}; filename=\"{}\"; filename*=UTF-8''{}".format(
        "inline" if inline else "attachment", fallback.rstrip("."), quote(filename, safe="")
    )


def attachment_response(attachment: Attachment, *, inline: bool = False) -> FileResponse:
    """Stream a stored attachment from its storage (local disk or S3 alike). The calling view must already
    have checked that the reader may see what it belongs to. ``inline`` shows a picture in the browser; any
    other kind is always downloaded."""
    inline = inline and attachment.content_type in {PNG, JPEG}
    handle = attachment.file.storage.open(attachment.file.name or "", "rb")
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Length"] = str(attachment.size)
    response["Content-Disposition"] = content_disposition(attachment.download_name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    # A document opened by the browser runs in an opaque origin with nothing allowed: no script, no form, no
    # request to the portal with the reader's cookies.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Members-only: a shared cache (proxy, CDN) must never keep a copy for the next person.
    response["Cache-Control"] = "private, no-cache"
    return response


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg," + ",".join(ATTACHMENT_KINDS)


class AttachmentField(forms.FileField):
    """One file; ``cleaned_data`` holds a ``PreparedAttachment`` (or None when optional and left empty)."""

    widget = forms.FileInput(attrs={"accept": ACCEPT})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_empty_file", True)  # attachment_prepare's refusal names the empty file
        super().__init__(**kwargs)

    def clean(self, data: object, initial: object = None) -> PreparedAttachment | None:
        upload = super().clean(data, initial)
        return attachment_prepare(upload) if upload else None


class MultipleAttachmentField(forms.FileField):
    """Several files in one input; ``cleaned_data`` holds a list of ``PreparedAttachment``.

    Every file is checked and every refusal reported, each naming its file, so the member knows which to
    leave out. A browser cannot be given files back: when one is refused the form comes back with everything
    typed kept, nothing is stored, and the member chooses the files again (the message says so)."""

    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def __init__(self, *, max_files: int = 10, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_files = max_files

    def clean(self, data: object, initial: object = None) -> list[PreparedAttachment]:
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("Choose at most %(count)d files at a time.") % {"count": self.max_files},
                code="too_many_files",
            )
        prepared: list[PreparedAttachment] = []
        errors: list[ValidationError] = []
        for upload in uploads:
            try:
                prepared.append(attachment_prepare(cast(IO[bytes], upload)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            if prepared:
                errors.append(
                    ValidationError(
                        _(
                            "Nothing was uploaded: please choose your files again, leaving out the refused ones."
                        ),
                        code="choose_again",
                    )
                )
            raise ValidationError(errors)
        return prepared
