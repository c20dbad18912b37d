"""Stub (helper E): the advisory app's part of "Your data"."""

from __future__ import annotations

from typing import Any

from network.models import User


def export(user: User) -> dict[str, Any]:
    return {}


def delete(*, user: User) -> dict[str, int]:
    return {}
