"""The experts app's part of "Your data": its sections of the download and its account-deletion hook.

Listed in ``settings.PERSONAL_DATA_EXPORTERS`` and ``settings.ACCOUNT_DELETION_HOOKS`` (network/your_data.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from experts.models import ContactBlock, ContactMessage, ExpertProfile
from network.models import User
from network.your_data import iso


def _profile(user: User) -> dict[str, Any] | None:
    profile = (
        ExpertProfile.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("themes", "languages", "links")
        .first()
    )
    if profile is None:
        return None
    return {
        "address": profile.slug,
        "visibility": profile.visibility,
        "headline": profile.headline,
        "biography": profile.bio,
        "organisation_in_directory": profile.organisation.name if profile.organisation else None,
        "themes": sorted(theme.slug for theme in profile.themes.all()),
        "pillars": sorted(profile.pillars),
        "years_of_experience": profile.years_of_experience,
        "availability": sorted(profile.availability),
        "phone": profile.phone,
        "photo": profile.photo.name or None,
        "contact_enabled": profile.contact_enabled,
        "last_active_at": iso(profile.last_active_at),
        "created_at": iso(profile.created_at),
        "updated_at": iso(profile.updated_at),
        "languages": [
            {"language": language.language, "level": language.level} for language in profile.languages.all()
        ],
        "links": [
            {"kind": link.kind, "title": link.title, "url": link.url, "year": link.year}
            for link in profile.links.all()
        ],
    }


def export(user: User) -> dict[str, Any]:
    """The profile, the messages the person sent (to whom, by name only) and the senders they blocked."""
    sent = ContactMessage.objects.filter(sender=user).select_related("recipient").order_by("created_at", "pk")
    blocked = ContactBlock.objects.filter(blocker=user).select_related("blocked").order_by("created_at", "pk")
    return {
        "expert_profile": _profile(user),
        "messages_sent": [
            {
                "to": message.recipient.display_name if message.recipient else "deleted member",
                "subject": message.subject,
                "message": message.body,
                "sent_at": iso(message.created_at),
            }
            for message in sent
        ],
        "senders_blocked": [
            {"name": block.blocked.display_name, "since": iso(block.created_at)} for block in blocked
        ],
    }


def delete(*, user: User) -> dict[str, int]:
    """Remove the profile (with its languages, links and photo) and the person's blocks; keep the messages
    they sent, detached from them, for staff handling abuse reports."""
    messages_kept = ContactMessage.objects.filter(sender=user).update(sender=None)
    blocks_removed = ContactBlock.objects.filter(blocker=user).delete()[0]
    profile = ExpertProfile.objects.filter(user=user).first()
    profiles_removed = 0
    if profile is not None:
        storage, photo_name = profile.photo.storage, profile.photo.name
        if photo_name:
            # The file goes once the deletion is committed: a rollback keeps the profile and its photo.
            transaction.on_commit(lambda: storage.delete(photo_name))
        profile.delete()
        profiles_removed = 1
    return {
        "expert_profiles_removed": profiles_removed,
        "messages_sent_kept_as_deleted_member": messages_kept,
        "blocks_removed": blocks_removed,
    }
