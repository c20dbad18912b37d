"""The taxonomy's reference data, in one place: the curated themes and the UN M49 area names.

Plain constants, marked with ``gettext_noop`` so ``makemessages`` extracts them while the values stay English
(they are what the database stores). Read by the models (display in the active language) *and* by data
migration 0002, so this module must never import models or anything that does.

Changing it: migration 0002 loads whatever list is here when it runs on a fresh database, upserting by slug.
So keep the slugs stable, and when you add, rename or retire a theme here, also add a data migration that makes
the same change to existing databases (``update_or_create`` by slug, or a delete by slug); fresh and existing
databases then converge. Translate any new name in every catalogue (``tests/network/test_translations.py``
fails until you do).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (slug, name, pillars), in display order. Pillars are the numbers of network.models.Pillar (1 to 4).
CURATED_THEMES: list[tuple[str, str, list[int]]] = [
    ("pcve", gettext_noop("Preventing and countering violent extremism"), [1]),
    ("conflict-prevention", gettext_noop("Conflict prevention and peacebuilding"), [1]),
    ("development", gettext_noop("Development and root causes"), [1]),
    ("education", gettext_noop("Education"), [1]),
    ("youth", gettext_noop("Youth engagement"), [1]),
    ("interfaith-dialogue", gettext_noop("Intercultural and interreligious dialogue"), [1]),
    ("strategic-communications", gettext_noop("Strategic communications"), [1]),
    ("civil-society", gettext_noop("Civil society and communities"), [1, 4]),
    ("gender", gettext_noop("Gender and women's empowerment"), [1, 4]),
    ("victims", gettext_noop("Victims of terrorism"), [1, 4]),
    ("cft", gettext_noop("Countering the financing of terrorism"), [2]),
    ("border-security", gettext_noop("Border security and management"), [2]),
    ("terrorist-travel", gettext_noop("Countering terrorist travel (API/PNR)"), [2]),
    ("ftf", gettext_noop("Foreign terrorist fighters and returnees"), [2]),
    ("law-enforcement", gettext_noop("Law enforcement and investigations"), [2]),
    ("crime-terror-nexus", gettext_noop("Organized crime, arms and drug links"), [2]),
    ("criminal-justice", gettext_noop("Legal and criminal justice responses"), [2, 4]),
    ("prisons-rehabilitation", gettext_noop("Prisons, rehabilitation and reintegration"), [2, 4]),
    ("wmd-cbrn", gettext_noop("WMD / CBRN terrorism"), [2, 3]),
    ("vulnerable-targets", gettext_noop("Vulnerable targets and critical infrastructure"), [2, 3]),
    ("cyber-new-tech", gettext_noop("Cybersecurity, AI and new technologies"), [2, 3]),
    ("national-strategies", gettext_noop("National and regional CT/PVE strategies"), [3]),
    ("parliamentary", gettext_noop("Parliamentary engagement"), [3]),
    ("international-cooperation", gettext_noop("International and South-South cooperation"), [3]),
    ("human-rights", gettext_noop("Human rights and the rule of law"), [4]),
]
CURATED_THEME_NAMES = frozenset(name for _slug, name, _pillars in CURATED_THEMES)

# Every region, sub-region and intermediate region named in network/data/countries_m49.csv (UN M49 English
# names, stored as-is in Country.m49_region / m49_subregion / m49_intermediate).
M49_AREA_NAMES = frozenset(
    {
        gettext_noop("Africa"),
        gettext_noop("Americas"),
        gettext_noop("Asia"),
        gettext_noop("Europe"),
        gettext_noop("Oceania"),
        gettext_noop("Australia and New Zealand"),
        gettext_noop("Central Asia"),
        gettext_noop("Eastern Asia"),
        gettext_noop("Eastern Europe"),
        gettext_noop("Latin America and the Caribbean"),
        gettext_noop("Melanesia"),
        gettext_noop("Micronesia"),
        gettext_noop("Northern Africa"),
        gettext_noop("Northern America"),
        gettext_noop("Northern Europe"),
        gettext_noop("Polynesia"),
        gettext_noop("South-eastern Asia"),
        gettext_noop("Southern Asia"),
        gettext_noop("Southern Europe"),
        gettext_noop("Sub-Saharan Africa"),
        gettext_noop("Western Asia"),
        gettext_noop("Western Europe"),
        gettext_noop("Caribbean"),
        gettext_noop("Central America"),
        gettext_noop("Channel Islands"),
        gettext_noop("Eastern Africa"),
        gettext_noop("Middle Africa"),
        gettext_noop("South America"),
        gettext_noop("Southern Africa"),
        gettext_noop("Western Africa"),
    }
)
