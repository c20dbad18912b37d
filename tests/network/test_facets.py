"""Facet counts (network/facets.py): each facet counts with the other filters applied, in a fixed number of
queries."""

from __future__ import annotations

from collections import Counter

import django_filters
import pytest

from network.facets import ArrayOverlapFilter, Facet, facet_counts
from network.models import Country, Membership, NetworkRegion, Pillar, Theme
from network.visibility import Visibility
from tests.testapp.models import Item

pytestmark = pytest.mark.django_db


class ItemFilterSet(django_filters.FilterSet):
    country = django_filters.ModelMultipleChoiceFilter(queryset=Country.objects.all())
    region = django_filters.MultipleChoiceFilter(
        field_name="country__network_region", choices=NetworkRegion.choices, label="Region"
    )
    themes = django_filters.ModelMultipleChoiceFilter(queryset=Theme.objects.all())
    pillars = ArrayOverlapFilter(choices=Pillar.choices, coerce=int)

    class Meta:
        model = Item
        fields = ["country", "region", "themes", "pillars"]


FACETS = ["country", "region", "themes", "pillars"]


def item(title, country, themes, pillars, **kwargs):
    row = Item.objects.create(title=title, country_id=country, pillars=pillars, **kwargs)
    row.themes.set(Theme.objects.filter(slug__in=themes))
    return row


@pytest.fixture
def items():
    item("a", "KE", ["pcve", "youth"], [1, 4])
    item("b", "KE", ["pcve"], [2])
    item("c", "NG", ["youth"], [1])
    item("d", "EG", ["cft"], [2, 3])
    item("e", "CO", [], [])
    item("hidden", "KE", ["pcve"], [1], visibility=Visibility.HIDDEN)


def counts(result):
    return {str(option.value): option.count for option in result.options}


def selected(result):
    return {str(option.value) for option in result.options if option.selected}


def test_each_facet_counts_with_the_other_filters_only(items, member):
    filterset = ItemFilterSet(
        {"region": ["africa"], "pillars": ["1"]}, queryset=Item.objects.visible_to(member)
    )
    assert sorted(filterset.qs.values_list("title", flat=True)) == ["a", "c"]
    facets = facet_counts(filterset, facets=FACETS)
    assert list(facets) == FACETS
    assert counts(facets["country"]) == {"KE": 1, "NG": 1}
    assert {type(option.value) for option in facets["country"].options} == {str}
    # Its own filter left out: Egypt (pillars 2, 3) and Colombia (none) are not in pillar I.
    assert counts(facets["region"]) == {"africa": 2}
    # Its own filter left out: "b" (pillar II, Kenya) counts; the hidden row never does.
    assert counts(facets["pillars"]) == {"1": 2, "2": 1, "4": 1}
    assert counts(facets["themes"]) == {
        str(Theme.objects.get(slug="youth").pk): 2,
        str(Theme.objects.get(slug="pcve").pk): 1,
    }
    assert (selected(facets["region"]), selected(facets["pillars"]), selected(facets["country"])) == (
        {"africa"},
        {"1"},
        set(),
    )
    assert facets["region"].is_active and not facets["country"].is_active


def test_labels_are_readable_and_selected_options_stay_listed_at_zero(items, member):
    filterset = ItemFilterSet({"country": ["CO"], "pillars": ["3"]}, queryset=Item.objects.visible_to(member))
    facets = facet_counts(filterset, facets=FACETS)
    country = {option.label: (option.count, option.selected) for option in facets["country"].options}
    assert country == {"Egypt": (1, False), "Colombia": (0, True)}
    pillar = {option.label: (option.count, option.selected) for option in facets["pillars"].options}
    assert pillar == {str(Pillar.STATE_CAPACITY.label): (0, True)}
    assert facets["region"].label == "Region"


