"""The offers queue in the admin: submitted offers first, oldest first; each decision through the note page and
the services (audited, the offerer emailed); staff corrections audited; interests and history read-only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisory.models import Offer, OfferStatus
from advisory.services.offers import interest_register
from tests.conftest import TOTP_SECRET
from tests.factories import OfferFactory, UserFactory

pytestmark = pytest.mark.django_db
S = OfferStatus
CHANGELIST = reverse("admin:advisory_offer_changelist")

# action → (a status it applies to, the status after, note required)
ACTIONS = {
    "publish": (S.SUBMITTED, S.PUBLISHED, False),
    "request_changes": (S.SUBMITTED, S.CHANGES_REQUESTED, True),
    "reject": (S.SUBMITTED, S.REJECTED, True),
    "close": (S.PUBLISHED, S.CLOSED, False),
    "reopen": (S.CLOSED, S.PUBLISHED, False),
}


@pytest.fixture(autouse=True)
def _moderators_may_moderate_offers(moderator):
    """What the Moderators group's data migration grants on offers (given here too, so these tests do not
    depend on the order in which the advisory migrations land)."""
    moderator.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="advisory",
            codename__in=["view_offer", "change_offer", "view_offerinterest", "view_offerevent"],
        )
    )


def _submitted(days_ago: int, **kwargs) -> Offer:
    return OfferFactory(
        status=S.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        published_at=None,
        **kwargs,
    )


def test_the_queue_lists_offers_waiting_for_a_decision_first_the_longest_waiting_at_the_top(moderator_client):
    published = OfferFactory(title="Already published")
    recent = _submitted(1, title="Sent yesterday")
    old = _submitted(20, title="Sent three weeks ago")
    response = moderator_client.get(CHANGELIST)
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [old, recent, published]
    assert "(since " + timezone.localdate(old.submitted_at).isoformat() in response.content.decode()
    waiting = moderator_client.get(CHANGELIST, {"waiting": "14"})
    assert list(waiting.context["cl"].result_list) == [old]


@pytest.mark.parametrize("action", ACTIONS)
def test_each_decision_goes_through_the_note_page_is_audited_and_emails_the_offerer(
    moderator_client, moderator, django_capture_on_commit_callbacks, mailoutbox, action
):
    source, target, required = ACTIONS[action]
    offer = OfferFactory(status=source, title="Course for FIU analysts")
    other = OfferFactory(status=source, title="Not selected")
    data = {"action": action, "_selected_action": [offer.pk]}
    note_page = moderator_client.post(CHANGELIST, data)
    assert note_page.status_code == 200 and "Course for FIU analysts" in note_page.content.decode()
    if required:
        refused = moderator_client.post(CHANGELIST, {**data, "confirm": "yes", "note": ""})
        assert refused.status_code == 200
        offer.refresh_from_db()
        assert offer.status == source
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(CHANGELIST, {**data, "confirm": "yes", "note": "Note from UNCCT"})
    assert response.status_code == 302
    offer.refresh_from_db()
    other.refresh_from_db()
    assert (offer.status, other.status) == (target, source)
    event = offer.events.latest("pk")
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        source,
        target,
        moderator,
        "Note from UNCCT",
    )
    emailed = [m.to for m in mailoutbox]
    assert emailed == ([] if action == "reopen" else [[offer.offered_by.email]])


def test_publishing_stamps_the_first_publication_date_once(moderator_client):
    offer = _submitted(3)
    url = reverse("admin:advisory_offer_transition", args=[offer.pk, "publish"])
    assert moderator_client.get(url).status_code == 200
    moderator_client.post(url, {"confirm": "yes", "note": ""})
    offer.refresh_from_db()
    first = offer.published_at
    assert offer.status == S.PUBLISHED and first is not None
    for name in ("close", "reopen"):
        moderator_client.post(
            reverse("admin:advisory_offer_transition", args=[offer.pk, name]), {"confirm": "yes"}
        )
    offer.refresh_from_db()
    assert offer.status == S.PUBLISHED and offer.published_at == first


def test_the_change_page_offers_only_the_decisions_that_apply(moderator_client):
    offer = _submitted(2)
    html = moderator_client.get(reverse("admin:advisory_offer_change", args=[offer.pk])).content.decode()
    for name in ("publish", "request_changes", "reject"):
        assert reverse("admin:advisory_offer_transition", args=[offer.pk, name]) in html
    for name in ("close", "reopen"):
        assert reverse("admin:advisory_offer_transition", args=[offer.pk, name]) not in html


def test_a_staff_correction_is_saved_rendered_and_recorded_in_the_history(moderator_client, moderator):
    offer = OfferFactory(title="Cours de formaton")
    url = reverse("admin:advisory_offer_change", args=[offer.pk])
    form = moderator_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(
        title="Cours de formation",
        description="Animé par des **analystes**.",
        themes=[t.pk for t in offer.themes.all()],
        languages=offer.languages,
        pillars=offer.pillars,
        organisation="",
        **{
            f"{prefix}-{key}": value
            for prefix in ("interests", "events")
            for key, value in {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items()
        },
    )
    data.pop("on_request")
    data["on_request"] = "on"
    response = moderator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.title == "Cours de formation"
    assert "<strong>analystes</strong>" in offer.description_html
    event = offer.events.latest("pk")
    assert (event.from_status, event.to_status, event.actor) == (S.PUBLISHED, S.PUBLISHED, moderator)
    assert "title" in event.note and "description" in event.note
    assert event.notified_at is None  # a details change: nobody emailed


def test_interests_are_shown_read_only_on_the_change_page(moderator_client, make_member):
    offer = OfferFactory()
    member = make_member()
    interest_register(offer=offer, member=member, message="Our unit needs this course")
    html = moderator_client.get(reverse("admin:advisory_offer_change", args=[offer.pk])).content.decode()
    assert "Our unit needs this course" in html and member.email in html
    assert 'name="interests-0-message"' not in html


def test_staff_do_not_add_offers_in_the_admin(moderator_client):
    assert moderator_client.get(reverse("admin:advisory_offer_add")).status_code == 403


def test_a_member_gets_nothing_of_the_queue(member_client, offer):
    response = member_client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    url = reverse("admin:advisory_offer_transition", args=[offer.pk, "close"])
    member_client.post(url, {"confirm": "yes"})
    offer.refresh_from_db()
    assert offer.status == S.PUBLISHED


def test_staff_without_the_change_permission_cannot_decide(offer):
    viewer = UserFactory(is_staff=True)
    TOTP.activate(viewer, TOTP_SECRET)
    viewer.user_permissions.add(Permission.objects.get(codename="view_offer"))
    client = Client()
    client.force_login(viewer)
    assert client.get(CHANGELIST).status_code == 200
    url = reverse("admin:advisory_offer_transition", args=[offer.pk, "close"])
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    offer.refresh_from_db()
    assert offer.status == S.PUBLISHED
