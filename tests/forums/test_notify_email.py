"""A member who asked for it gets each notification by email at once, once, in their language; the others,
and anything they can no longer see, are never emailed (not by the sweep either)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from forums.models import Notification, PostStatus
from forums.notify import post_published
from forums.services.following import thread_follow
from network.models import MemberPreferences
from network.notifications import email_send_once, notifications_sweep

pytestmark = pytest.mark.django_db


def test_an_opted_in_member_is_emailed_once_in_their_language(
    make_member, thread, reply, django_capture_on_commit_callbacks
):
    reader = make_member(language="fr", user__full_name="Lecteur")
    MemberPreferences.objects.create(user=reader, email_immediately=True)
    quiet = make_member()
    thread_follow(user=reader, thread=thread)
    thread_follow(user=quiet, thread=thread)
    post = reply(make_member(user__full_name="Replier"), body_html="<p>Mentors met <em>weekly</em>.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        post_published(post.pk)

    assert [message.to for message in mail.outbox] == [[reader.email]]
    message = mail.outbox[0]
    assert "Bonjour Lecteur" in message.body  # the recipient's language
    assert "Replier" in message.subject and thread.title in message.subject
    assert "Mentors met weekly." in message.body  # the excerpt, without markup
    assert f"/t/{thread.pk}/" in message.body and f"#post-{post.number}" in message.body
    html = message.alternatives[0][0]
    assert 'lang="fr"' in html
    row = Notification.objects.get(recipient=reader)
    assert row.notified_at is not None
    # Sent once: the task retried and the sweep find nothing more to send.
    assert email_send_once(model=Notification, pk=row.pk) is False
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert notifications_sweep() == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get(recipient=quiet).notified_at is None


def test_the_sweep_picks_only_rows_of_members_who_want_immediate_emails(make_member, thread, reply):
    keen, quiet = make_member(), make_member()
    MemberPreferences.objects.create(user=keen, email_immediately=True)
    MemberPreferences.objects.create(user=quiet, email_immediately=False)
    thread_follow(user=keen, thread=thread)
    thread_follow(user=quiet, thread=thread)
    post_published(reply(make_member()).pk)  # no on-commit run: the broker "was down"
    assert not mail.outbox
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert notifications_sweep() == 1
    assert [message.to for message in mail.outbox] == [[keen.email]]


def test_no_email_about_a_post_hidden_before_it_was_sent(make_member, thread, reply):
    keen = make_member()
    MemberPreferences.objects.create(user=keen, email_immediately=True)
    thread_follow(user=keen, thread=thread)
    post = reply(make_member())
    post_published(post.pk)
    post.__class__.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    row = Notification.objects.get(recipient=keen)
    assert email_send_once(model=Notification, pk=row.pk) is False
    assert not mail.outbox


def test_no_email_for_a_member_suspended_before_it_was_sent(make_member, thread, reply):
    keen = make_member()
    MemberPreferences.objects.create(user=keen, email_immediately=True)
    thread_follow(user=keen, thread=thread)
    post_published(reply(make_member()).pk)
    keen.membership.status = "suspended"
    keen.membership.save(update_fields=["status"])
    assert email_send_once(model=Notification, pk=Notification.objects.get(recipient=keen).pk) is False
    assert not mail.outbox


def test_an_e_discussion_notice_is_emailed_with_a_link_to_the_thread(make_member, thread):
    from forums.models import Consultation
    from forums.notify import consultation_opened

    keen = make_member()
    MemberPreferences.objects.create(user=keen, email_immediately=True)
    now = timezone.now()
    consultation = Consultation.objects.create(
        thread=thread, lead_question="What works?", opens_at=now, closes_at=now + timedelta(days=7)
    )
    thread_follow(user=keen, thread=thread)
    consultation_opened(consultation.pk)
    assert email_send_once(model=Notification, pk=Notification.objects.get(recipient=keen).pk) is True
    assert "is open" in mail.outbox[0].subject and f"/t/{thread.pk}/" in mail.outbox[0].body
