"""The Moderators group: what each app's data migration grants it, done one way.

A migration passes its historical ``apps`` and ``(app_label, model, [codenames])`` triples. Permissions are
normally created after ``migrate`` (post_migrate), so they are created here first; a codename that does not exist
stops the migration rather than granting less than it says. Keep this stable: migrations call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.management import create_permissions

GROUP_NAME = "Moderators"
Grant = tuple[str, str, Sequence[str]]


def moderators_grant(apps: Any, permissions: Iterable[Grant]) -> None:
    permissions = list(permissions)
    for app_label in {app_label for app_label, _model, _codenames in permissions}:
        app_config = apps.get_app_config(app_label)
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # create_permissions skips apps without one
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codenames in permissions:
        found = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename__in=codenames
        )
        if found.count() != len(codenames):
            raise RuntimeError(f"missing permissions for {app_label}.{model}: {codenames}")
        group.permissions.add(*found)


def moderators_revoke(apps: Any, app_label: str) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is not None:
        Permission = apps.get_model("auth", "Permission")
        group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label))
