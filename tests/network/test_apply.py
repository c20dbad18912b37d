from __future__ import annotations

import pytest
from django.urls import reverse

from network.models import Membership, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer_client(client, make_user):
    user = make_user(email="new@example.org", full_name="")
    client.force_login(user)
    return client


def test_newcomer_lands_on_the_application_form(newcomer_client):
    response = newcomer_client.get(reverse("network:dashboard"))
    assert response["Location"] == reverse("network:apply")
    page = newcomer_client.get(reverse("network:apply")).content.decode()
    assert "Apply for membership" in page
    assert 'name="motivation"' in page


def test_bad_input_shows_which_field_and_why_and_keeps_what_was_typed(newcomer_client):
    response = newcomer_client.post(
        reverse("network:apply"),
        {
            "full_name": "Grace Wanjiku",
            "country": "",
            "organisation": "NCTC Kenya",
            "position": "",
            "motivation": "Too short",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_country"' in page and 'href="#id_themes' in page
    assert "Ensure this value has at least 50 characters" in page
    assert 'value="Grace Wanjiku"' in page and 'value="NCTC Kenya"' in page and "Too short</textarea>" in page
    assert 'aria-invalid="true"' in page
    assert not Membership.objects.exists()


def test_errors_come_in_the_users_language(newcomer_client):
    newcomer_client.cookies["django_language"] = "fr"
    response = newcomer_client.post(reverse("network:apply"), {"full_name": ""})
    assert "Ce champ est obligatoire." in response.content.decode()


def test_valid_application_is_saved_and_shows_the_pending_page(newcomer_client):
    themes = Theme.objects.filter(slug__in=["youth", "education"])
    response = newcomer_client.post(
        reverse("network:apply"),
        {
            "full_name": "Grace Wanjiku",
            "country": "KE",
            "organisation": "NCTC",
            "position": "Officer",
            "themes": [t.pk for t in themes],
            "motivation": "I coordinate county action plans in Kenya " * 3,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("network:membership_status")
    assert "Your membership is pending" in response.content.decode()
    membership = Membership.objects.get(user__email="new@example.org")
    assert membership.status == Membership.Status.APPLIED
    assert membership.themes.count() == 2


def test_pending_applicant_can_edit_the_application(applicant_client, applicant):
    page = applicant_client.get(reverse("network:apply")).content.decode()
    assert "Edit your membership application" in page
    assert applicant.membership.organisation in page


def test_decided_application_cannot_be_edited(member_client):
    response = member_client.get(reverse("network:apply"))
    assert response.status_code == 302


def test_country_choices_are_the_networks_sorted_by_translated_name(newcomer_client):
    page = newcomer_client.get(reverse("network:apply")).content.decode()
    assert ">Kenya</option>" in page
    assert ">France</option>" not in page  # outside the network's scope
    assert page.index(">Afghanistan<") < page.index(">Zimbabwe<")
    newcomer_client.cookies["django_language"] = "fr"
    page = newcomer_client.get(reverse("network:apply")).content.decode()
    assert page.index(">Égypte<") < page.index(">Éthiopie<") < page.index(">Gabon<")


def test_theme_names_are_translated(newcomer_client):
    newcomer_client.cookies["django_language"] = "es"
    page = newcomer_client.get(reverse("network:apply")).content.decode()
    assert "Countering the financing of terrorism" not in page


def test_rejected_applicant_sees_how_to_apply_again(client, make_membership):
    client.force_login(make_membership(status=Membership.Status.REJECTED).user)
    page = client.get(reverse("network:membership_status")).content.decode()
    assert "Apply again" in page and "mailto:onse-support@onse.example.org" in page
    assert client.get(reverse("network:apply")).status_code == 200
