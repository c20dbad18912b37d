"""One-click unsubscribe (RFC 8058): a signed link per member and kind of email.

Every digest and notification email carries ``List-Unsubscribe: <https://…/unsubscribe/<token>/>`` and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``. The token names the member and the kind, signed with the
site's secret: it cannot be forged, nor used for another member or another kind. A GET of the link shows a
confirmation page and changes nothing (link scanners follow links); a POST (the mail client's one click, or the
page's button) turns that kind of email off, without signing in, and is recorded (network/views_unsubscribe.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.models import User

SALT = "network.unsubscribe"


class UnsubscribeKind(models.TextChoices):
    DIGEST = "digest", _("the email digest")
    NOTIFICATIONS = "notifications", _("emails for each notification")


def unsubscribe_token(member: User, kind: str) -> str:
    return signing.dumps({"u": member.pk, "k": str(kind)}, salt=SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(member id, kind) of a genuine token; None for anything forged, cut or of an unknown kind."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("u"), int)
        or data.get("k") not in UnsubscribeKind.values
    ):
        return None
    return data["u"], data["k"]


def unsubscribe_path(member: User, kind: str) -> str:
    return reverse("network:unsubscribe", kwargs={"token": unsubscribe_token(member, kind)})


def unsubscribe_headers(member: User, kind: str) -> dict[str, str]:
    """The two headers mail clients show as an "Unsubscribe" button that works in one click."""
    return {
        "List-Unsubscribe": f"<{settings.SITE_URL.rstrip('/')}{unsubscribe_path(member, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
