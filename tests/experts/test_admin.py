"""Staff admin for profiles and organisations: filters that ignore junk, CSV export, the Moderators' rights."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchQuery
from django.test import Client

from experts.models import ExpertProfile, Organisation
from network.admin.csv import csv_cell
from network.models import Country, Membership, Theme
from tests.factories import ExpertProfileFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/experts/expertprofile/"


def _profile(name, country, *, focal=False, organisation=None, theme="youth", visibility="members"):
    membership = MembershipFactory(
        user__full_name=name, country=Country.objects.get(code=country), status=Membership.Status.APPROVED,
        decided_at="2026-01-01T00:00Z", is_focal_point=focal,
    )  # fmt: skip
    profile = ExpertProfileFactory(user=membership.user, organisation=organisation, visibility=visibility)
    profile.themes.set(Theme.objects.filter(slug=theme))
    return profile


@pytest.fixture
def people():
    coe = OrganisationFactory(name="IGAD Centre of Excellence", is_centre_of_excellence=True)
    return {
        "kenya": _profile("Achieng Otieno", "KE", focal=True, organisation=coe),
        "peru": _profile("Rosa Quispe", "PE", theme="gender", visibility="hidden"),
        "china": _profile("王伟", "CN"),
    }


def _names(response):
    return {p.user.full_name for p in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=africa", {"Achieng Otieno"}),
        ("country=PE", {"Rosa Quispe"}),
        ("focal_point=yes", {"Achieng Otieno"}),
        ("organisation__is_centre_of_excellence__exact=1", {"Achieng Otieno"}),
        ("visibility__exact=hidden", {"Rosa Quispe"}),
        ("q=Quispe", {"Rosa Quispe"}),
        ("region=atlantis", {"Achieng Otieno", "Rosa Quispe", "王伟"}),
        ("focal_point=maybe", {"Achieng Otieno", "Rosa Quispe", "王伟"}),
    ],
)
def test_profile_filters_and_search(moderator_client, people, query, expected):
    response = moderator_client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert _names(response) == expected


def test_theme_filter(moderator_client, people):
    gender = Theme.objects.get(slug="gender")
    assert _names(moderator_client.get(f"{LIST}?theme={gender.pk}")) == {"Rosa Quispe"}


def test_the_profile_list_runs_a_flat_number_of_queries(
    moderator_client, people, django_assert_max_num_queries
):
    for n in range(15):
        _profile(f"Expert {n}", "KE")
    with django_assert_max_num_queries(16):
        assert moderator_client.get(LIST).status_code == 200


def test_staff_export_the_selected_profiles_as_csv(moderator_client, people):
    pks = [people["kenya"].pk, people["china"].pk]
    response = moderator_client.post(LIST, {"action": "export_csv", "_selected_action": pks})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Country"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Achieng Otieno", "王伟"}
    assert by_name["Achieng Otieno"][2] == "Kenya"
    assert by_name["Achieng Otieno"][8] == "True"  # focal point


def test_a_cell_that_would_run_as_a_spreadsheet_formula_is_quoted():
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("+254 700") == "'+254 700"
    assert csv_cell("Rosa") == "Rosa"


def test_staff_mark_a_centre_of_excellence_and_the_search_keys_follow(moderator_client, people):
    organisation = Organisation.objects.create(name="SEARCCT", slug="searcct", kind="regional")
    ExpertProfile.objects.filter(pk=people["china"].pk).update(organisation=organisation)
    response = moderator_client.post(
        f"/admin/experts/organisation/{organisation.pk}/change/",
        {"name": "Southeast Asia Regional Centre for Counter-Terrorism", "acronym": "SEARCCT", "slug": "searcct",
         "kind": "regional", "country": "MY", "website": "", "description": "A *regional* centre.",
         "is_centre_of_excellence": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_centre_of_excellence
    assert "<p>A <em>regional</em> centre.</p>" in organisation.description_html
    southeast = SearchQuery("southeast", config="simple")
    assert list(ExpertProfile.objects.filter(search_vector=southeast)) == [people["china"]]


def test_moderators_may_view_and_change_profiles_but_not_add_or_delete_them(moderator):
    group = Group.objects.get(name="Moderators")
    codenames = set(
        group.permissions.filter(content_type__app_label="experts").values_list("codename", flat=True)
    )
    assert codenames == {
        "view_expertprofile", "change_expertprofile",
        "view_organisation", "add_organisation", "change_organisation",
        "view_profilelanguage", "add_profilelanguage", "change_profilelanguage", "delete_profilelanguage",
        "view_profilelink", "add_profilelink", "change_profilelink", "delete_profilelink",
        "view_contactmessage", "view_contactblock",
    }  # fmt: skip
    assert moderator.has_perm("experts.change_organisation")
    assert not moderator.has_perm("experts.delete_expertprofile")


def test_a_member_gets_no_admin(member_client, people):
    assert member_client.get(LIST).status_code == 302


def test_no_profile_is_added_by_hand(moderator_client):
    assert moderator_client.get(f"{LIST}add/").status_code == 403
    assert not ExpertProfile.objects.exists()


def test_a_plain_client_is_refused():
    assert Client().get(LIST).status_code == 302
