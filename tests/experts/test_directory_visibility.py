"""Who sees whom: the directory, its search, its facet counts, profile pages and organisation pages all obey
the one visibility rule — a visitor, an applicant and a suspended member see public profiles only, a member
also members-only ones, an owner their own hidden profile, staff everything."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from network.models import Country, Membership
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "public": "Amina Publicworth",
    "members": "Bola Membersfield",
    "hidden": "Chen Hiddenbrook",
    "suspended": "Dalia Suspendova",
}
COUNTRIES = {"public": "KE", "members": "NG", "hidden": "EG", "suspended": "JO"}


@pytest.fixture
def organisation():
    return OrganisationFactory(
        slug="igad-cve", name="IGAD Centre of Excellence", is_centre_of_excellence=True
    )


@pytest.fixture
def profiles(organisation):
    def make(key, visibility, status=Membership.Status.APPROVED):
        return ExpertProfileFactory(
            slug=key,
            user__full_name=NAMES[key],
            visibility=visibility,
            organisation=organisation,
            membership__status=status,
            membership__country=Country.objects.get(code=COUNTRIES[key]),
        )

    return {
        "public": make("public", Visibility.PUBLIC),
        "members": make("members", Visibility.MEMBERS),
        "hidden": make("hidden", Visibility.HIDDEN),
        "suspended": make("suspended", Visibility.PUBLIC, status=Membership.Status.SUSPENDED),
    }


@pytest.fixture
def viewer(request, profiles, make_membership, moderator):
    """A client signed in as the kind of person the test names."""
    client = Client()
    kind = request.param
    if kind == "applicant":
        client.force_login(make_membership().user)
    elif kind == "suspended":
        client.force_login(make_membership(status=Membership.Status.SUSPENDED).user)
    elif kind == "member":
        client.force_login(make_membership(status=Membership.Status.APPROVED).user)
    elif kind == "owner":
        client.force_login(profiles["hidden"].user)
    elif kind == "staff":
        client.force_login(moderator)
    return kind, client


SEES = {
    "visitor": {"public"},
    "applicant": {"public"},
    "suspended": {"public"},
    "member": {"public", "members"},
    "owner": {"public", "members", "hidden"},
    "staff": {"public", "members", "hidden", "suspended"},
}
VIEWERS = list(SEES)


def names_in(html: str) -> set[str]:
    return {key for key, name in NAMES.items() if name in html}


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_directory_lists_what_the_viewer_may_see(viewer):
    kind, client = viewer
    response = client.get(reverse("experts:directory"))
    assert response.status_code == 200
    assert names_in(response.content.decode()) == SEES[kind]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_search_finds_only_what_the_viewer_may_see(viewer):
    kind, client = viewer
    for key, name in NAMES.items():
        body = client.get(reverse("experts:directory"), {"q": name.split()[1]}).content.decode()
        assert (name in body) == (key in SEES[kind]), (kind, key)


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_facet_counts_count_only_what_the_viewer_may_see(viewer):
    kind, client = viewer
    response = client.get(reverse("experts:directory"))
    countries = {option.value: option.count for option in _facet(response, "country").options}
    assert countries == {COUNTRIES[key]: 1 for key in SEES[kind]}
    # The hidden and suspended experts' countries are not even named to those who may not see them.
    body = response.content.decode()
    assert ("Egypt" in body) == ("hidden" in SEES[kind])
    assert ("Jordan" in body) == ("suspended" in SEES[kind])


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_profile_pages_open_only_for_those_who_may_see_them(viewer, profiles):
    kind, client = viewer
    for key, profile in profiles.items():
        response = client.get(reverse("experts:profile", args=[profile.slug]))
        expected = 200 if key in SEES[kind] else 404
        assert response.status_code == expected, (kind, key)
        if expected == 404:
            assert NAMES[key] not in response.content.decode()


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_organisation_page_lists_only_visible_experts(viewer, organisation):
    kind, client = viewer
    response = client.get(reverse("experts:organisation", args=[organisation.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "IGAD Centre of Excellence" in body and "Centre of Excellence</span>" in body
    assert names_in(body) == SEES[kind]


def test_email_and_phone_reach_staff_only(profiles, member_client, moderator_client):
    profile = profiles["public"]
    profile.phone = "+254 700 000 111"
    profile.save(update_fields=["phone"])
    url = reverse("experts:profile", args=[profile.slug])
    for client in (Client(), member_client):
        body = client.get(url).content.decode()
        assert profile.user.email not in body and profile.phone not in body
    body = moderator_client.get(url).content.decode()
    assert profile.user.email in body and profile.phone in body


def _facet(response, name):
    return next(facet for facet in response.context["facets"] if facet.name == name)
