"""Profile photos: the type read from the bytes (libmagic), re-encoded by Pillow into a small WebP.

What a member uploads is never stored or served as sent: whatever the name or the declared type, the content
must be a JPEG, PNG, WebP or GIF picture; it is decoded, turned upright, reduced to ``PHOTO_SIZE`` and written
anew as WebP, which drops EXIF (camera, GPS position), ICC and any other metadata or trailing payload. The
type check and the re-encoding are ``network/uploads.py``'s, shared with attachments.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from experts.models import ExpertProfile
from network.uploads import picture_process

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PHOTO_SIZE = (480, 480)


def photo_process(upload: File) -> ContentFile:
    """Check an uploaded picture and return it re-encoded as a small WebP, or raise ``ValidationError``."""
    return picture_process(
        upload,
        max_bytes=MAX_UPLOAD_BYTES,
        size=PHOTO_SIZE,
        quality=80,
        name="photo.webp",
        too_large=_("This photo is too large: the limit is 5 MB. Please choose a smaller picture."),
        not_a_picture=_(
            "This file is not a picture we accept: please upload a JPEG, PNG, WebP or GIF photo."
        ),
    )


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
