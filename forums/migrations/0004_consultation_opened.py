"""When followers were told that a time-boxed e-discussion opened (set once by the beat task)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="opened_notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
