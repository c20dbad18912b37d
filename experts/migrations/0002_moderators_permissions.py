"""The Moderators group handles experts too: they see and correct profiles and organisations (the Centre of
Excellence flag, an organisation link, a profile that must come down) and read the messages members send
(abuse handling), but never add or delete a profile (approval creates it) nor write a message."""

from django.db import migrations

from network.moderators import moderators_grant, moderators_revoke

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
    moderators_grant(apps, [("experts", model, codenames) for model, codenames in MODERATOR_PERMISSIONS])


def revoke(apps, schema_editor):
    moderators_revoke(apps, "experts")


class Migration(migrations.Migration):
    dependencies = [
        ("experts", "0001_expert_profiles"),
        ("network", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
