"""Stub (helper): the practices section of a member's digest (network/digest.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from network.digest import DigestSection, digest_section


@digest_section("practices", _("New good practices in my themes or region"))
def section(user: Any, since: datetime) -> DigestSection | None:
    return None
