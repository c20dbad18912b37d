"""Load the four pillars' curated themes (network/taxonomy_data.py) and every country with its M49 classification.

Countries come from network/data/countries_m49.csv (UN M49 + flags); the network's region and scope are
derived here once and staff can override both in the admin afterwards.
"""

import csv
from pathlib import Path

from django.db import migrations

# The one list of curated themes, shared with the models' translations; see that module on changing it.
from network.taxonomy_data import CURATED_THEMES

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "countries_m49.csv"

# The "Middle East" of the network: M49 Northern Africa + Western Asia, plus Iran (TAXONOMY.md).
MIDDLE_EAST_SUBREGIONS = {"Northern Africa", "Western Asia"}
MIDDLE_EAST_EXTRA = {"IR"}


def network_region(row):
    if row["subregion"] in MIDDLE_EAST_SUBREGIONS or row["iso2"] in MIDDLE_EAST_EXTRA:
        return "middle-east"
    if row["region"] == "Africa":
        return "africa"
    if row["region"] == "Asia":
        return "asia"
    if row["subregion"] == "Latin America and the Caribbean":
        return "latin-america-caribbean"
    return "other"


def load(apps, schema_editor):
    Theme = apps.get_model("network", "Theme")
    Country = apps.get_model("network", "Country")
    for position, (slug, name, pillars) in enumerate(CURATED_THEMES):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "pillars": pillars, "position": position}
        )
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    Country.objects.bulk_create(
        [
            Country(
                code=row["iso2"],
                m49=row["m49"],
                m49_region=row["region"],
                m49_subregion=row["subregion"],
                m49_intermediate=row["intermediate"],
                is_ldc=row["ldc"] == "True",
                is_lldc=row["lldc"] == "True",
                is_sids=row["sids"] == "True",
                is_g77=row["g77"] == "True",
                network_region=network_region(row),
                in_network=row["global_south"] == "True",
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    apps.get_model("network", "Country").objects.all().delete()
    apps.get_model("network", "Theme").objects.filter(slug__in=[t[0] for t in CURATED_THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
