"""The network's taxonomy: the Strategy's four pillars, curated themes, countries and regions."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from network.taxonomy_data import CURATED_THEME_NAMES, M49_AREA_NAMES


class Pillar(models.IntegerChoices):
    """The four pillars of the UN Global Counter-Terrorism Strategy (A/RES/60/288, annexed Plan of Action).

    Fixed by the General Assembly, so an enum rather than a table; the labels are the short titles.
    """

    CONDITIONS_CONDUCIVE = 1, _("Addressing the conditions conducive to the spread of terrorism")
    PREVENT_COMBAT = 2, _("Preventing and combating terrorism")
    STATE_CAPACITY = 3, _("Building States' capacity and strengthening the role of the United Nations")
    HUMAN_RIGHTS = 4, _("Ensuring human rights and the rule of law")

    @property
    def numeral(self) -> str:
        return ("I", "II", "III", "IV")[self.value - 1]

    @property
    def slug(self) -> str:
        return PILLAR_SLUGS[self]

    @property
    def full_title(self) -> str:
        return str(PILLAR_FULL_TITLES[self])


PILLAR_SLUGS = {
    Pillar.CONDITIONS_CONDUCIVE: "conditions-conducive",
    Pillar.PREVENT_COMBAT: "prevent-combat",
    Pillar.STATE_CAPACITY: "state-capacity",
    Pillar.HUMAN_RIGHTS: "human-rights-rule-of-law",
}
PILLAR_FULL_TITLES = {
    Pillar.CONDITIONS_CONDUCIVE: _("Measures to address the conditions conducive to the spread of terrorism"),
    Pillar.PREVENT_COMBAT: _("Measures to prevent and combat terrorism"),
    Pillar.STATE_CAPACITY: _(
        "Measures to build States' capacity to prevent and combat terrorism and to strengthen the role of "
        "the United Nations system in this regard"
    ),
    Pillar.HUMAN_RIGHTS: _(
        "Measures to ensure respect for human rights for all and the rule of law as the fundamental basis "
        "of the fight against terrorism"
    ),
}


class ThemeQuerySet(models.QuerySet["Theme"]):
    def active(self) -> ThemeQuerySet:
        return self.filter(is_active=True)


class Theme(models.Model):
    """A staff-curated theme (PCVE, countering the financing of terrorism, youth…), linked to pillars."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    pillars = ArrayField(
        models.PositiveSmallIntegerField(choices=Pillar.choices),
        verbose_name=_("pillars"),
        default=list,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive themes are hidden from forms.")
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language when it is one of the curated themes (network/taxonomy_data.py)."""
        return gettext(self.name) if self.name in CURATED_THEME_NAMES else self.name

    def get_pillars_display(self) -> list[Pillar]:
        return [Pillar(value) for value in self.pillars]


class NetworkRegion(models.TextChoices):
    """The regions the network serves; the Middle East is Northern Africa + Western Asia + Iran."""

    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    MIDDLE_EAST = "middle-east", _("Middle East")
    LATIN_AMERICA_CARIBBEAN = "latin-america-caribbean", _("Latin America and the Caribbean")
    OTHER = "other", _("Other")


class CountryQuerySet(models.QuerySet["Country"]):
    def in_network(self) -> CountryQuerySet:
        return self.filter(in_network=True)


class Country(models.Model):
    """A country with its UN M49 classification and the network's own, staff-overridable grouping.

    Names come translated from django-countries; the M49 data is loaded from network/data/countries_m49.csv.
    """

    code = CountryField(_("country"), primary_key=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    m49_region = models.CharField(_("M49 region"), max_length=60, blank=True)
    m49_subregion = models.CharField(_("M49 sub-region"), max_length=60, blank=True)
    m49_intermediate = models.CharField(_("M49 intermediate region"), max_length=60, blank=True)
    is_ldc = models.BooleanField(_("least developed country"), default=False)
    is_lldc = models.BooleanField(_("landlocked developing country"), default=False)
    is_sids = models.BooleanField(_("small island developing State"), default=False)
    is_g77 = models.BooleanField(_("G77 member"), default=False)
    network_region = models.CharField(
        _("network region"), max_length=30, choices=NetworkRegion.choices, default=NetworkRegion.OTHER
    )
    in_network = models.BooleanField(
        _("in the network's scope"),
        default=False,
        help_text=_("Initially the M49 global South; staff may include or exclude a country."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network_region__in=NetworkRegion.values),
                name="country_network_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The country's name in the active language (django-countries)."""
        return str(self.code.name)  # type: ignore[attr-defined]  # a django_countries Country, not a str

    # The M49 names are stored in English (UN M49); these show them in the active language.
    def get_m49_region_display(self) -> str:
        return m49_area_label(self.m49_region)

    def get_m49_subregion_display(self) -> str:
        return m49_area_label(self.m49_subregion)

    def get_m49_intermediate_display(self) -> str:
        return m49_area_label(self.m49_intermediate)


def m49_area_label(name: str) -> str:
    """An M49 region, sub-region or intermediate region name in the active language ("" stays "")."""
    return gettext(name) if name in M49_AREA_NAMES else name
