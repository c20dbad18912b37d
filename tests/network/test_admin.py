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
    # Each feature app adds its own (tests/<app>/); these are network's.
    group = Group.objects.get(name="Moderators")
    perms = set(
        group.permissions.filter(content_type__app_label="network").values_list("codename", flat=True)
    )
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
        # digests (0008): the runs, the deliveries ("Send again" needs change) and the members' email choices
        "view_digestrun",
        "view_digestdelivery",
        "change_digestdelivery",
        "view_emailchoiceevent",
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


def test_audit_trail_query_count_is_flat(moderator_client, make_membership, django_assert_max_num_queries):
    for _ in range(20):
        make_membership(is_focal_point=True)
    with django_assert_max_num_queries(12):
        assert moderator_client.get(reverse("admin:network_membershipevent_changelist")).status_code == 200


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


def change_url(membership):
    return reverse("admin:network_membership_change", args=[membership.pk])


def transition_url(membership, name):
    return reverse("admin:network_membership_transition", args=[membership.pk, name])


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (Status.APPLIED, {"approve", "reject"}),
        (Status.APPROVED, {"suspend"}),
        (Status.SUSPENDED, {"reinstate"}),
        (Status.REJECTED, set()),
    ],
)
def test_change_page_offers_only_the_transitions_the_membership_can_take(
    moderator_client, make_membership, status, buttons
):
    membership = make_membership(status=status)
    page = moderator_client.get(change_url(membership)).content.decode()
    offered = {
        name
        for name in ("approve", "reject", "suspend", "reinstate")
        if transition_url(membership, name) in page
    }
    assert offered == buttons


def test_change_page_button_asks_for_a_note_then_approves_through_the_service(
    moderator_client, moderator, make_membership, django_capture_on_commit_callbacks
):
    membership = make_membership(user__full_name="Amina Diallo")
    note_page = moderator_client.get(transition_url(membership, "approve"))
    assert note_page.status_code == 200
    assert 'name="note"' in note_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            transition_url(membership, "approve"), {"confirm": "yes", "note": "Welcome"}
        )
    assert response.status_code == 302 and response["Location"] == change_url(membership)
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by, membership.decision_note) == (
        Status.APPROVED,
        moderator,
        "Welcome",
    )
    event = membership.events.latest("created_at")
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "applied",
        "approved",
        moderator,
        "Welcome",
    )
    assert [m.to for m in mail.outbox] == [[membership.user.email]]


def test_change_page_reject_needs_a_note(moderator_client, make_membership):
    membership = make_membership()
    response = moderator_client.post(transition_url(membership, "reject"), {"confirm": "yes", "note": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Status.APPLIED


def test_a_button_for_a_transition_that_does_not_apply_changes_nothing(moderator_client, make_membership):
    membership = make_membership(status=Status.SUSPENDED)
    response = moderator_client.post(transition_url(membership, "approve"), {"confirm": "yes"}, follow=True)
    assert "does not apply" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Status.SUSPENDED


@pytest.mark.parametrize("name", ["approve", "unknown"])
@pytest.mark.parametrize(
    ("object_id", "status"),
    [("999999", 404), ("not-a-number", 404), ("%00", 400)],  # a NUL byte is refused before any view
)
def test_transition_urls_for_missing_objects_answer_404(moderator_client, name, object_id, status):
    response = moderator_client.get(f"/admin/network/membership/{object_id}/transition/{name}/")
    assert response.status_code == status


def test_an_unknown_transition_answers_404(moderator_client, make_membership):
    assert moderator_client.get(transition_url(make_membership(), "promote")).status_code == 404


def test_staff_who_may_not_decide_get_no_buttons_and_no_note_page(client, make_user, make_membership):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Permission

    from tests.conftest import TOTP_SECRET

    viewer = make_user(is_staff=True)
    TOTP.activate(viewer, TOTP_SECRET)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_membership", "change_membership"])
    )
    client.force_login(viewer)
    membership = make_membership()
    page = client.get(change_url(membership)).content.decode()
    assert 'name="is_focal_point"' in page and transition_url(membership, "approve") not in page
    assert client.get(transition_url(membership, "approve")).status_code == 403
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [membership.pk]})
    membership.refresh_from_db()
    assert membership.status == Status.APPLIED and response.status_code in (200, 302)


def test_note_page_shows_what_each_applicant_wrote(moderator_client, make_membership):
    from network.models import Theme

    first = make_membership(
        user__full_name="Farid Benali",
        country=Country.objects.get(code="DZ"),
        organisation="Institut national",
        position="Researcher",
        motivation="Ten years of prison-rehabilitation work\nand a regional network.",
        themes=list(Theme.objects.filter(slug="pcve")),
    )
    second = make_membership(user__full_name="Lucía Gómez", country=Country.objects.get(code="CO"))
    page = moderator_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [first.pk, second.pk]}
    ).content.decode()
    for expected in (
        "Farid Benali",
        "Algeria",
        "Institut national",
        "Researcher",
        "Ten years of prison-rehabilitation work<br>and a regional network.",
        Theme.objects.get(slug="pcve").label,
        "Lucía Gómez",
        "Colombia",
        "2 memberships selected",
    ):
        assert expected in page


def test_note_page_escapes_what_applicants_wrote(moderator_client, make_membership):
    membership = make_membership(motivation='<script>alert("x")</script>', organisation="<b>Org</b>")
    page = moderator_client.get(transition_url(membership, "approve")).content.decode()
    assert "<script>alert" not in page and "<b>Org</b>" not in page
    assert "&lt;script&gt;" in page


def test_note_page_query_count_does_not_grow_with_the_selection(
    moderator_client, make_membership, django_assert_max_num_queries
):
    selected = [make_membership().pk for _ in range(20)]
    with django_assert_max_num_queries(14):
        response = moderator_client.post(CHANGELIST, {"action": "approve", "_selected_action": selected})
    assert response.status_code == 200


def test_reinstate_is_its_own_action_and_approve_no_longer_reinstates(
    moderator_client, moderator, make_membership, django_capture_on_commit_callbacks
):
    suspended, pending = make_membership(status=Status.SUSPENDED), make_membership()
    selection = [suspended.pk, pending.pk]
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            CHANGELIST, {"action": "approve", "_selected_action": selection, "confirm": "yes"}
        )
    suspended.refresh_from_db(), pending.refresh_from_db()
    assert (suspended.status, pending.status) == (Status.SUSPENDED, Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            CHANGELIST, {"action": "reinstate", "_selected_action": selection, "confirm": "yes"}, follow=True
        )
    suspended.refresh_from_db()
    assert suspended.status == Status.APPROVED
    event = suspended.events.latest("created_at")
    assert (event.from_status, event.to_status, event.actor) == ("suspended", "approved", moderator)
    # the one already approved is reported, not changed again
    assert "was left unchanged" in response.content.decode()
    assert pending.events.filter(to_status="approved").count() == 1


def test_bulk_action_reports_each_membership_left_unchanged_and_why(moderator_client, make_membership):
    pending = make_membership()
    rejected = make_membership(status=Status.REJECTED, user__full_name="Already Rejected")
    response = moderator_client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [pending.pk, rejected.pk], "confirm": "yes"},
        follow=True,
    )
    page = response.content.decode()
    assert "1 membership is now approved" in page
    assert "Already Rejected (Rejected) was left unchanged" in page
    pending.refresh_from_db(), rejected.refresh_from_db()
    assert (pending.status, rejected.status) == (Status.APPROVED, Status.REJECTED)
