"""Stub (helper E): the advisory demo data, through the services."""

from __future__ import annotations

from typing import Any


def seed_advisory(**_: Any) -> dict[str, int]:
    return {}
