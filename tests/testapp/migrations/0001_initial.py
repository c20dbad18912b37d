# Test-only app (tests/settings.py). A migration because tables of unmigrated apps are made before
# migrated ones, and these rows point at network's users, countries and themes.

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("network", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "visibility",
                    models.CharField(
                        choices=[
                            ("public", "Public: anyone, including visitors"),
                            ("members", "Members of the network only"),
                            ("hidden", "Hidden: only me and the network's staff"),
                        ],
                        db_index=True,
                        default="members",
                        help_text="Who can see this.",
                        max_length=10,
                        verbose_name="visibility",
                    ),
                ),
                ("title", models.CharField(max_length=100)),
                (
                    "pillars",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.PositiveSmallIntegerField(
                            choices=[
                                (1, "Addressing the conditions conducive to the spread of terrorism"),
                                (2, "Preventing and combating terrorism"),
                                (
                                    3,
                                    "Building States' capacity and strengthening the role of the United Nations",
                                ),
                                (4, "Ensuring human rights and the rule of law"),
                            ]
                        ),
                        blank=True,
                        default=list,
                        size=None,
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        blank=True,
                        help_text="Markdown: **bold**, _italic_, [a link](https://example.org), lists and tables.",
                        verbose_name="body",
                    ),
                ),
                ("body_html", models.TextField(blank=True, editable=False, verbose_name="body (HTML)")),
                (
                    "country",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="network.country",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("themes", models.ManyToManyField(blank=True, related_name="+", to="network.theme")),
            ],
            options={
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("visibility__in", ["public", "members", "hidden"])),
                        name="testapp_item_visibility_valid",
                    )
                ],
            },
        ),
    ]
