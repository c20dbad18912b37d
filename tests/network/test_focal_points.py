"""Focal points are shown with a badge wherever a member's name appears, through one include."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from network.models import Membership

Status = Membership.Status
pytestmark = pytest.mark.django_db
BADGE = re.compile(r'<span class="badge-focal-point"[^>]*>.*?Focal point</span>', re.S)


def test_the_include_isolates_the_name_and_labels_the_badge(make_user):
    person = make_user(full_name="عائشة Smith")
    html = render_to_string("includes/person.html", {"person": person, "focal_point": True})
    assert "<bdi>عائشة Smith</bdi>" in html
    assert BADGE.search(html)
    assert 'aria-hidden="true">★' in html  # the star is decoration; the words are the label
    assert not BADGE.search(
        render_to_string("includes/person.html", {"person": person, "focal_point": False})
    )


def test_the_include_escapes_the_name(make_user):
    person = make_user(full_name="<img src=x onerror=alert(1)>")
    html = render_to_string("includes/person.html", {"person": person})
    assert "<img" not in html and "&lt;img" in html


def test_members_home_marks_focal_points_and_never_shows_an_address(member_client, make_membership):
    make_membership(status=Status.APPROVED, is_focal_point=True, user__full_name="Kwame Mensah")
    make_membership(status=Status.APPROVED, user__full_name="Ana Silva")
    make_membership(status=Status.APPROVED, user__full_name="", user__email="no-name@example.org")
    page = member_client.get(reverse("network:members_home")).content.decode()
    cards = {name: page[page.index(name) :].split("</li>")[0] for name in ("Kwame Mensah", "Ana Silva")}
    assert BADGE.search(cards["Kwame Mensah"]) and not BADGE.search(cards["Ana Silva"])
    assert "no-name@example.org" not in page and "Member without a name" in page


@pytest.mark.parametrize(
    "url_name", ["admin:network_membership_changelist", "admin:network_membershipevent_changelist"]
)
def test_admin_lists_mark_focal_points(moderator_client, make_membership, url_name):
    make_membership(status=Status.APPROVED, is_focal_point=True, user__full_name="Kwame Mensah")
    make_membership(user__full_name="Ana Silva")
    page = moderator_client.get(reverse(url_name)).content.decode()
    rows = {name: page[page.index(name) :].split("</tr>")[0] for name in ("Kwame Mensah", "Ana Silva")}
    assert BADGE.search(rows["Kwame Mensah"]) and not BADGE.search(rows["Ana Silva"])


def test_admin_can_list_only_the_focal_points(moderator_client, make_membership):
    make_membership(status=Status.APPROVED, is_focal_point=True, user__full_name="Kwame Mensah")
    make_membership(status=Status.APPROVED, user__full_name="Ana Silva")
    page = moderator_client.get(
        reverse("admin:network_membership_changelist"), {"is_focal_point__exact": "1"}
    ).content.decode()
    assert "Kwame Mensah" in page and "Ana Silva" not in page
