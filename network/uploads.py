"""What every upload needs, whatever it becomes: its type read from the bytes, and pictures drawn anew.

Shared by profile photos (``experts/photos.py``) and attachments (``network/attachments.py``). A name or a
browser's declared content type is never trusted: libmagic (Debian's ``libmagic1``) reads the first bytes.
A picture is decoded and encoded again by Pillow, which keeps the pixels and drops everything else (EXIF with
camera and GPS position, ICC, comments, a payload appended after the image data).
"""

from __future__ import annotations

import io
import warnings
from typing import IO

import magic
from PIL import Image, ImageOps

SNIFF_BYTES = 8192
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
