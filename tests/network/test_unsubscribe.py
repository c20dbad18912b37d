"""One-click unsubscribe (RFC 8058): the link in every digest and notification email works without signing in;
a GET (a link scanner) changes nothing; a POST turns that kind of email off and is recorded; a forged, cut,
re-signed or other-kind token changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.counters import thread_counters_refresh
from forums.models import Notification
from forums.notify import post_published
from forums.services.following import thread_follow
from network.emails import RenderedEmail
from network.models import (
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    EmailChoiceEvent,
    EmailChoiceSource,
    MemberPreferences,
)
from network.services import digests
from network.services.membership import membership_suspend
from network.unsubscribe import SALT, UnsubscribeKind, unsubscribe_path, unsubscribe_token
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def client() -> Client:
    """A mail client or a logged-out browser: no session, and CSRF checks on, as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def keen(make_member):
    """A member who gets the weekly digest and each notification by email."""
    user = make_member(user__email="keen@example.org")
    MemberPreferences.objects.create(user=user, email_immediately=True)
    return user


def preferences(user) -> MemberPreferences:
    return MemberPreferences.objects.get(user=user)


def test_get_shows_a_confirm_page_and_changes_nothing(client, keen):
    response = client.get(unsubscribe_path(keen, UnsubscribeKind.DIGEST))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop the email digest?" in page and 'name="robots" content="noindex"' in page
    assert '<form method="post">' in page and "Stop the digest" in page
    assert "keen@example.org" not in page  # a forwarded email's link shows no one's address
    assert client.head(unsubscribe_path(keen, UnsubscribeKind.NOTIFICATIONS)).status_code == 200
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY
    assert preferences(keen).email_immediately is True
    assert not EmailChoiceEvent.objects.exists()


def test_one_click_post_without_login_or_cookie_stops_the_digest(client, keen):
    response = client.post(unsubscribe_path(keen, UnsubscribeKind.DIGEST), ONE_CLICK)
    assert response.status_code == 200
    page = response.content.decode()
    assert "You will no longer receive the email digest." in page
    assert reverse("network:notification_settings") in page
    assert preferences(keen).digest_frequency == DigestFrequency.OFF
    assert preferences(keen).email_immediately is True  # only that kind
    event = EmailChoiceEvent.objects.get()
    assert (event.member, event.kind, event.old_value, event.new_value, event.source) == (
        keen,
        "digest_frequency",
        "weekly",
        "off",
        EmailChoiceSource.ONE_CLICK,
    )


def test_one_click_post_stops_notification_emails_only(client, keen):
    client.post(unsubscribe_path(keen, UnsubscribeKind.NOTIFICATIONS), ONE_CLICK)
    assert preferences(keen).email_immediately is False
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY
    assert EmailChoiceEvent.objects.get().kind == "email_immediately"


def test_a_member_without_saved_settings_can_unsubscribe(client, member):
    client.post(unsubscribe_path(member, UnsubscribeKind.DIGEST), ONE_CLICK)
    assert preferences(member).digest_frequency == DigestFrequency.OFF


def test_replay_is_harmless(client, keen):
    url = unsubscribe_path(keen, UnsubscribeKind.DIGEST)
    client.post(url, ONE_CLICK)
    again = client.post(url, ONE_CLICK)
    assert again.status_code == 200
    assert EmailChoiceEvent.objects.count() == 1
    assert "already receives no digest" in client.get(url).content.decode()


def test_a_member_who_turns_it_on_again_can_unsubscribe_again(client, keen):
    url = unsubscribe_path(keen, UnsubscribeKind.DIGEST)
    client.post(url, ONE_CLICK)
    MemberPreferences.objects.filter(user=keen).update(digest_frequency=DigestFrequency.DAILY)
    client.post(url, ONE_CLICK)
    assert preferences(keen).digest_frequency == DigestFrequency.OFF
    assert EmailChoiceEvent.objects.count() == 2


