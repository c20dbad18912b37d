"""The Moderators group handles experts too: they see and correct profiles and organisations (the Centre of
Excellence flag, an organisation link, a profile that must come down) and read the messages members send
(abuse handling), but never add or delete a profile (approval creates it) nor write a message."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("expertprofile", ["view_expertprofile", "change_expertprofile"]),
    ("organisation", ["view_organisation", "add_organisation", "change_organisation"]),
    ("profilelanguage", ["view_profilelanguage", "add_profilelanguage", "change_profilelanguage",
                         "delete_profilelanguage"]),
    ("profilelink", ["view_profilelink", "add_profilelink", "change_profilelink", "delete_profilelink"]),
    ("contactmessage", ["view_contactmessage"]),
    ("contactblock", ["view_contactblock"]),
]  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("experts")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # create_permissions skips apps without one
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for model, codenames in MODERATOR_PERMISSIONS:
        perms = Permission.objects.filter(
            content_type__app_label="experts", content_type__model=model, codename__in=codenames
        )
        if perms.count() != len(codenames):
            raise RuntimeError(f"missing permissions for experts.{model}: {codenames}")
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Moderators").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="experts"))


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0001_expert_profiles"),
        ("network", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
