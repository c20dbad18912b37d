"""The notifications page, the unread count in the header, follow buttons and the email setting: members only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import CategoryFollow, FollowLevel, Notification, PostStatus, ThreadFollow
from forums.notify import post_published
from forums.services.following import thread_follow
from network.models import MemberPreferences, Membership

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def outsiders(make_member, applicant):
    """A visitor, an applicant, a suspended member, a rejected one: each gets the members-only gate."""
    suspended = make_member(status=Membership.Status.SUSPENDED)
    rejected = make_member(status=Membership.Status.REJECTED)
    return [Client(), client_for(applicant), client_for(suspended), client_for(rejected)]


def _gated(response) -> bool:
    if response.status_code == 302:
        return reverse("account_login") in response["Location"]
    return response.status_code == 403 and b"membership" in response.content.lower()


def test_every_page_is_members_only(outsiders, thread):
    notification = Notification.objects.create(recipient=thread.author, kind="reply", thread=thread)
    pages = [
        ("get", reverse("forums:notifications")),
        ("get", reverse("forums:notification_open", args=[notification.pk])),
        ("post", reverse("forums:notifications_read_all")),
        ("post", reverse("forums:follow", args=[thread.pk])),
        ("post", reverse("forums:category_follow", args=[thread.category.slug])),
        ("get", reverse("network:notification_settings")),
        ("post", reverse("network:notification_settings")),
    ]
    for client in outsiders:
        for method, url in pages:
            assert _gated(getattr(client, method)(url)), (method, url)
    assert not ThreadFollow.objects.exists() and not CategoryFollow.objects.exists()


def test_the_page_lists_newest_first_highlights_unread_and_opening_one_marks_it_read(
    make_member, thread, reply
):
    reader = make_member()
    thread_follow(user=reader, thread=thread)
    older = reply(make_member(user__full_name="First Replier"), body_html="<p>Older words</p>")
    post_published(older.pk)
    newer = reply(make_member(user__full_name="Second Replier"), body_html="<p>Newer words</p>")
    post_published(newer.pk)
    client = client_for(reader)

    page = client.get(reverse("forums:notifications")).content.decode()
    assert page.index("Second Replier") < page.index("First Replier")
    assert page.count("notification-unread") == 2 and "Newer words" in page

    row = Notification.objects.get(recipient=reader, post=newer)
    response = client.get(reverse("forums:notification_open", args=[row.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{newer.number}")
    row.refresh_from_db()
    assert row.read_at is not None
    assert client.get(reverse("forums:notifications")).content.decode().count("notification-unread") == 1

    client.post(reverse("forums:notifications_read_all"))
    assert not Notification.objects.filter(recipient=reader, read_at__isnull=True).exists()


def test_someone_elses_notification_cannot_be_opened(make_member, thread, reply):
    reader = make_member()
    thread_follow(user=reader, thread=thread)
    post_published(reply(make_member()).pk)
    row = Notification.objects.get(recipient=reader)
    assert (
        client_for(make_member()).get(reverse("forums:notification_open", args=[row.pk])).status_code == 404
    )
    row.refresh_from_db()
    assert row.read_at is None


def test_a_post_hidden_since_leaves_the_page(make_member, thread, reply):
    reader = make_member()
    thread_follow(user=reader, thread=thread)
    post = reply(make_member(), body_html="<p>Soon hidden</p>")
    post_published(post.pk)
    post.__class__.objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    assert "Soon hidden" not in client_for(reader).get(reverse("forums:notifications")).content.decode()


def test_the_header_shows_the_unread_count_for_one_query(
    make_member, thread, reply, django_capture_on_commit_callbacks
):
    reader = make_member()
    thread_follow(user=reader, thread=thread)
    for _ in range(3):
        post_published(reply(make_member()).pk)
    client = client_for(reader)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("network:members_home")).content.decode()
    assert '<span class="badge-count">3<span class="visually-hidden"> unread</span></span>' in page
    assert len([q for q in queries if "forums_notification" in q["sql"]]) == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("network:members_home"))
    assert not [q for q in queries if "forums_notification" in q["sql"]]  # the count is cached
    with django_capture_on_commit_callbacks(execute=True):
        post_published(reply(make_member()).pk)  # a new notification forgets the cached count
    assert ">4<" in client.get(reverse("network:members_home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forums:notifications_read_all"))
    assert "badge-count" not in client.get(reverse("network:members_home")).content.decode()


def test_the_header_costs_nothing_for_an_applicant(applicant_client):
    with CaptureQueriesContext(connection) as queries:
        page = applicant_client.get(reverse("network:membership_status")).content.decode()
    assert not [q for q in queries if "forums_notification" in q["sql"]]
    assert reverse("forums:notifications") not in page


def test_follow_mute_and_stop_returning_to_a_safe_page(member_client, member, thread):
    url = reverse("forums:follow", args=[thread.pk])
    response = member_client.post(url, {"level": "following", "next": "/discussions/notifications/?page=1"})
    assert response["Location"] == "/discussions/notifications/?page=1"
    assert ThreadFollow.objects.get(user=member).level == FollowLevel.FOLLOWING
    response = member_client.post(url + "?level=muted", {"next": "https://evil.example/"})
    assert response["Location"] == thread.get_absolute_url()
    assert ThreadFollow.objects.get(user=member).level == FollowLevel.MUTED
    member_client.post(url, {"level": "none"})
    assert not ThreadFollow.objects.filter(user=member).exists()
    assert member_client.get(url).status_code == 405
    assert member_client.post(url, {"level": "loud"}).status_code == 400


def test_a_thread_the_member_cannot_see_cannot_be_followed(member_client, thread):
    thread.__class__.objects.filter(pk=thread.pk).update(status="hidden")
    assert member_client.post(reverse("forums:follow", args=[thread.pk])).status_code == 404


def test_an_upcoming_e_discussion_can_be_followed(member_client, member, thread):
    from datetime import timedelta

    from forums.models import Consultation

    now = timezone.now()
    Consultation.objects.create(
        thread=thread,
        lead_question="What works?",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    response = member_client.post(
        reverse("forums:follow", args=[thread.pk]), {"next": reverse("forums:notifications")}, follow=True
    )
    assert "You will be told when it opens" in response.content.decode()
    assert ThreadFollow.objects.filter(user=member, thread=thread).exists()


def test_follow_and_mute_a_category(member_client, member, thread):
    url = reverse("forums:category_follow", args=[thread.category.slug])
    member_client.post(url, {"level": "following"})
    assert CategoryFollow.objects.get(user=member).level == FollowLevel.FOLLOWING
    member_client.post(url, {"level": "muted"})
    assert CategoryFollow.objects.get(user=member).level == FollowLevel.MUTED
    member_client.post(url, {"level": "none"})
    assert not CategoryFollow.objects.exists()
    assert member_client.post(reverse("forums:category_follow", args=["no-such"])).status_code == 404


def test_a_member_opts_in_to_immediate_emails(member_client, member):
    url = reverse("network:notification_settings")
    assert "Email me each notification" in member_client.get(url).content.decode()
    digest = {"digest_frequency": "weekly", "digest_sections": ["followed"]}  # the page's other choices
    member_client.post(url, {**digest, "email_immediately": "on"})
    assert MemberPreferences.objects.get(user=member).email_immediately is True
    member_client.post(url, digest)
    assert MemberPreferences.objects.get(user=member).email_immediately is False
    assert (
        reverse("network:notification_settings")
        in member_client.get(reverse("network:members_home")).content.decode()
    )
