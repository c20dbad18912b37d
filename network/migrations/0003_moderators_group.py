"""The Moderators group: UNOCT staff who moderate in the admin, with exactly these permissions.

Later apps add their own moderation permissions to this group in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("network", "membership", ["view_membership", "change_membership", "decide_membership"]),
    ("network", "membershipevent", ["view_membershipevent"]),
    ("network", "user", ["view_user"]),
    ("network", "theme", ["view_theme", "add_theme", "change_theme"]),
    ("network", "country", ["view_country", "change_country"]),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after migrate (post_migrate); make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # create_permissions skips apps without one
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, model, codenames in MODERATOR_PERMISSIONS:
        perms = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename__in=codenames
        )
        if perms.count() != len(codenames):
            raise RuntimeError(f"missing permissions for {app_label}.{model}: {codenames}")
        group.permissions.add(*perms)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_taxonomy_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, delete_group)]
