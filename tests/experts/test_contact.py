"""Contact an expert: relayed once by email with neither address shown, ten a day, blocks and contact off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.template import engines
from django.utils import timezone

from experts.models import ContactBlock, ContactMessage
from experts.services.contact import (
    DAILY_LIMIT,
    ContactLimitReached,
    ContactRefused,
    contact_block,
    contact_send,
    contact_switch,
)
from network.models import Membership
from network.notifications import email_send_once, notifications_sweep
from network.visibility import Visibility

pytestmark = pytest.mark.django_db
Status = Membership.Status


def _send(sender, profile, subject="Prison rehabilitation", body="Could we compare programmes?"):
    return contact_send(sender=sender, profile=profile, subject=subject, body=body)


def test_the_message_is_relayed_once_from_the_portal_with_replies_to_the_sender(
    member, make_profile, django_capture_on_commit_callbacks
):
    profile = make_profile()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = _send(member, profile)
    assert not mail.outbox  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [profile.user.email]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.reply_to == [member.email]  # only a reply reveals an address
    html = email.alternatives[0][0]
    for part in (email.subject, email.body, html):
        assert member.email not in part and profile.user.email not in part
    assert "Could we compare programmes?" in email.body and "Could we compare programmes?" in html
    assert member.display_name in email.subject
    # The expert is told the truth: the sender's address travels in Reply-To; theirs stays unknown.
    assert "This email carries theirs so that you can answer" in email.body
    message.refresh_from_db()
    assert message.notified_at is not None
    assert email_send_once(model=ContactMessage, pk=message.pk) is False
    assert len(mail.outbox) == 1


def test_a_message_whose_task_was_lost_is_sent_by_the_sweep_once(member, make_profile):
    profile = make_profile()
    message = ContactMessage.objects.create(
        sender=member,
        recipient=profile.user,
        subject="Hello",
        body="Hi",
        created_at=timezone.now() - timedelta(hours=1),
    )
    assert notifications_sweep() == 1
    assert notifications_sweep() == 0
    assert [m.reply_to for m in mail.outbox] == [[member.email]]
    message.refresh_from_db()
    assert message.notified_at is not None


def test_ten_messages_a_day_then_a_message_saying_when(member, make_profile):
    profiles = [make_profile() for _ in range(3)]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _send(member, profiles[0])
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        for index in range(DAILY_LIMIT - 1):
            _send(member, profiles[index % 3])
        with pytest.raises(ContactLimitReached) as refused:
            _send(member, profiles[1])
    assert refused.value.retry_at == start + timedelta(hours=24)
    assert "You can write again from" in refused.value.messages[0]
    assert ContactMessage.objects.filter(sender=member).count() == DAILY_LIMIT
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        _send(member, profiles[1])  # the first message left the window


def test_contact_off_and_a_block_refuse_the_same_way(member, make_membership, make_profile):
    other = make_membership(status=Status.APPROVED).user
    profile = make_profile()
    contact_block(blocker=profile.user, blocked=member)
    with pytest.raises(ContactRefused) as blocked:
        _send(member, profile)
    _send(other, profile)  # only the blocked member is refused
    contact_switch(profile=profile, enabled=False)
    with pytest.raises(ContactRefused) as off:
        _send(other, profile)
    assert blocked.value.messages == off.value.messages  # the blocked member is not told
    assert ContactMessage.objects.count() == 1


@pytest.mark.parametrize("status", [Status.APPLIED, Status.SUSPENDED, Status.REJECTED])
def test_only_members_write(make_membership, make_profile, status):
    sender = make_membership(status=status).user
    with pytest.raises(ContactRefused, match="Only members"):
        _send(sender, make_profile(visibility=Visibility.PUBLIC))
    assert not ContactMessage.objects.exists()


def test_hidden_suspended_and_own_profiles_cannot_be_written_to(member, make_profile):
    for profile in (make_profile(visibility=Visibility.HIDDEN), make_profile(status=Status.SUSPENDED)):
        with pytest.raises(ContactRefused, match="not available"):
            _send(member, profile)
    with pytest.raises(ContactRefused, match="your own profile"):
        _send(member, make_profile(member))
    assert not ContactMessage.objects.exists()


def test_blocking_twice_keeps_one_block_and_nobody_blocks_themselves(member, make_profile):
    profile = make_profile()
    contact_block(blocker=profile.user, blocked=member)
    contact_block(blocker=profile.user, blocked=member)
    assert ContactBlock.objects.count() == 1
    with pytest.raises(ValidationError, match="yourself"):
        contact_block(blocker=member, blocked=member)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_relayed_email_reads_well_in_every_language(member, make_membership, make_profile, language):
    recipient = make_membership(status=Status.APPROVED, user__preferred_language=language).user
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.string_if_invalid = "MISSING-VARIABLE"
    try:
        message = _send(member, make_profile(recipient))
        email_send_once(model=ContactMessage, pk=message.pk)
    finally:
        engine.string_if_invalid = ""
    email = mail.outbox[-1]
    html = email.alternatives[0][0]
    for part in (email.subject, email.body, html):
        assert "MISSING-VARIABLE" not in part and member.email not in part
    assert "/experts/contact/block/" in email.body and "/experts/contact/settings/" in email.body
    assert ('dir="rtl"' in html) is (language == "ar")


def test_the_subject_reads_as_typed(member, make_profile, django_capture_on_commit_callbacks):
    """A subject is plain text: no HTML entities for quotes or ampersands."""
    member.full_name = "Seán O'Brien"
    member.save()
    profile = make_profile()
    with django_capture_on_commit_callbacks(execute=True):
        _send(member, profile, subject='R&D on "prevention" <curricula>')
    assert mail.outbox[0].subject.endswith('Seán O\'Brien via ONSE: R&D on "prevention" <curricula>')
