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
from network.uploads import picture_process

MAX_IMAGE_BYTES = 8 * 1024 * 1024
IMAGE_SIZE = (1600, 1200)


def news_image_process(upload: File) -> ContentFile:
    """Check an uploaded picture and return it re-encoded as WebP, or raise ``ValidationError``."""
    return picture_process(
        upload,
        max_bytes=MAX_IMAGE_BYTES,
        size=IMAGE_SIZE,
        quality=82,
        name="news.webp",
        too_large=_("This image is too large: the limit is 8 MB. Please choose a smaller picture."),
        not_a_picture=_(
            "This file is not a picture we accept: please upload a JPEG, PNG, WebP or GIF image."
        ),
    )


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
