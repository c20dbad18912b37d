# Files attached to good practices (network.models.Attachment + the practice); moderators may read them.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import network.storage
from network.moderators import moderators_grant


def grant_view(apps, schema_editor):
    """Moderators read a practice's files (and download them from the admin) as they read the practice."""
    moderators_grant(apps, [("practices", "practiceattachment", ["view_practiceattachment"])])


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0003_handbook"),
        ("network", "0003_moderators_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PracticeAttachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        editable=False,
                        max_length=200,
                        storage=network.storage.attachment_storage,
                        upload_to="",
                        verbose_name="file",
                    ),
                ),
                (
                    "original_name",
                    models.CharField(
                        help_text="As the member's computer named it, cleaned for display.",
                        max_length=255,
                        verbose_name="file name",
                    ),
                ),
                (
                    "content_type",
                    models.CharField(
                        choices=[
                            ("application/pdf", "PDF document"),
                            (
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                "Word document",
                            ),
                            (
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                "Excel spreadsheet",
                            ),
                            ("image/png", "PNG image"),
                            ("image/jpeg", "JPEG image"),
                        ],
                        editable=False,
                        max_length=100,
                        verbose_name="type",
                    ),
                ),
                ("size", models.PositiveIntegerField(editable=False, verbose_name="size in bytes")),
                ("sha256", models.CharField(editable=False, max_length=64, verbose_name="SHA-256")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="uploaded at"
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        blank=True,
                        help_text="Shown instead of the file name when given.",
                        max_length=200,
                        verbose_name="title",
                    ),
                ),
                ("description", models.CharField(blank=True, max_length=500, verbose_name="description")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="practices.goodpractice",
                        verbose_name="good practice",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["position", "created_at", "pk"],
                "abstract": False,
            },
        ),
        migrations.RunPython(grant_view, migrations.RunPython.noop),
    ]
