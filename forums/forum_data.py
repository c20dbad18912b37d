"""The seeded discussion categories (slug, name, theme slugs), in display order: one list, read by the data
migration and by ``Category.label`` for translation. Keep slugs stable; staff may edit the rows afterwards."""

from django.utils.translation import gettext_noop

CATEGORIES: list[tuple[str, str, list[str]]] = [
    ("cybersecurity", gettext_noop("Cybersecurity and new technologies"), ["cyber-new-tech"]),
    ("cft", gettext_noop("Countering the financing of terrorism"), ["cft"]),
    ("youth", gettext_noop("Engaging youth"), ["youth"]),
    ("development", gettext_noop("Development"), ["development"]),
    ("education", gettext_noop("Education"), ["education"]),
    ("gender", gettext_noop("Gender"), ["gender"]),
    ("human-rights", gettext_noop("Human rights"), ["human-rights"]),
    ("victims", gettext_noop("Victims of terrorism"), ["victims"]),
    ("stratcom", gettext_noop("Strategic communications"), ["strategic-communications"]),
    ("border-security", gettext_noop("Border security"), ["border-security", "terrorist-travel"]),
]
CATEGORY_NAMES = frozenset(name for _slug, name, _themes in CATEGORIES)
