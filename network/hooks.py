"""Hooks: how ``network`` tells feature apps that something happened without importing them.

A setting lists dotted paths of functions (``MEMBERSHIP_APPROVED_HOOKS = ["experts.services.profiles.
profile_create_for"]``); the service that made the change calls ``hooks_run("MEMBERSHIP_APPROVED_HOOKS",
membership=membership)`` inside its transaction, so a hook that fails rolls the whole change back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


def hooks_load(setting_name: str) -> list[Callable[..., Any]]:
    """The functions listed in ``settings.<setting_name>``, in order (the one place that reads such a list:
    hooks, personal-data exporters and deletion hooks, digest sections)."""
    return [import_string(path) for path in getattr(settings, setting_name, [])]


def hooks_run(setting_name: str, **kwargs: Any) -> list[Any]:
    """Call every function listed in ``settings.<setting_name>`` with these keyword arguments, in order;
    returns what each returned."""
    return [hook(**kwargs) for hook in hooks_load(setting_name)]
