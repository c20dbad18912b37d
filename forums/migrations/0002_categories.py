"""Seed the discussion categories (forums/forum_data.py), each linked to its themes; upsert by slug so staff
edits of names and descriptions made later are not the business of a fresh database's history."""

from django.db import migrations

from forums.forum_data import CATEGORIES


def load(apps, schema_editor):
    Category = apps.get_model("forums", "Category")
    Theme = apps.get_model("network", "Theme")
    for position, (slug, name, theme_slugs) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
        category.themes.add(*Theme.objects.filter(slug__in=theme_slugs))


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_forums"),
        ("network", "0002_taxonomy_data"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
