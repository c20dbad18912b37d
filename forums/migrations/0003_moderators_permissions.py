"""The Moderators group moderates the forums: they work the flag queue and the premoderation queue, decide about
posts, threads and quick updates (status only through the moderation actions, which need the change permission),
read the moderation histories and posts' attachments, edit categories and the forum's switches — never add or
delete a post, thread, flag or category here (members write; hiding keeps the history) nor write history by hand."""

from django.db import migrations

from network.moderators import moderators_grant, moderators_revoke

MODERATOR_PERMISSIONS = [
    ("flag", ["view_flag", "change_flag"]),
    ("flagevent", ["view_flagevent"]),
    ("post", ["view_post", "change_post"]),
    ("postevent", ["view_postevent"]),
    ("postattachment", ["view_postattachment"]),
    ("thread", ["view_thread", "change_thread"]),
    ("threadevent", ["view_threadevent"]),
    ("category", ["view_category", "change_category"]),
    ("forumsettings", ["view_forumsettings", "change_forumsettings"]),
    ("quickupdate", ["view_quickupdate", "change_quickupdate"]),
]


def grant(apps, schema_editor):
    moderators_grant(apps, [("forums", model, codenames) for model, codenames in MODERATOR_PERMISSIONS])


def revoke(apps, schema_editor):
    moderators_revoke(apps, "forums")


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_categories"),
        ("network", "0003_moderators_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
