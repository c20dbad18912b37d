"""Stub (helper): the forums' sections of a member's digest (network/digest.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from network.digest import DigestSection, digest_section


@digest_section("followed", _("Discussions I follow"))
def followed_section(user: Any, since: datetime) -> DigestSection | None:
    return None


@digest_section("discussions", _("New discussions in my themes"))
def discussions_section(user: Any, since: datetime) -> DigestSection | None:
    return None


@digest_section("updates", _("Quick updates"))
def updates_section(user: Any, since: datetime) -> DigestSection | None:
    return None
