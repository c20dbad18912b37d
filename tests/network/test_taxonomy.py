import pytest

from network.models import Country, NetworkRegion, Pillar, Theme

pytestmark = pytest.mark.django_db


def test_four_pillars_with_exact_titles():
    assert [p.numeral for p in Pillar] == ["I", "II", "III", "IV"]
    assert Pillar.PREVENT_COMBAT.full_title == "Measures to prevent and combat terrorism"
    assert Pillar.HUMAN_RIGHTS.slug == "human-rights-rule-of-law"


def test_curated_themes_are_loaded_with_their_pillars():
    assert Theme.objects.count() == 25
    assert Theme.objects.get(slug="cft").pillars == [Pillar.PREVENT_COMBAT]
    assert Theme.objects.get(slug="gender").pillars == [1, 4]


@pytest.mark.parametrize(
    ("code", "region", "in_network"),
    [
        ("NG", NetworkRegion.AFRICA, True),
        ("EG", NetworkRegion.MIDDLE_EAST, True),
        ("MA", NetworkRegion.MIDDLE_EAST, True),
        ("IR", NetworkRegion.MIDDLE_EAST, True),
        ("JO", NetworkRegion.MIDDLE_EAST, True),
        ("MY", NetworkRegion.ASIA, True),
        ("CO", NetworkRegion.LATIN_AMERICA_CARIBBEAN, True),
        ("JM", NetworkRegion.LATIN_AMERICA_CARIBBEAN, True),
        ("FR", NetworkRegion.OTHER, False),
    ],
)
def test_countries_carry_m49_and_network_regions(code, region, in_network):
    country = Country.objects.get(code=code)
    assert (country.network_region, country.in_network) == (region, in_network)
    assert len(country.m49) == 3


def test_every_iso_country_is_loaded_with_a_translated_name():
    assert Country.objects.count() == 249
    assert Country.objects.get(code="KE").name == "Kenya"


def test_staff_can_override_a_countrys_scope(moderator_client):
    response = moderator_client.post(
        "/admin/network/country/",
        {"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"},
    )
    assert response.status_code in (200, 302)
    fiji = Country.objects.get(code="FJ")
    assert fiji.in_network is False  # Oceania is outside the M49 global South …
    page = moderator_client.get(f"/admin/network/country/{fiji.pk}/change/")
    assert page.status_code == 200
    response = moderator_client.post(
        f"/admin/network/country/{fiji.pk}/change/", {"network_region": "asia", "in_network": "on"}
    )
    assert response.status_code == 302
    fiji.refresh_from_db()
    assert (fiji.network_region, fiji.in_network) == ("asia", True)  # … until staff include it


def test_arabic_admin_shows_m49_names_and_themes_in_arabic(moderator_client):
    """The country and theme lists read in the moderator's language, not the stored English."""
    moderator_client.cookies["django_language"] = "ar"
    countries = moderator_client.get("/admin/network/country/", {"q": "KE"}).content.decode()
    assert "أفريقيا جنوب الصحراء الكبرى" in countries and "Sub-Saharan Africa" not in countries
    assert "?m49_region=Africa" in countries  # the filter keeps the stored value, shows the translated name
    themes = moderator_client.get("/admin/network/theme/").content.decode()
    assert "التعليم" in themes and ">Education<" not in themes
