"""News items (staff, public): the body rendered once from Markdown; the image checked by its bytes and drawn
anew (``network/uploads.py``, as profile photos are), so what is served carries pixels only."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from forums.models import NewsItem
from network.markdown import markdown_render
from network.uploads import ImageRefused, image_reencode, sniff_content_type

MAX_IMAGE_BYTES = 8 * 1024 * 1024
IMAGE_SIZE = (1600, 1200)
ACCEPTED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})


def news_image_process(upload: File) -> ContentFile:
    """Check an uploaded picture and return it re-encoded as WebP, or raise ``ValidationError``."""
    if upload.size is None or upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This image is too large: the limit is 8 MB. Please choose a smaller picture."),
            code="too_large",
        )
    if sniff_content_type(upload) not in ACCEPTED_TYPES:
        raise ValidationError(
            _("This file is not a picture we accept: please upload a JPEG, PNG, WebP or GIF image."),
            code="not_an_image",
        )
    try:
        webp = image_reencode(upload, image_format="WEBP", max_size=IMAGE_SIZE, quality=82)
    except ImageRefused as refused:
        if refused.code == "too_many_pixels":
            raise ValidationError(
                _("This picture has too many pixels: please upload a smaller one."), code="too_many_pixels"
            ) from refused
        raise ValidationError(
            _("This picture could not be read: it may be damaged. Please try another file."),
            code="unreadable",
        ) from refused
    return ContentFile(webp, name="news.webp")


@transaction.atomic
def news_save(
    *, item: NewsItem, actor: Any, image: ContentFile | None = None, remove_image: bool = False
) -> NewsItem:
    """Save a news item written by staff: render its body; store a new image made by ``news_image_process``
    under an unguessable name (the old file deleted on commit). An image needs its description."""
    item.body_html = markdown_render(item.body)
    if item.author_id is None:
        item.author = actor
    old = item.image.name if item.image else None
    if image is not None or remove_image:
        item.image = ""
    if image is not None:
        item.image.save(f"{item.slug[:60]}-{secrets.token_urlsafe(8)}.webp", image, save=False)
    if item.image and not item.image_alt.strip():
        raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
    item.save()
    if old and old != (item.image.name if item.image else None):
        storage = item.image.storage
        transaction.on_commit(lambda: storage.delete(old))
    return item
