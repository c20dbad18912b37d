"""Everything the portal holds about a person: the export a member downloads, and the hooks of account deletion.

Each app that stores a person's data adds one function to each of two settings (dotted paths, so ``network``
never imports a feature app):

- ``PERSONAL_DATA_EXPORTERS``: ``export(user) -> dict[str, Any]``, the app's sections of the download (JSON-ready
  values only: strings, numbers, booleans, lists, dicts; dates as ISO strings);
- ``ACCOUNT_DELETION_HOOKS``: ``delete(*, user) -> dict[str, int]``, called inside the deletion's transaction
  before the user row goes; it removes what must go, detaches what is kept, and returns counts for the record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from network.hooks import hooks_run
from network.models import Membership, User

EXPORT_FORMAT_VERSION = 1


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "password": "stored only as a one-way hash, not exported",
    }


def _email_addresses(user: User) -> list[dict[str, Any]]:
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _membership(user: User) -> dict[str, Any] | None:
    membership = Membership.objects.filter(user=user).prefetch_related("themes", "events__actor").first()
    if membership is None:
        return None

    def by(actor: User | None) -> str:
        # Who decided is a moderator's own data: the export says "you" or "staff", never a colleague's name.
        if actor is None:
            return "deleted account"
        return "you" if actor.pk == user.pk else "staff"

    return {
        "status": membership.status,
        "country": str(membership.country_id),
        "organisation": membership.organisation,
        "position": membership.position,
        "themes": sorted(theme.slug for theme in membership.themes.all()),
        "motivation": membership.motivation,
        "is_focal_point": membership.is_focal_point,
        "applied_at": iso(membership.applied_at),
        "decided_at": iso(membership.decided_at),
        "decision_note": membership.decision_note,
        "history": [
            {
                "at": iso(event.created_at),
                "from": event.from_status,
                "to": event.to_status,
                "by": by(event.actor),
                "note": event.note,
            }
            for event in sorted(membership.events.all(), key=lambda event: (event.created_at, event.pk))
        ],
    }


def account_export(user: User) -> dict[str, Any]:
    """The whole download: the network's own sections, then each exporter's, in settings order."""
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": iso(timezone.now()),
        "account": _account(user),
        "email_addresses": _email_addresses(user),
        "membership": _membership(user),
    }
    for section in hooks_run("PERSONAL_DATA_EXPORTERS", user=user):
        data.update(section)
    return data
