"""Quick updates: members post short news of their own (≤ 500 characters, an optional https link) to the
members-only feed on the members' home.

A double submit (a double click, a flaky network resending) makes one row: the form carries a once-only token
(network/idempotency.py), as every form that creates something does.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.models import QUICK_UPDATE_MAX, QuickUpdate
from network.permissions import is_member


def quick_update_clean(*, body: str, link: str) -> tuple[str, str]:
    """The text and link as stored, or ``ValidationError`` saying what to change."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your update first."), code="empty")
    if len(body) > QUICK_UPDATE_MAX:
        raise ValidationError(
            _("An update holds at most %(max)d characters; yours has %(count)d. Please shorten it."),
            code="too_long",
            params={"max": QUICK_UPDATE_MAX, "count": len(body)},
        )
    link = link.strip()
    if link and (urlsplit(link).scheme != "https" or not urlsplit(link).hostname):
        raise ValidationError(_("The link must be a full https:// address."), code="link")
    return body, link


@transaction.atomic
def quick_update_post(*, author: Any, body: str, link: str = "") -> QuickUpdate:
    """Post a quick update for ``author`` (an approved member or staff)."""
    if not is_member(author):
        raise PermissionDenied(_("Only members post quick updates."))
    body, link = quick_update_clean(body=body, link=link)
    return QuickUpdate.objects.create(author=author, body=body, link=link)
