from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network.models import Country, Membership

Status = Membership.Status
pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:network_membership_changelist")


def test_moderators_group_has_exactly_the_moderation_permissions():
    perms = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert perms == {
        "view_membership",
        "change_membership",
        "decide_membership",
        "view_membershipevent",
        "view_user",
        "view_theme",
        "add_theme",
        "change_theme",
        "view_country",
        "change_country",
    }


def test_queue_lists_oldest_first_with_waiting_since(moderator_client, make_membership):
    old = make_membership(user__full_name="Oldest Applicant", applied_at=timezone.now() - timedelta(days=40))
    new = make_membership(user__full_name="Newest Applicant")
    page = moderator_client.get(CHANGELIST, {"status__exact": "applied"}).content.decode()
    assert page.index(old.user.full_name) < page.index(new.user.full_name)
    assert "waiting since" in page.lower()
    assert "1\xa0month" in page or "1 month" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "approved"}, {"Approved One"}),
        ({"region": "middle-east"}, {"Cairo Applicant"}),
        ({"waiting": "30"}, {"Long Waiter"}),
        ({"country": "CO"}, {"Bogota Applicant"}),
    ],
)
def test_queue_filters(moderator_client, make_membership, params, expected):
    make_membership(status=Status.APPROVED, user__full_name="Approved One")
    make_membership(user__full_name="Cairo Applicant", country=Country.objects.get(code="EG"))
    make_membership(user__full_name="Long Waiter", applied_at=timezone.now() - timedelta(days=45))
    make_membership(user__full_name="Bogota Applicant", country=Country.objects.get(code="CO"))
    page = moderator_client.get(CHANGELIST, params).content.decode()
    names = {"Approved One", "Cairo Applicant", "Long Waiter", "Bogota Applicant"}
    assert {name for name in names if name in page} == expected


def test_bulk_approve_asks_for_a_note_then_decides_and_emails(
    moderator_client, moderator, make_membership, django_capture_on_commit_callbacks
):
    first, second = make_membership(), make_membership()
    data = {"action": "approve", "_selected_action": [first.pk, second.pk]}
    confirm_page = moderator_client.post(CHANGELIST, data)
    assert confirm_page.status_code == 200
    assert first.user.email in confirm_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(CHANGELIST, {**data, "confirm": "yes", "note": "Welcome aboard"})
    assert response.status_code == 302
    for membership in (first, second):
        membership.refresh_from_db()
        assert (membership.status, membership.decided_by, membership.decision_note) == (
            Status.APPROVED,
            moderator,
            "Welcome aboard",
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.user.email, second.user.email])


def test_reject_needs_a_note_and_keeps_the_selection(moderator_client, make_membership):
    pending = make_membership()
    data = {"action": "reject", "_selected_action": [pending.pk], "confirm": "yes", "note": ""}
    response = moderator_client.post(CHANGELIST, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.APPLIED


def test_status_cannot_be_edited_by_hand(moderator_client, make_membership):
    pending = make_membership()
    page = moderator_client.get(
        reverse("admin:network_membership_change", args=[pending.pk])
    ).content.decode()
    assert 'name="status"' not in page


def test_changelist_query_count_is_flat(moderator_client, make_membership, django_assert_max_num_queries):
    for _ in range(20):
        make_membership()
    with django_assert_max_num_queries(16):
        assert moderator_client.get(CHANGELIST).status_code == 200


def test_members_cannot_open_the_admin(member_client):
    response = member_client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "Memberships" not in response.content.decode()


def test_staff_may_flag_a_focal_point_but_not_rewrite_the_application(moderator_client, make_membership):
    membership = make_membership(status=Status.APPROVED)
    url = reverse("admin:network_membership_change", args=[membership.pk])
    page = moderator_client.get(url).content.decode()
    assert 'name="is_focal_point"' in page and 'name="organisation"' not in page
    response = moderator_client.post(
        url,
        {
            "is_focal_point": "on",
            "organisation": "Rewritten",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_focal_point and membership.organisation != "Rewritten"


def test_audit_trail_lists_newest_first(moderator_client, moderator, make_membership):
    from network.services.membership import membership_approve

    membership_approve(membership=make_membership(user__email="first@example.org"), actor=moderator)
    membership_approve(membership=make_membership(user__email="second@example.org"), actor=moderator)
    page = moderator_client.get(reverse("admin:network_membershipevent_changelist")).content.decode()
    assert page.index("second@example.org") < page.index("first@example.org")


def test_unfiltered_queue_shows_waiting_applications_first(moderator_client, make_membership):
    make_membership(
        status=Status.APPROVED,
        user__full_name="Long Approved",
        applied_at=timezone.now() - timedelta(days=300),
    )
    make_membership(user__full_name="Waiting Applicant")
    page = moderator_client.get(CHANGELIST).content.decode()
    assert page.index("Waiting Applicant") < page.index("Long Approved")
