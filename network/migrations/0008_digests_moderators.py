"""Moderators see the digests in the admin (runs, deliveries, members' email choices) and may send a failed
digest again (``change_digestdelivery``: the admin's "Send again"; nothing else there is editable)."""

from django.db import migrations

from network.moderators import moderators_grant

MODERATOR_PERMISSIONS = [
    ("network", "digestrun", ["view_digestrun"]),
    ("network", "digestdelivery", ["view_digestdelivery", "change_digestdelivery"]),
    ("network", "emailchoiceevent", ["view_emailchoiceevent"]),
]


def grant(apps, schema_editor):
    moderators_grant(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("network", "0007_digests")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