def _forged_tokens(member) -> list[str]:
    genuine = unsubscribe_token(member, UnsubscribeKind.DIGEST)
    return [
        genuine[:-3] + ("abc" if not genuine.endswith("abc") else "xyz"),  # signature changed
        genuine[: len(genuine) // 2],  # cut on its way
        signing.dumps({"u": member.pk, "k": "digest"}, salt="another.purpose"),  # signed for something else
        signing.dumps({"u": member.pk, "k": "everything"}, salt=SALT),  # a kind that does not exist
        signing.dumps({"u": str(member.pk), "k": "digest"}, salt=SALT),  # not a member id
        signing.dumps([member.pk, "digest"], salt=SALT),
        "not-a-token",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_changes_nothing_and_says_so(client, keen, method):
    for token in _forged_tokens(keen):
        response = getattr(client, method)(reverse("network:unsubscribe", args=[token]), ONE_CLICK)
        assert response.status_code == 400, token
        assert "This unsubscribe link does not work" in response.content.decode()
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY
    assert not EmailChoiceEvent.objects.exists()


def test_a_token_cannot_be_turned_into_another_members(client, keen, make_member):
    other = make_member()
    signature = unsubscribe_token(keen, UnsubscribeKind.DIGEST).rsplit(":", 1)[1]
    # Another member's id signed without the site's secret, or with keen's signature stuck on: refused.
    tampered = signing.dumps({"u": other.pk, "k": "digest"}, salt=SALT, key="not-the-secret")
    for forged in (tampered, f"{tampered.rsplit(':', 1)[0]}:{signature}"):
        assert client.post(reverse("network:unsubscribe", args=[forged]), ONE_CLICK).status_code == 400
    assert not MemberPreferences.objects.filter(user=other).exists()  # untouched
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY


def test_another_members_token_unsubscribes_only_that_member(keen, make_member):
    other = make_member()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(keen)  # signed in as keen, following other's link
    browser.post(unsubscribe_path(other, UnsubscribeKind.DIGEST), ONE_CLICK)
    assert preferences(other).digest_frequency == DigestFrequency.OFF
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY


def test_a_token_for_one_kind_does_not_stop_the_other(client, keen):
    client.post(unsubscribe_path(keen, UnsubscribeKind.NOTIFICATIONS), ONE_CLICK)
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY


def test_a_deleted_accounts_link_is_a_clear_404(client, make_member):
    gone = make_member()
    url = unsubscribe_path(gone, UnsubscribeKind.DIGEST)
    gone.delete()
    response = client.post(url, ONE_CLICK)
    assert response.status_code == 404
    assert "This unsubscribe link does not work" in response.content.decode()
    assert not EmailChoiceEvent.objects.exists()


def test_other_methods_are_refused(client, keen):
    response = client.put(unsubscribe_path(keen, UnsubscribeKind.DIGEST))
    assert response.status_code == 405
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY


def _post_the_header_link(client, message) -> str:
    """What a mail client does with the headers: POST ``List-Unsubscribe=One-Click`` to the URL in <…>."""
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(("<https://", "<http://"))
    url = header.strip("<>")
    path = "/" + url.split("/", 3)[3]
    assert client.post(path, ONE_CLICK).status_code == 200
    return url


def test_a_digest_carries_the_one_click_headers(client, keen, monkeypatch, settings):
    # The digest's own templates are checked in test_digest_email.py; here only its headers matter.
    monkeypatch.setattr(
        digests, "portal_email_render", lambda **kwargs: RenderedEmail(subject="Digest", text="…", html="…")
    )
    now = timezone.now()
    run = DigestRun.objects.create(
        frequency="weekly", period="2026-W48", period_start=now - timedelta(days=7), period_end=now
    )
    delivery = DigestDelivery.objects.create(
        run=run, member=keen, frequency="weekly", period="2026-W48", since=run.period_start
    )
    _subject, message = digests.digest_email(delivery, [])
    message.send()
    sent = mail.outbox[0].message()
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = _post_the_header_link(client, message)
    assert url.startswith(settings.SITE_URL.rstrip("/") + "/unsubscribe/")
    assert preferences(keen).digest_frequency == DigestFrequency.OFF


def test_a_notification_email_carries_the_one_click_headers(
    client, keen, make_member, django_capture_on_commit_callbacks
):
    thread = ThreadFactory()
    PostFactory(thread=thread)
    thread_follow(user=keen, thread=thread)
    post = PostFactory(thread=thread, author=make_member())
    thread_counters_refresh(thread_ids=[thread.pk])
    with django_capture_on_commit_callbacks(execute=True):
        post_published(post.pk)
    assert Notification.objects.get(recipient=keen).notified_at is not None
    (message,) = mail.outbox
    assert message.message()["List-Unsubscribe"].startswith("<")
    _post_the_header_link(client, message)
    assert preferences(keen).email_immediately is False
    assert preferences(keen).digest_frequency == DigestFrequency.WEEKLY


def test_other_send_once_emails_carry_no_unsubscribe_header(
    member, moderator, django_capture_on_commit_callbacks
):
    """A decision about one's membership is not a subscription: no unsubscribe header."""
    with django_capture_on_commit_callbacks(execute=True):
        membership_suspend(membership=member.membership, actor=moderator, note="Spam")
    assert mail.outbox and "List-Unsubscribe" not in mail.outbox[-1].extra_headers
