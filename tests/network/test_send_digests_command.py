"""``send_digests``: a dry run says who would get what and writes nothing; a real run sends each digest once,
with a progress line; ``--member`` narrows it to one person and says why they get none."""

from __future__ import annotations

import smtplib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from network.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestRun,
    EmailChoiceEvent,
    MemberPreferences,
    Membership,
    User,
)
from tests.network.digests_fakes import NOTHING_NEW, digests, sent_to

__all__ = ["digests"]
pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_digests", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def people(make_member) -> dict[str, User]:
    people = {
        "reader": make_member(user__email="reader@example.org", language="ar"),
        "quiet": make_member(user__email="quiet@example.org"),
        "active": make_member(user__email="active@example.org"),
        "daily": make_member(user__email="daily@example.org"),
        "suspended": make_member(user__email="suspended@example.org", status=Membership.Status.SUSPENDED),
    }
    NOTHING_NEW.add("quiet@example.org")
    User.objects.filter(pk=people["active"].pk).update(last_seen_at=timezone.now())
    MemberPreferences.objects.create(user=people["daily"], digest_frequency="daily")
    return people


def _written() -> tuple[int, ...]:
    return (
        DigestRun.objects.count(),
        DigestDelivery.objects.count(),
        MemberPreferences.objects.count(),
        EmailChoiceEvent.objects.count(),
    )


def test_dry_run_says_who_would_get_what_and_writes_nothing(digests, people):
    before = _written()
    out, _err = run("--frequency", "weekly", "--dry-run")
    assert _written() == before
    assert sent_to() == []
    lines = {line.split(" ")[0].rstrip(":"): line for line in out.splitlines()}
    assert "(ar, since" in lines["reader@example.org"]
    assert lines["reader@example.org"].endswith(": news 3")
    assert "nothing new" in lines["quiet@example.org"]
    assert "active on the site" in lines["active@example.org"]
    assert "daily@example.org" not in lines and "suspended@example.org" not in lines
    assert "1 digest(s) would be sent." in out


def test_dry_run_for_one_member_says_why_not(digests, people):
    out, _err = run("--frequency", "weekly", "--dry-run", "--member", "daily@example.org")
    assert "daily@example.org: no digest, receives digests: Daily." in out
    out, _err = run("--frequency", "weekly", "--dry-run", "--member", "SUSPENDED@example.org")
    assert "not a member in good standing" in out
    out, _err = run("--frequency", "daily", "--dry-run", "--member", "daily@example.org")
    assert "daily@example.org (en, since" in out and ": news 3" in out
    assert _written()[:2] == (0, 0)


def test_dry_run_after_a_real_run_says_it_is_done(digests, people):
    run("--frequency", "weekly")
    out, _err = run("--frequency", "weekly", "--dry-run")
    assert "reader@example.org: already done in" in out and "(Sent)" in out


def test_a_real_run_sends_once_with_progress(digests, people):
    out, err = run("--frequency", "weekly")
    assert sent_to() == ["reader@example.org"]
    assert "3 digest(s) to send" in out
    assert "Done: active 1, empty 1, sent 1." in out
    assert "3/3" in err and "sent 1" in err
    out, _err = run("--frequency", "weekly")
    assert sent_to() == ["reader@example.org"]
    assert "0 digest(s) to send" in out


def test_one_member(digests, people):
    out, _err = run("--frequency", "weekly", "--member", "reader@example.org")
    assert sent_to() == ["reader@example.org"]
    assert DigestDelivery.objects.get().member == people["reader"]
    out, _err = run("--frequency", "weekly", "--member", "reader@example.org")
    assert "already done in" in out
    assert sent_to() == ["reader@example.org"]


def test_one_member_who_gets_no_digest_or_no_such_account(digests, people):
    with pytest.raises(CommandError, match="receives digests: Daily"):
        run("--frequency", "weekly", "--member", "daily@example.org")
    with pytest.raises(CommandError, match="No account"):
        run("--frequency", "weekly", "--member", "nobody@example.org")
    assert DigestDelivery.objects.count() == 0


def test_try_later_stops_the_run_and_the_same_command_finishes_it(digests, people):
    digests.script["reader@example.org"] = [smtplib.SMTPResponseException(421, b"Busy")]
    with pytest.raises(CommandError, match="try later"):
        run("--frequency", "weekly")
    assert DigestDelivery.objects.get(member=people["reader"]).status == DeliveryStatus.PLANNED
    run("--frequency", "weekly")
    assert sent_to() == ["reader@example.org"]


def test_frequency_is_required_and_checked(digests):
    with pytest.raises(CommandError):
        run("--frequency", "hourly")
