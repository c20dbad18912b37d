"""The directory page: facets with counts, sorting, pages, shareable URLs, bad input, a fixed query count."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from experts.models import Availability, OrganisationKind
from network.cache import namespace_bump
from network.models import Country, Pillar, Theme
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/experts/"


def names(response):
    return [profile.user.full_name for profile in response.context["page"].object_list]


def facet(response, name):
    facets = {f.name: f for f in response.context["facets"]}
    facets |= {switch.facet.name: switch.facet for switch in response.context["switches"]}
    return {str(option.value): option.count for option in facets[name].options}


@pytest.fixture
def experts():
    theme = {slug: Theme.objects.get(slug=slug) for slug in ["pcve", "youth", "cft"]}
    country = {code: Country.objects.get(code=code) for code in ["KE", "NG", "JO", "MY", "CO"]}
    centre = OrganisationFactory(
        slug="icpat",
        name="IGAD Centre of Excellence",
        kind=OrganisationKind.REGIONAL,
        is_centre_of_excellence=True,
    )
    academy = OrganisationFactory(slug="uni", name="University of Malaya", kind=OrganisationKind.ACADEMIA)
    now = timezone.now()

    def make(name, code, themes, **kwargs):
        return ExpertProfileFactory(
            user__full_name=name,
            membership__country=country[code],
            themes=[theme[slug] for slug in themes],
            visibility=Visibility.PUBLIC,
            **kwargs,
        )

    return {
        "achieng": make(
            "Achieng Otieno",
            "KE",
            ["pcve", "youth"],
            pillars=[Pillar.CONDITIONS_CONDUCIVE],
            availability=[Availability.TRAINING],
            languages=[("sw", "native"), ("en", "fluent")],
            organisation=centre,
            membership__is_focal_point=True,
            last_active_at=now - timedelta(days=30),
        ),
        "bello": make(
            "Bello Musa",
            "NG",
            ["pcve"],
            pillars=[Pillar.PREVENT_COMBAT],
            availability=[Availability.ADVISORY, Availability.TRAINING],
            languages=[("ha", "native"), ("en", "fluent")],
            last_active_at=now - timedelta(days=1),
        ),
        "rania": make(
            "Rania Haddad",
            "JO",
            ["youth"],
            pillars=[Pillar.CONDITIONS_CONDUCIVE, Pillar.HUMAN_RIGHTS],
            languages=[("ar", "native")],
        ),
        "aziz": make(
            "Aziz Rahman",
            "MY",
            ["cft"],
            pillars=[Pillar.STATE_CAPACITY],
            organisation=academy,
            last_active_at=now,
        ),
        "lucia": make("Lucía Gómez", "CO", ["cft"], languages=[("es", "native")]),
    }


def test_unfiltered_directory_lists_everyone_by_name_with_counts(client, experts):
    response = client.get(URL)
    assert names(response) == ["Achieng Otieno", "Aziz Rahman", "Bello Musa", "Lucía Gómez", "Rania Haddad"]
    assert facet(response, "region") == {
        "africa": 2,
        "middle-east": 1,
        "asia": 1,
        "latin-america-caribbean": 1,
    }
    assert facet(response, "language") == {"sw": 1, "en": 2, "ha": 1, "ar": 1, "es": 1}
    assert facet(response, "availability") == {"training": 2, "advisory": 1}
    assert facet(response, "kind") == {"regional": 1, "academia": 1}
    assert facet(response, "focal_point") == {"True": 1, "False": 4}
    assert facet(response, "coe")["True"] == 1
    assert facet(response, "subregion")["Sub-Saharan Africa"] == 2
    body = response.content.decode()
    assert "5 experts" in body
    assert "Centre of Excellence</span>" in body and "Focal point</span>" in body


def test_each_filter_narrows_and_other_facets_still_count(client, experts):
    youth = Theme.objects.get(slug="youth")
    response = client.get(URL, {"region": "africa", "theme": youth.pk})
    assert names(response) == ["Achieng Otieno"]
    # A facet ignores its own selection: the other regions' youth experts stay countable.
    assert facet(response, "region") == {"africa": 1, "middle-east": 1}
    assert facet(response, "country") == {"KE": 1}

    assert names(client.get(URL, {"pillar": "1"})) == ["Achieng Otieno", "Rania Haddad"]
    assert names(client.get(URL, {"pillar": ["2", "3"]})) == ["Aziz Rahman", "Bello Musa"]
    assert names(client.get(URL, {"language": "en"})) == ["Achieng Otieno", "Bello Musa"]
    assert names(client.get(URL, {"availability": "advisory"})) == ["Bello Musa"]
    assert names(client.get(URL, {"focal_point": "true"})) == ["Achieng Otieno"]
    not_focal = client.get(URL, {"focal_point": "false"})
    assert "Achieng Otieno" not in names(not_focal) and len(names(not_focal)) == 4
    # The checkbox means "focal points only": a hand-written ?focal_point=false does not tick it.
    assert 'id="f-focal_point" checked' not in not_focal.content.decode()
    assert 'id="f-focal_point" checked' in client.get(URL, {"focal_point": "true"}).content.decode()
    assert names(client.get(URL, {"coe": "true"})) == ["Achieng Otieno"]
    assert names(client.get(URL, {"kind": "academia"})) == ["Aziz Rahman"]
    assert names(client.get(URL, {"country": ["CO", "JO"]})) == ["Lucía Gómez", "Rania Haddad"]
    assert names(client.get(URL, {"subregion": "South-eastern Asia"})) == ["Aziz Rahman"]


def test_a_profile_with_two_selected_themes_is_listed_once(client, experts):
    themes = Theme.objects.filter(slug__in=["pcve", "youth"]).values_list("pk", flat=True)
    response = client.get(URL, {"theme": list(themes)})
    assert names(response) == ["Achieng Otieno", "Bello Musa", "Rania Haddad"]
    assert response.context["page"].paginator.count == 3


def test_sort_by_recent_activity_and_by_name(client, member_client, experts):
    """Members sort by recent activity; for visitors that order does not exist (names instead)."""
    assert names(member_client.get(URL, {"sort": "active"}))[:3] == [
        "Aziz Rahman",
        "Bello Musa",
        "Achieng Otieno",
    ]
    assert names(client.get(URL, {"sort": "active"}))[0] == "Achieng Otieno"
    assert names(client.get(URL, {"sort": "name"}))[0] == "Achieng Otieno"
    assert names(client.get(URL, {"sort": "nonsense"}))[0] == "Achieng Otieno"


@pytest.mark.parametrize(
    "params",
    [
        {"region": "mars"},
        {"pillar": ["9", "abc"]},
        {"theme": ["abc", "-1", "9" * 40]},
        {"country": ["<script>", "K"]},
        {"language": "klingon"},
        {"availability": "napping"},
        {"focal_point": "maybe"},
        {"kind": ["", "x" * 5000]},
        {"sort": "'; drop table"},
    ],
)
def test_unknown_filter_values_are_ignored_not_fatal(client, experts, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert len(names(response)) == 5


def test_a_well_formed_but_unknown_value_gives_an_empty_result_that_says_what_to_loosen(client, experts):
    response = client.get(URL, {"country": "ZZ", "region": "africa"})
    assert names(response) == []
    body = response.content.decode()
    assert "No expert matches this search." in body
    assert "Remove a filter above" in body
    assert 'href="?country=ZZ"' in body  # removing "Africa" keeps the other filter


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1000000000", "9" * 5000, ""])
def test_bad_page_numbers_show_a_page_not_an_error(client, experts, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert names(response)


def test_pages_keep_the_filters_in_shareable_links(client, experts, settings):
    for n in range(25):
        ExpertProfileFactory(
            user__full_name=f"Extra Expert {n:02d}",
            membership__country=Country.objects.get(code="KE"),
            visibility=Visibility.PUBLIC,
        )
    response = client.get(URL, {"country": "KE", "sort": "name"})
    assert len(names(response)) == 20 and response.context["page"].paginator.count == 26
    body = response.content.decode()
    assert 'href="?country=KE&amp;sort=name&amp;page=2"' in body
    second = client.get(URL, {"country": "KE", "sort": "name", "page": "2"})
    assert len(names(second)) == 6
    # The form's checkboxes carry the state: submitting it reproduces the same URL.
    assert re.search(r'name="country" value="KE" id="f-country-\d+" checked', body)
    assert re.search(r'<option value="name" selected>', body)


@pytest.mark.parametrize("count", [20, 200])
def test_a_fixed_number_of_queries_whatever_the_number_of_experts(
    member_client, django_assert_max_num_queries, count
):
    pcve = Theme.objects.get(slug="pcve")
    centre = OrganisationFactory(is_centre_of_excellence=True)
    for n in range(count):
        ExpertProfileFactory(
            user__full_name=f"Expert {n:03d}",
            membership__country=Country.objects.get(code=["KE", "NG", "JO", "MY"][n % 4]),
            themes=[pcve],
            pillars=[n % 4 + 1],
            availability=[Availability.TRAINING],
            languages=[("en", "fluent"), ("fr", "working")],
            organisation=centre,
        )
    member_client.get(URL)  # steady state: the header's per-member counts are cached after a first page
    with django_assert_max_num_queries(10):
        response = member_client.get(URL, {"q": "Expert", "region": "africa", "pillar": "1"})
    assert response.context["page"].paginator.count == count // 4
    namespace_bump("experts")  # the page is built again, not read whole from the cache
    with django_assert_max_num_queries(10):
        response = member_client.get(URL)
    assert len(names(response)) == 20
    with django_assert_max_num_queries(4):  # the user, their membership, whether they own a hidden profile
        assert "Expert 000" in member_client.get(URL).content.decode()
