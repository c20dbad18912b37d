"""Digests are sent once per member and period, whatever happens: a worker dying mid-chunk, the beat twice,
"try later" from the mail server, an address refused; and only to members who have something new and have
not been on the site meanwhile (LastSeenMiddleware stamps that)."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network.middleware import seen_cache_key
from network.models import (
    DeliveryStatus,
    DigestDelivery,
    EmailChoiceEvent,
    MemberPreferences,
    Membership,
    User,
)
from network.services.digests import digest_deliveries_interrupted, digest_run_plan
from network.tasks import digests_schedule, digests_send_chunk
from tests.network.digests_fakes import NOTHING_NEW, WorkerKilled, digests, sent_to

__all__ = ["digests"]  # the fixture
pytestmark = pytest.mark.django_db


@pytest.fixture
def three(make_member) -> list[User]:
    return [make_member(user__email=f"m{n}@example.org") for n in range(3)]


def _status(user: User) -> str:
    return DigestDelivery.objects.get(member=user).status


def test_the_beat_twice_plans_and_sends_one_digest_each(digests, three, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_schedule(frequency="weekly") == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_schedule(frequency="weekly") == 0
    assert sorted(sent_to()) == sorted(user.email for user in three)
    assert DigestDelivery.objects.count() == 3
    assert {_status(user) for user in three} == {DeliveryStatus.SENT}


def test_a_worker_killed_mid_chunk_is_rerun_without_a_duplicate(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    first, second, third = three
    digests.script[second.email] = [WorkerKilled()]
    with pytest.raises(WorkerKilled):
        digests_send_chunk(delivery_ids=ids)
    assert sent_to() == [first.email]
    assert (_status(second), _status(third)) == (DeliveryStatus.SENDING, DeliveryStatus.PLANNED)

    # The broker gives the task back (acks_late, reject_on_worker_lost): the re-run sends the rest only.
    digests_send_chunk(delivery_ids=ids)
    assert sent_to() == [first.email, third.email]
    # The one being sent when the worker died may have left: never sent again by itself…
    digests_send_chunk(delivery_ids=ids)
    assert sent_to() == [first.email, third.email]
    # …but an hour later it is marked failed, for staff to look at and send again.
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert digest_deliveries_interrupted() == 1
    assert _status(second) == DeliveryStatus.FAILED
    assert "may or may not have left" in DigestDelivery.objects.get(member=second).error


def test_try_later_then_success_sends_one_email(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    second = three[1]
    digests.script[second.email] = [smtplib.SMTPResponseException(421, b"Try again later")]
    digests_send_chunk.apply(kwargs={"delivery_ids": ids})  # the task retries itself (eagerly here)
    assert sorted(sent_to()) == sorted(user.email for user in three)
    delivery = DigestDelivery.objects.get(member=second)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)


def test_connection_lost_then_success_sends_one_email(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    digests.script[three[0].email] = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    digests_send_chunk.apply(kwargs={"delivery_ids": ids})
    assert sorted(sent_to()) == sorted(user.email for user in three)


def test_a_refused_address_is_recorded_set_aside_and_the_others_sent(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    first, second, third = three
    digests.script[second.email] = [smtplib.SMTPRecipientsRefused({second.email: (550, b"No such user")})]
    digests_send_chunk(delivery_ids=ids)
    assert sent_to() == [first.email, third.email]
    delivery = DigestDelivery.objects.get(member=second)
    assert delivery.status == DeliveryStatus.FAILED
    assert "No such user" in delivery.error
    assert MemberPreferences.objects.get(user=second).email_bounced_at is not None
    assert EmailChoiceEvent.objects.filter(member=second, source="bounce").count() == 1
    # The next period does not even plan them.
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        _next, next_ids = digest_run_plan(frequency="weekly")
    assert set(DigestDelivery.objects.filter(pk__in=next_ids).values_list("member_id", flat=True)) == {
        first.pk,
        third.pk,
    }


def test_a_member_suspended_after_planning_gets_nothing(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    Membership.objects.filter(user=three[1]).update(status=Membership.Status.SUSPENDED)
    digests_send_chunk(delivery_ids=ids)
    assert three[1].email not in sent_to()
    assert _status(three[1]) == DeliveryStatus.SKIPPED


def test_a_member_who_turned_digests_off_after_planning_gets_nothing(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    MemberPreferences.objects.update_or_create(user=three[0], defaults={"digest_frequency": "off"})
    digests_send_chunk(delivery_ids=ids)
    assert three[0].email not in sent_to()
    assert _status(three[0]) == DeliveryStatus.SKIPPED


def test_nothing_new_means_no_email(digests, three):
    NOTHING_NEW.add(three[2].email)
    _run, ids = digest_run_plan(frequency="weekly")
    digests_send_chunk(delivery_ids=ids)
    assert three[2].email not in sent_to()
    assert _status(three[2]) == DeliveryStatus.EMPTY


def test_a_member_seen_on_the_site_during_the_period_gets_no_digest(digests, three, client):
    client.force_login(three[0])
    client.get("/members/")
    assert User.objects.get(pk=three[0].pk).last_seen_at is not None
    _run, ids = digest_run_plan(frequency="weekly")
    digests_send_chunk(delivery_ids=ids)
    assert sorted(sent_to()) == sorted([three[1].email, three[2].email])
    assert _status(three[0]) == DeliveryStatus.ACTIVE


def test_one_smtp_connection_per_chunk(digests, three):
    _run, ids = digest_run_plan(frequency="weekly")
    digests_send_chunk(delivery_ids=ids)
    assert digests.connections == 1


def test_the_next_digest_starts_where_the_last_one_ended(digests, three):
    run, ids = digest_run_plan(frequency="weekly")
    digests_send_chunk(delivery_ids=ids)
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        later, _ids = digest_run_plan(frequency="weekly")
    assert later.pk != run.pk
    assert {d.since for d in later.deliveries.all()} == {run.period_end}


# --- activity: one middleware stamps the member and calls the hooks -----------------------------------------


def test_last_seen_is_stamped_once_an_hour_for_signed_in_people(make_member, client):
    member = make_member()
    client.force_login(member)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/members/")
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        client.get("/members/")
    assert User.objects.get(pk=member.pk).last_seen_at == start
    cache.delete(seen_cache_key(member.pk))
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        client.get("/members/")
    assert User.objects.get(pk=member.pk).last_seen_at == start + timedelta(hours=2)


def test_visitors_and_errors_are_not_stamped(make_member, client):
    member = make_member()
    client.get("/")
    client.force_login(member)
    client.get("/no-such-page/")
    assert User.objects.get(pk=member.pk).last_seen_at is None


seen_calls: list[tuple[int, object]] = []


def record_seen(*, user, at):
    seen_calls.append((user.pk, at))


def test_the_seen_hooks_get_the_member_and_the_moment(make_member, client, settings):
    settings.MEMBER_SEEN_HOOKS = [f"{__name__}.record_seen"]
    seen_calls.clear()
    member = make_member()
    client.force_login(member)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        client.get("/members/")
        client.get("/members/")
    assert seen_calls == [(member.pk, now)]


def test_after_the_first_stamp_requests_write_nothing(make_member, client):
    member = make_member()
    client.force_login(member)
    client.get("/members/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/members/")
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
