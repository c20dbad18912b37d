"""Every string the portal shows is translated in all six catalogues, and the taxonomy reads in each language.

The catalogue check extracts the strings marked in the code the way `makemessages` does, into a copy of the
tree, so a string added without a translation turns the build red (fill it in, then `make messages`).
"""

from __future__ import annotations

import ast
import csv
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.utils import translation

from network.models import Country, NetworkRegion, Pillar, Theme
from network.taxonomy_data import CURATED_THEME_NAMES, CURATED_THEMES, M49_AREA_NAMES
from tests.conftest import TOTP_SECRET

ROOT = Path(settings.BASE_DIR)
LOCALES = ["fr", "es", "ar", "zh_Hans", "ru", "pt"]  # directory names under locale/
LANGUAGES = ["fr", "es", "ar", "zh-hans", "ru", "pt"]  # the same, as Django language codes
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".data", ".git", "node_modules", "staticfiles", "__pycache__", ".*_cache", "*.mo"
)


@dataclass
class Entry:
    msgid: str
    msgstrs: list[str]
    fuzzy: bool

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstrs)


def read_po(path: Path) -> dict[str, Entry]:
    """The catalogue's current entries by msgid (obsolete `#~` entries and the header left out)."""
    entries: dict[str, Entry] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fuzzy, fields, current = False, {}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith(("msgctxt", "msgid", "msgstr")):
                current, _, literal = line.partition(" ")
                fields[current] = ast.literal_eval(literal)
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        msgid = fields.get("msgid")
        if msgid:
            msgstrs = [value for key, value in fields.items() if key.startswith("msgstr")]
            entries[msgid] = Entry(msgid, msgstrs, fuzzy)
    return entries


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Entry]]:
    """The catalogues as `makemessages` leaves them after extracting today's code into a copy of the tree.

    A separate process, so that neither its settings (LOCALE_PATHS of the copy) nor its working directory touch
    this one's translation state."""
    copy = tmp_path_factory.mktemp("i18n") / "tree"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    command = [
        sys.executable,
        "manage.py",
        "makemessages",
        "--ignore=.venv",
        "--ignore=.data",
        "--no-obsolete",
    ]
    command += [f"--locale={locale}" for locale in LOCALES]
    environment = {**os.environ, "PYTHONPATH": str(copy), "DJANGO_SETTINGS_MODULE": "network.settings"}
    subprocess.run(command, cwd=copy, env=environment, check=True, capture_output=True, timeout=120)
    return {locale: read_po(copy / "locale" / locale / "LC_MESSAGES" / "django.po") for locale in LOCALES}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_translates_every_string_marked_in_the_code(extracted, locale):
    missing = [entry.msgid for entry in extracted[locale].values() if not entry.translated]
    assert not missing, (
        f"locale/{locale}/LC_MESSAGES/django.po lacks a translation (missing, empty or fuzzy) for "
        f"{len(missing)} string(s); run `.venv/bin/python manage.py makemessages -l {locale} --ignore=.venv "
        f"--ignore=.data --no-obsolete`, translate, then `make messages`:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_committed_catalogue_has_no_untranslated_or_fuzzy_entry(locale):
    catalogue = read_po(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po")
    assert [entry.msgid for entry in catalogue.values() if not entry.translated] == []


@pytest.mark.django_db
def test_every_seeded_theme_is_a_curated_name_translated_in_each_catalogue():
    assert set(Theme.objects.values_list("name", flat=True)) == CURATED_THEME_NAMES
    for locale in LOCALES:
        catalogue = read_po(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po")
        untranslated = [n for n in CURATED_THEME_NAMES if not (n in catalogue and catalogue[n].translated)]
        assert untranslated == [], locale


def test_every_m49_area_in_the_data_is_marked_and_translated():
    with (ROOT / "network" / "data" / "countries_m49.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    in_data = {row[column] for row in rows for column in ("region", "subregion", "intermediate")} - {""}
    assert in_data == M49_AREA_NAMES
    for locale in LOCALES:
        catalogue = read_po(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po")
        assert [n for n in in_data if not (n in catalogue and catalogue[n].translated)] == [], locale


@pytest.mark.django_db
def test_a_countrys_m49_areas_show_in_the_readers_language():
    egypt, jamaica = Country.objects.get(code="EG"), Country.objects.get(code="JM")
    assert (egypt.get_m49_region_display(), egypt.get_m49_intermediate_display()) == ("Africa", "")
    with translation.override("ar"):
        assert egypt.get_m49_region_display() == "أفريقيا"
        assert egypt.get_m49_subregion_display() == "شمال أفريقيا"
        assert jamaica.get_m49_intermediate_display() == "منطقة البحر الكاريبي"
    with translation.override("zh-hans"):
        assert jamaica.get_m49_subregion_display() == "拉丁美洲和加勒比"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "kenya", "theme", "region", "pillar"),
    [
        ("ar", "كينيا", "التعليم", "الشرق الأوسط", "منع الإرهاب ومكافحته"),
        ("zh-hans", "肯尼亚", "教育", "中东", "防止和打击恐怖主义"),
        ("ru", "Кения", "Образование", "Ближний Восток", "Предотвращение терроризма и борьба с ним"),  # noqa: RUF001
        ("fr", "Kenya", "Éducation", "Moyen-Orient", "Prévenir et combattre le terrorisme"),
    ],
)
def test_taxonomy_reads_in_each_language(language, kenya, theme, region, pillar):
    """Country names come from django-countries (its locale directory for zh-hans is zh_Hans, as ours), the rest
    from our catalogues."""
    with translation.override(language):
        assert Country.objects.get(code="KE").name == kenya
        assert Theme.objects.get(slug="education").label == theme
        assert str(NetworkRegion.MIDDLE_EAST.label) == region
        assert str(Pillar.PREVENT_COMBAT.label) == pillar


@pytest.mark.django_db
def test_a_theme_staff_add_shows_its_name_as_typed():
    theme = Theme.objects.create(slug="other", name="Other")  # also a msgid (NetworkRegion.OTHER)
    with translation.override("fr"):
        assert theme.label == "Other"


def test_curated_themes_have_unique_slugs():
    assert len({slug for slug, _name, _pillars in CURATED_THEMES}) == len(CURATED_THEMES)


@pytest.mark.django_db
def test_arabic_admin_names_allauths_authenticators(client, make_user):
    staff = make_user(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(staff, TOTP_SECRET)
    client.force_login(staff)
    with translation.override("ar"):  # the middleware activates Arabic; leave the thread as it was
        response = client.get("/admin/mfa/authenticator/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    page = response.content.decode()
    assert "اختر عامل مصادقة لتغييره" in page
    assert "المصادقة متعددة العوامل" in page  # allauth's own Arabic calls the app "وزارة الخارجية"
    text = re.sub(r"<[^>]*>", " ", page)  # what the reader sees, not class names and URLs
    assert "authenticator" not in text.lower()


@pytest.mark.parametrize(
    ("msgid", "arabic"),
    [
        ("Reset password", "إعادة تعيين كلمة المرور"),  # missing from Django's Arabic catalogue
        ("Authenticator code", "رمز المصادقة"),  # allauth's Arabic reads "كود المصدق"
    ],
)
def test_our_catalogue_overrides_the_packages_arabic(msgid, arabic):
    with translation.override("ar"):
        assert translation.gettext(msgid) == arabic


def test_recovery_codes_count_keeps_its_placeholders_in_arabic():
    with translation.override("ar"):
        text = translation.ngettext(
            "There is %(unused_count)s out of %(total_count)s recovery codes available.",
            "There are %(unused_count)s out of %(total_count)s recovery codes available.",
            3,
        ) % {"unused_count": 3, "total_count": 10}
    assert text == "رموز الاسترداد المتاحة: 3 من أصل 10."
