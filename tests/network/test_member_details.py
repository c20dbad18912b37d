"""The privacy page's promise, sentence by sentence, and the page where a member changes their details."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from network.models import Country, Membership, MembershipEvent
from network.services.members import member_details_update

pytestmark = pytest.mark.django_db

DETAILS_URL = "/members/details/"


@pytest.fixture
def nameless(make_membership):
    """An approved member who never gave a name: their email address must not stand in for it."""
    return make_membership(
        status=Membership.Status.APPROVED, user__full_name="", user__email="hidden.address@example.org"
    ).user


@pytest.fixture
def named(make_membership):
    return make_membership(
        status=Membership.Status.APPROVED,
        user__full_name="Layla Haddad",
        user__email="layla.private@example.org",
        organisation="Centre for Dialogue",
        position="Senior researcher",
    ).user


def _text(response) -> str:
    """The page or the streamed download (the practices' open-data exports), as text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _plain_urls() -> list[str]:
    """Every site URL a person can open without arguments (the admin and the dev outbox are staff-only)."""
    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and not pattern.pattern.converters:
                url = "/" + prefix + str(pattern.pattern)
                if "^" not in url and not url.startswith(("/admin/", "/dev/")) and "logout" not in url:
                    found.append(url)

    walk(get_resolver().url_patterns)
    return found


# "Your name, position, organisation and country are shown on the members' home, to other approved members
#  and to UNOCT staff only."
def test_members_see_a_members_name_position_organisation_and_country(member_client, named):
    body = member_client.get(reverse("network:members_home")).content.decode()
    for shown in ("Layla Haddad", "Senior researcher", "Centre for Dialogue", "Kenya"):
        assert shown in body


def test_staff_see_a_members_name(moderator_client, named):
    assert "Layla Haddad" in moderator_client.get(reverse("network:members_home")).content.decode()


# "Visitors, people whose application is pending or was not approved, and suspended members see no member's
#  details at all."
@pytest.mark.parametrize(
    "status", [None, Membership.Status.APPLIED, Membership.Status.REJECTED, Membership.Status.SUSPENDED]
)
def test_outsiders_see_no_members_name_anywhere(client, make_membership, named, status):
    if status is not None:
        client.force_login(make_membership(status=status).user)
    for url in [*_plain_urls(), DETAILS_URL]:
        body = _text(client.get(url))
        assert "Layla Haddad" not in body, url
        assert "Centre for Dialogue" not in body, url


# "Nobody but UNOCT staff sees your email address: it is never shown to other members, even if you have not
#  given a name."
def test_no_page_shows_another_members_address_even_without_a_name(member_client, nameless, named):
    urls = [*_plain_urls(), DETAILS_URL]
    assert reverse("network:members_home") in urls
    for url in urls:
        body = _text(member_client.get(url))
        assert "hidden.address@example.org" not in body, url
        assert "layla.private@example.org" not in body, url
    assert "Member without a name" in member_client.get(reverse("network:members_home")).content.decode()


def test_a_member_without_a_name_is_not_greeted_by_their_address(client, nameless):
    client.force_login(nameless)
    body = client.get(reverse("network:members_home")).content.decode()
    assert "hidden.address@example.org" not in body
    assert "Member without a name" in body


def test_staff_still_see_addresses_in_the_admin(moderator_client, nameless):
    body = moderator_client.get(reverse("admin:network_membership_changelist")).content.decode()
    assert "hidden.address@example.org" in body


# "As a member you can change your name, position, organisation and country at any time."
def test_member_changes_their_details_and_other_members_see_them(client, member, member_client, named):
    response = member_client.get(DETAILS_URL)
    assert response.status_code == 200
    assert 'name="country"' in response.content.decode()
    response = member_client.post(
        DETAILS_URL,
        {
            "full_name": "Amina Diallo",
            "position": "Director",
            "organisation": "Sahel Institute",
            "country": "SN",
        },
        follow=True,
    )
    assert "Your details have been saved." in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "Amina Diallo"
    assert member.membership.organisation == "Sahel Institute"
    assert member.membership.country_id == "SN"

    client.force_login(named)
    body = client.get(reverse("network:members_home")).content.decode()
    assert "Amina Diallo" in body and "Sahel Institute" in body and "Senegal" in body


def test_the_details_form_rejects_an_empty_name_and_a_country_outside_the_network(member_client, member):
    response = member_client.post(
        DETAILS_URL, {"full_name": "", "position": "Director", "organisation": "X", "country": "FR"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    member.refresh_from_db()
    assert member.full_name != ""
    assert member.membership.country_id == "KE"


def test_applicants_cannot_use_the_details_page(applicant_client):
    assert applicant_client.get(DETAILS_URL).status_code == 403


# "A record of … every change to your details: who made it, when" — audit only, never emailed.
def test_a_details_change_is_audited_and_never_emailed(member, moderator_client):
    mail.outbox.clear()
    old_name = member.full_name
    member_details_update(
        user=member,
        actor=member,
        full_name="Amina Diallo",
        position="Programme officer",  # unchanged
        organisation="Sahel Institute",
        country=Country.objects.get(code="SN"),
    )
    event = MembershipEvent.objects.filter(membership__user=member).latest("pk")
    assert event.from_status == event.to_status == Membership.Status.APPROVED
    assert event.actor == member
    assert f"{old_name} → Amina Diallo" in event.note
    assert "National Counter Terrorism Centre → Sahel Institute" in event.note
    assert "KE → SN" in event.note
    assert "position" not in event.note
    assert event.notified_at is None
    assert mail.outbox == []

    change_page = moderator_client.get(
        reverse("admin:network_membership_change", args=[member.membership.pk])
    ).content.decode()
    assert "Details changed:" in change_page
    assert "Sahel Institute" in change_page and "Amina Diallo" in change_page
    trail = moderator_client.get(reverse("admin:network_membershipevent_changelist")).content.decode()
    assert member.email in trail


def test_saving_unchanged_details_writes_no_audit_row(member):
    membership = member.membership
    before = MembershipEvent.objects.count()
    member_details_update(
        user=member,
        actor=member,
        full_name=member.full_name,
        position=membership.position,
        organisation=membership.organisation,
        country=membership.country,
    )
    assert MembershipEvent.objects.count() == before


def test_the_privacy_page_states_who_sees_what(client):
    body = client.get(reverse("network:privacy")).content.decode()
    assert "to other approved members and to UNOCT staff only" in body
    assert "Nobody but UNOCT staff sees your email address" in body
    assert "suspended members see no member" in body
