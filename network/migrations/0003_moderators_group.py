"""The Moderators group: UNOCT staff who moderate in the admin, with exactly these permissions.

Later apps add their own moderation permissions to this group in their own migrations.
"""

from django.db import migrations

from network.moderators import moderators_grant

MODERATOR_PERMISSIONS = [
    ("network", "membership", ["view_membership", "change_membership", "decide_membership"]),
    ("network", "membershipevent", ["view_membershipevent"]),
    ("network", "user", ["view_user"]),
    ("network", "theme", ["view_theme", "add_theme", "change_theme"]),
    ("network", "country", ["view_country", "change_country"]),
]


def create_group(apps, schema_editor):
    moderators_grant(apps, MODERATOR_PERMISSIONS)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_taxonomy_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, delete_group)]