def test_unfiltered_facets_count_everything_visible(items):
    visitor_rows = Item.objects.filter(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
    facets = facet_counts(
        ItemFilterSet(queryset=visitor_rows), facets=["region", Facet("pillars", sort="value")]
    )
    assert counts(facets["region"]) == {"africa": 3, "middle-east": 1, "latin-america-caribbean": 1}
    assert [option.value for option in facets["pillars"].options] == [1, 2, 3, 4]
    assert counts(facets["pillars"]) == {"1": 2, "2": 2, "3": 1, "4": 1}


@pytest.mark.parametrize("extra_rows", [0, 30])
def test_a_fixed_number_of_queries_whatever_the_data(items, member, django_assert_num_queries, extra_rows):
    for n in range(extra_rows):
        item(f"x{n}", ["KE", "NG", "EG", "BR"][n % 4], ["pcve", "cft", "youth"][: n % 3 + 1], [n % 4 + 1])
    filterset = ItemFilterSet(
        {"region": ["africa"], "themes": [Theme.objects.get(slug="youth").pk]},
        queryset=Item.objects.visible_to(member),
    )
    assert filterset.is_valid()
    # Every facet's GROUP BY in one statement, plus one query for the labels of each relational facet
    # (country, themes).
    with django_assert_num_queries(3):
        facets = facet_counts(filterset, facets=FACETS)
    youth_rows = Item.objects.visible_to(member).filter(themes__slug="youth").select_related("country")
    assert counts(facets["region"]) == dict(Counter(row.country.network_region for row in youth_rows))


class MembershipFilterSet(django_filters.FilterSet):
    country = django_filters.ModelMultipleChoiceFilter(queryset=Country.objects.in_network())
    region = django_filters.MultipleChoiceFilter(
        field_name="country__network_region", choices=NetworkRegion.choices
    )
    themes = django_filters.ModelMultipleChoiceFilter(queryset=Theme.objects.all())

    class Meta:
        model = Membership
        fields = ["country", "region", "themes"]


def test_membership_facets_by_country_region_and_theme(make_membership):
    themes = {slug: Theme.objects.get(slug=slug) for slug in ["pcve", "youth", "cft"]}
    approved = Membership.Status.APPROVED
    make_membership(
        status=approved, country=Country.objects.get(code="KE"), themes=[themes["pcve"], themes["youth"]]
    )
    make_membership(status=approved, country=Country.objects.get(code="KE"), themes=[themes["youth"]])
    make_membership(
        status=approved, country=Country.objects.get(code="JO"), themes=[themes["youth"], themes["cft"]]
    )
    make_membership(status=approved, country=Country.objects.get(code="MY"), themes=[themes["cft"]])
    make_membership(
        country=Country.objects.get(code="JO"), themes=[themes["youth"]]
    )  # applicant: not counted
    make_membership(status=approved, country=Country.objects.get(code="MY"), themes=[themes["youth"]])

    filterset = MembershipFilterSet(
        {"themes": [themes["youth"].pk], "region": ["africa", "middle-east"]},
        queryset=Membership.objects.approved(),
    )
    facets = facet_counts(filterset, facets=["country", "region", "themes"])
    assert {o.label: o.count for o in facets["country"].options} == {"Kenya": 2, "Jordan": 1}
    # Its own filter left out: Asia is offered, with the member in Malaysia who chose youth.
    assert counts(facets["region"]) == {"africa": 2, "middle-east": 1, "asia": 1}
    # Members counted once per theme they chose, among the members the region filter keeps.
    assert {o.value: o.count for o in facets["themes"].options} == {
        themes["youth"].pk: 3,
        themes["pcve"].pk: 1,
        themes["cft"].pk: 1,
    }
    assert facets["themes"].options[0].label == "Youth engagement"


class ThemeFilterSet(django_filters.FilterSet):
    pillars = ArrayOverlapFilter(choices=Pillar.choices, coerce=int)

    class Meta:
        model = Theme
        fields = ["pillars", "is_active"]


def test_theme_pillars_are_counted_per_element_of_the_array():
    expected = Counter(pillar for theme in Theme.objects.active() for pillar in set(theme.pillars))
    facets = facet_counts(
        ThemeFilterSet({"is_active": True}, queryset=Theme.objects.all()), facets=["pillars"]
    )
    assert {o.value: o.count for o in facets["pillars"].options} == dict(expected)
    assert {o.label for o in facets["pillars"].options} <= {str(p.label) for p in Pillar}


def test_a_limited_facet_lists_the_most_frequent_options_and_any_selected_and_counts_the_rest(items, member):
    # Countries of visible rows: Kenya 2, Nigeria 1, Egypt 1, Colombia 1.
    limited = [Facet("country", sort="label", limit=2)]
    facet = facet_counts(ItemFilterSet(queryset=Item.objects.visible_to(member)), facets=limited)["country"]
    assert counts(facet) == {"KE": 2, "CO": 1}  # the two most frequent (ties by value)
    assert facet.more == 2
    chosen = ItemFilterSet({"country": ["NG"]}, queryset=Item.objects.visible_to(member))
    facet = facet_counts(chosen, facets=limited)["country"]
    assert counts(facet) == {"KE": 2, "CO": 1, "NG": 1} and selected(facet) == {"NG"}
    assert facet.more == 1
    # Unlimited, nothing is left out.
    assert facet_counts(chosen, facets=["country"])["country"].more == 0
