"""Members-only means members only: every URL behind the gate, for every kind of visitor."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from network.models import Membership
from network.permissions import MembersOnlyMixin
from network.services.membership import membership_approve, membership_suspend

pytestmark = pytest.mark.django_db


def _members_only_urls() -> list[str]:
    """Every URL pattern whose view is gated by @members_only or MembersOnlyMixin (no arguments needed)."""
    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = pattern.callback
                view_class = getattr(view, "view_class", None)
                gated = getattr(view, "members_only", False) or (
                    view_class is not None and issubclass(view_class, MembersOnlyMixin)
                )
                if gated and not pattern.pattern.converters:
                    found.append("/" + prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns)
    return found


MEMBERS_ONLY_URLS = _members_only_urls()


def test_the_gate_is_found_on_the_members_home():
    assert reverse("network:members_home") in MEMBERS_ONLY_URLS


@pytest.mark.parametrize("url", MEMBERS_ONLY_URLS)
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", MEMBERS_ONLY_URLS)
def test_applicant_gets_pending_page_not_content(applicant_client, member, url):
    response = applicant_client.get(url)
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your membership is pending" in body
    assert member.full_name not in body


@pytest.mark.parametrize("status", [Membership.Status.REJECTED, Membership.Status.SUSPENDED])
def test_rejected_and_suspended_people_are_kept_out(client, make_membership, member, status):
    outsider = make_membership(status=status).user
    client.force_login(outsider)
    response = client.get(reverse("network:members_home"))
    assert response.status_code == 403
    assert member.full_name not in response.content.decode()


def test_member_sees_the_members_home_with_other_members(member_client, make_membership):
    other = make_membership(status=Membership.Status.APPROVED, user__full_name="Layla Haddad").user
    response = member_client.get(reverse("network:members_home"))
    assert response.status_code == 200
    assert other.full_name in response.content.decode()


def test_pending_applicants_are_not_listed_to_members(member_client, make_membership):
    pending = make_membership(user__full_name="Pending Person").user
    assert pending.full_name not in member_client.get(reverse("network:members_home")).content.decode()


def test_suspension_bites_on_the_next_request(member, member_client, moderator):
    assert member_client.get(reverse("network:members_home")).status_code == 200
    membership_suspend(membership=member.membership, actor=moderator, note="Leak")
    assert member_client.get(reverse("network:members_home")).status_code == 403


def test_deactivated_account_loses_access(member, member_client):
    member.is_active = False
    member.save()
    response = member_client.get(reverse("network:members_home"))
    assert response.status_code == 302  # the session no longer authenticates an inactive user


def test_approval_opens_the_members_home(applicant, applicant_client, moderator):
    assert applicant_client.get(reverse("network:members_home")).status_code == 403
    membership_approve(membership=applicant.membership, actor=moderator)
    assert applicant_client.get(reverse("network:members_home")).status_code == 200


def test_members_home_query_count_does_not_grow_with_members(
    member_client, make_membership, django_assert_max_num_queries
):
    for _ in range(8):
        make_membership(status=Membership.Status.APPROVED)
    member_client.get(reverse("network:members_home"))  # steady state: the header's count is cached
    with django_assert_max_num_queries(8):
        assert member_client.get(reverse("network:members_home")).status_code == 200
