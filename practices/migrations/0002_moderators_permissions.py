"""The Moderators group moderates good practices: they see every practice and correct its content (status only
through the moderation actions, which need the change permission), correct its sources and links, and read its
moderation history, submitted versions and endorsements — never add or delete a practice (members submit them;
deleting would erase the audit trail) nor write history, versions or endorsements by hand."""

from django.db import migrations

from network.moderators import moderators_grant, moderators_revoke

MODERATOR_PERMISSIONS = [
    ("goodpractice", ["view_goodpractice", "change_goodpractice"]),
    ("goodpracticeevent", ["view_goodpracticeevent"]),
    ("practiceversion", ["view_practiceversion"]),
    ("practicelink", ["view_practicelink", "add_practicelink", "change_practicelink", "delete_practicelink"]),
    ("endorsement", ["view_endorsement"]),
]


def grant(apps, schema_editor):
    moderators_grant(apps, [("practices", model, codenames) for model, codenames in MODERATOR_PERMISSIONS])


def revoke(apps, schema_editor):
    moderators_revoke(apps, "practices")


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_good_practices"),
        ("network", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
