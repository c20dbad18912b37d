"""Hooks: how ``network`` tells feature apps that something happened without importing them.

A setting lists dotted paths of functions (``MEMBERSHIP_APPROVED_HOOKS = ["experts.services.profiles.
profile_create_for"]``); the service that made the change calls ``hooks_run("MEMBERSHIP_APPROVED_HOOKS",
membership=membership)`` inside its transaction, so a hook that fails rolls the whole change back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def hooks_run(setting_name: str, **kwargs: Any) -> list[Any]:
    """Call every function listed in ``settings.<setting_name>`` with these keyword arguments, in order;
    returns what each returned."""
    return [import_string(path)(**kwargs) for path in getattr(settings, setting_name, [])]
