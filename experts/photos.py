"""Profile photos: the type read from the bytes (libmagic), re-encoded by Pillow into a small WebP.

What a member uploads is never stored or served as sent: whatever the name or the declared type, the content
must be a JPEG, PNG, WebP or GIF picture; it is decoded, turned upright, reduced to ``PHOTO_SIZE`` and written
anew as WebP, which drops EXIF (camera, GPS position), ICC and any other metadata or trailing payload. The
type check and the re-encoding are ``network/uploads.py``'s, shared with attachments.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertProfile
from network.uploads import ImageRefused, image_reencode, sniff_content_type

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PHOTO_SIZE = (480, 480)
ACCEPTED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})


def photo_process(upload: File) -> ContentFile:
    """Check an uploaded picture and return it re-encoded as a small WebP, or raise ``ValidationError``."""
    if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This photo is too large: the limit is 5 MB. Please choose a smaller picture."),
            code="too_large",
        )
    if sniff_content_type(upload) not in ACCEPTED_TYPES:
        raise ValidationError(
            _("This file is not a picture we accept: please upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        )
    try:
        webp = image_reencode(upload, image_format="WEBP", max_size=PHOTO_SIZE, quality=80)
    except ImageRefused as refused:
        if refused.code == "too_many_pixels":
            raise ValidationError(
                _("This picture has too many pixels: please upload a smaller one."), code="too_many_pixels"
            ) from refused
        raise ValidationError(
            _("This picture could not be read: it may be damaged. Please try another file."),
            code="unreadable",
        ) from refused
    return ContentFile(webp, name="photo.webp")


@transaction.atomic
def profile_photo_set(*, profile: ExpertProfile, photo: File) -> ExpertProfile:
    """Store a photo made by ``photo_process`` under a fresh, unguessable name; the old file is deleted."""
    profile_photo_remove(profile=profile)
    profile.photo.save(f"{profile.slug}-{secrets.token_urlsafe(8)}.webp", photo, save=False)
    profile.save(update_fields=["photo"])
    return profile


@transaction.atomic
def profile_photo_remove(*, profile: ExpertProfile) -> ExpertProfile:
    old = profile.photo.name if profile.photo else None
    if old:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old))
        profile.photo = ""
        profile.save(update_fields=["photo"])
    return profile
