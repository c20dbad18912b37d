"""What every upload needs, whatever it becomes: its type read from the bytes, and pictures drawn anew.

Shared by profile photos (``experts/photos.py``), news images (``forums/services/news.py``) and attachments
(``network/attachments.py``). A name or a
browser's declared content type is never trusted: libmagic (Debian's ``libmagic1``) reads the first bytes.
A picture is decoded and encoded again by Pillow, which keeps the pixels and drops everything else (EXIF with
camera and GPS position, ICC, comments, a payload appended after the image data).
"""

from __future__ import annotations

import io
import warnings
from typing import IO, TYPE_CHECKING

import magic
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

if TYPE_CHECKING:  # django-stubs' alias for a string or a lazy translation (a development dependency)
    from django_stubs_ext import StrOrPromise

SNIFF_BYTES = 8192
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
MAX_PIXELS = 40_000_000  # a 50-megapixel bomb is refused before it is decoded


class ImageRefused(ValueError):
    """Pillow could not turn these bytes into a safe picture; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # "too_many_pixels" or "unreadable"


def sniff_content_type(source: IO[bytes]) -> str:
    """The MIME type libmagic reads from the first bytes; the file is left at its start."""
    source.seek(0)
    head = source.read(SNIFF_BYTES)
    source.seek(0)
    return str(magic.from_buffer(head, mime=True))


def image_reencode(
    source: IO[bytes], *, image_format: str, max_size: tuple[int, int] | None = None, quality: int = 85
) -> bytes:
    """Decode a picture, turn it upright and write it anew as ``image_format`` (``"WEBP"``, ``"PNG"``,
    ``"JPEG"``), reduced to fit ``max_size`` if given. Raises ``ImageRefused``."""
    source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ImageRefused("too_many_pixels")
                image.load()
                picture = ImageOps.exif_transpose(image)
                has_alpha = picture.mode in {"RGBA", "LA", "PA"} or (
                    picture.mode == "P" and "transparency" in picture.info
                )
                keeps_alpha = has_alpha and image_format != "JPEG"
                picture = picture.convert("RGBA" if keeps_alpha else "RGB")
                if max_size:
                    picture.thumbnail(max_size)
                out = io.BytesIO()
                # No exif=, icc_profile= or pnginfo= arguments: the new file carries pixels only.
                picture.save(out, format=image_format, quality=quality, optimize=True)
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused("too_many_pixels") from error
    except (OSError, ValueError, SyntaxError) as error:
        raise ImageRefused("unreadable") from error
    return out.getvalue()


def picture_process(
    upload: File,
    *,
    max_bytes: int,
    size: tuple[int, int],
    quality: int,
    name: str,
    too_large: StrOrPromise,
    not_a_picture: StrOrPromise,
) -> ContentFile:
    """A JPEG, PNG, WebP or GIF upload checked by its bytes and drawn anew as a WebP no larger than ``size``, or a
    ``ValidationError`` (codes too_large, not_an_image, too_many_pixels, unreadable). The caller words the first
    two refusals for what the picture is (a profile photo, a news image…)."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(too_large, code="too_large")
    if sniff_content_type(upload) not in PICTURE_TYPES:
        raise ValidationError(not_a_picture, code="not_an_image")
    try:
        webp = image_reencode(upload, image_format="WEBP", max_size=size, quality=quality)
    except ImageRefused as refused:
        if refused.code == "too_many_pixels":
            raise ValidationError(
                _("This picture has too many pixels: please upload a smaller one."), code="too_many_pixels"
            ) from refused
        raise ValidationError(
            _("This picture could not be read: it may be damaged. Please try another file."),
            code="unreadable",
        ) from refused
    return ContentFile(webp, name=name)
