"""Staff see each digest run's counts and failures, every delivery, a member's history and email choices, and
send a failed digest again — once, and only if the member should still get it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from network.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestRun,
    EmailChoiceEvent,
    Membership,
    User,
)
from network.services.digests import digest_run_plan
from tests.network.digests_fakes import digests, sent_to

__all__ = ["digests"]
pytestmark = pytest.mark.django_db

RUNS = reverse("admin:network_digestrun_changelist")
DELIVERIES = reverse("admin:network_digestdelivery_changelist")
CHOICES = reverse("admin:network_emailchoiceevent_changelist")


@pytest.fixture
def statuses(make_member) -> dict[str, User]:
    """One weekly run with a member in each outcome."""
    names = ["sent", "empty", "active", "skipped", "failed", "failed2", "planned"]
    people = {name: make_member(user__email=f"{name}@example.org") for name in names}
    _run, _ids = digest_run_plan(frequency="weekly")
    for name, user in people.items():
        status = "failed" if name == "failed2" else name
        DigestDelivery.objects.filter(member=user).update(
            status=status, error="550 No such user here" if status == "failed" else ""
        )
    return people


def test_runs_list_their_counts(moderator_client, statuses, django_assert_max_num_queries):
    # Another period, to see the counts do not mix.
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        digest_run_plan(frequency="weekly")
    with django_assert_max_num_queries(12):
        response = moderator_client.get(RUNS)
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    assert len(rows) == 2
    older = rows[1]
    assert (older.planned, older.sent, older.skipped_empty, older.skipped_active, older.skipped_other) == (
        7,
        1,
        1,
        1,
        1,
    )
    assert (older.failed, older.waiting) == (2, 1)
    assert (rows[0].planned, rows[0].waiting) == (7, 7)


def test_a_run_page_lists_its_failures_with_their_error(moderator_client, statuses):
    run = DigestRun.objects.get()
    response = moderator_client.get(reverse("admin:network_digestrun_change", args=[run.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "failed@example.org" in page and "failed2@example.org" in page
    assert "550 No such user here" in page
    assert "sent@example.org" not in page
    assert 'name="_save"' not in page  # nothing to edit


def test_deliveries_filter_by_status_frequency_run_and_search(moderator_client, statuses):
    run = DigestRun.objects.get()
    response = moderator_client.get(DELIVERIES, {"status__exact": "failed", "run__id__exact": run.pk})
    assert {d.member.email for d in response.context["cl"].result_list} == {
        "failed@example.org",
        "failed2@example.org",
    }
    response = moderator_client.get(DELIVERIES, {"q": "active@"})
    assert [d.member.email for d in response.context["cl"].result_list] == ["active@example.org"]
    response = moderator_client.get(DELIVERIES, {"frequency": "daily"})
    assert response.status_code == 200


def test_deliveries_list_in_few_queries(moderator_client, statuses, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = moderator_client.get(DELIVERIES)
    assert len(response.context["cl"].result_list) == 7


def test_deliveries_are_read_only(moderator_client, statuses):
    delivery = DigestDelivery.objects.get(member=statuses["sent"])
    url = reverse("admin:network_digestdelivery_change", args=[delivery.pk])
    assert 'name="_save"' not in moderator_client.get(url).content.decode()
    response = moderator_client.post(url, {"status": "planned"})
    assert response.status_code == 403
    assert DigestDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SENT


def test_send_again_sends_the_failed_ones_once(
    digests, moderator_client, statuses, django_capture_on_commit_callbacks
):
    ids = list(
        DigestDelivery.objects.filter(
            member__email__in=["failed@example.org", "sent@example.org"]
        ).values_list("pk", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(DELIVERIES, {"action": "send_again", "_selected_action": ids})
    assert sent_to() == ["failed@example.org"]
    assert DigestDelivery.objects.get(member=statuses["failed"]).status == DeliveryStatus.SENT
    assert DigestDelivery.objects.get(member=statuses["sent"]).status == DeliveryStatus.SENT
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert "1 digest will be sent again." in texts
    assert "1 selected digest had not failed: left as it was." in texts
    # Again: it is no longer failed, nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(DELIVERIES, {"action": "send_again", "_selected_action": ids})
    assert sent_to() == ["failed@example.org"]


def test_send_again_decides_again(digests, moderator_client, statuses, django_capture_on_commit_callbacks):
    Membership.objects.filter(user=statuses["failed"]).update(status=Membership.Status.SUSPENDED)
    delivery = DigestDelivery.objects.get(member=statuses["failed"])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(DELIVERIES, {"action": "send_again", "_selected_action": [delivery.pk]})
    assert sent_to() == []
    assert DigestDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.SKIPPED


def test_send_again_with_the_queue_down_leaves_it_failed(
    digests, moderator_client, statuses, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(**kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("network.tasks.digests_send_chunk.delay", broker_down)
    delivery = DigestDelivery.objects.get(member=statuses["failed"])
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            DELIVERIES, {"action": "send_again", "_selected_action": [delivery.pk]}
        )
    assert DigestDelivery.objects.get(pk=delivery.pk).status == DeliveryStatus.FAILED
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["The sending queue is unavailable: nothing was sent. Try again later."]


def test_a_members_history_from_the_user_page(moderator_client, statuses):
    user = statuses["failed"]
    EmailChoiceEvent.objects.create(
        member=user, kind="digest_frequency", old_value="weekly", new_value="off", source="settings"
    )
    page = moderator_client.get(reverse("admin:network_user_change", args=[user.pk])).content.decode()
    assert "1 digest" in page and "1 failed" in page
    response = moderator_client.get(DELIVERIES, {"member__id__exact": user.pk})
    assert [d.member_id for d in response.context["cl"].result_list] == [user.pk]
    response = moderator_client.get(CHOICES, {"member__id__exact": user.pk})
    assert [e.new_value for e in response.context["cl"].result_list] == ["off"]


def test_email_choices_are_read_only(moderator_client, member):
    EmailChoiceEvent.objects.create(
        member=member, kind="digest_frequency", old_value="weekly", new_value="daily", source="settings"
    )
    assert moderator_client.get(CHOICES).status_code == 200
    assert moderator_client.get(reverse("admin:network_emailchoiceevent_add")).status_code == 403


def test_members_never_see_the_digest_admin(member_client, statuses):
    response = member_client.get(RUNS)
    assert response.status_code == 302 and "login" in response.url
