"""When followers were told that a time-boxed e-discussion opened (set once by the beat task); the Moderators
open and run e-discussions and publish news."""

from django.db import migrations, models

from network.moderators import moderators_grant

MODERATOR_PERMISSIONS = [
    ("consultation", ["view_consultation", "add_consultation", "change_consultation"]),
    (
        "consultationsummary",
        ["view_consultationsummary", "add_consultationsummary", "change_consultationsummary"],
    ),
    ("newsitem", ["view_newsitem", "add_newsitem", "change_newsitem", "delete_newsitem"]),
]


def grant(apps, schema_editor):
    moderators_grant(apps, [("forums", model, codenames) for model, codenames in MODERATOR_PERMISSIONS])


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0003_moderators_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="opened_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
