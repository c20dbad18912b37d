"""The demo e-discussions: many posts in several languages with mentions and quotes, time-boxed e-discussions in
each state, flags waiting, quick updates, public news — written through the services, seeded once, nobody
emailed, and members-only like everything else in the forums."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from forums.models import (
    Consultation,
    Flag,
    FlagStatus,
    NewsItem,
    Notification,
    Post,
    QuickUpdate,
    Thread,
    ThreadFollow,
    ThreadStatus,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_in_tmp")]

SCRIPTS = {  # a character each language's posts cannot do without
    "ar": "ال",
    "zh": "的",
    "ru": "ы",
    "fr": "é",
    "es": "ción",
    "pt": "ção",
}


def _counts() -> tuple[int, ...]:
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Consultation.objects.count(),
        Flag.objects.count(),
        QuickUpdate.objects.count(),
        NewsItem.objects.count(),
        Notification.objects.count(),
        ThreadFollow.objects.count(),
    )


# Seeding takes seconds: one test checks everything, then seeds again to prove nothing changes.
def test_demo_forums_are_rich_multilingual_seeded_once_and_email_nobody(client):
    call_command("seed_demo", "--force")
    counts = _counts()

    discussions = Thread.objects.filter(consultation__isnull=True)
    assert discussions.count() >= 10
    assert Post.objects.filter(status="visible").count() >= 80
    assert discussions.values("category").distinct().count() >= 9
    bodies = list(Post.objects.values_list("body", flat=True))
    for language, letters in SCRIPTS.items():
        assert sum(letters in body for body in bodies) >= 3, language
    assert Post.mentions.through.objects.count() >= 15
    assert Post.objects.filter(quote_of__isnull=False).count() >= 15
    assert all("@{" not in body for body in bodies)  # every mention resolved to a profile address
    assert Thread.objects.filter(is_pinned=True).exists()

    # Dates spread over the past weeks, and the counters follow them.
    now = timezone.now()
    oldest = Post.objects.order_by("created_at").first()
    assert oldest is not None and (now - oldest.created_at).days >= 30
    assert Post.objects.filter(created_at__gte=now - timezone.timedelta(days=7)).exists()
    for thread in Thread.objects.annotate(newest=Max("posts__created_at")).filter(posts__isnull=False):
        assert thread.post_count == thread.posts.filter(status="visible").count()
        assert thread.last_post_at == thread.newest

    # One time-boxed e-discussion in each state.
    upcoming = Consultation.objects.get(opens_at__gt=now)
    assert upcoming.thread.follows.filter(level="following").count() >= 3
    current = Consultation.objects.get(opens_at__lte=now, closes_at__gt=now)
    assert current.summaries.exists() and current.thread.status == ThreadStatus.OPEN
    assert current.thread.posts.count() >= 5
    closed = Consultation.objects.get(closes_at__lte=now)
    assert closed.closed_at and closed.synthesis_html and closed.thread.status == ThreadStatus.CLOSED

    assert Flag.objects.filter(status=FlagStatus.OPEN).count() >= 3
    assert QuickUpdate.objects.count() >= 10
    assert NewsItem.objects.published().count() >= 5

    # Members were notified in the app, in the past; nobody is emailed now.
    assert Notification.objects.filter(kind="mention").count() >= 10
    assert not Notification.objects.filter(notified_at__isnull=True).exists()
    assert Notification.objects.filter(created_at__lt=now - timezone.timedelta(days=7)).exists()
    assert mail.outbox == []

    call_command("seed_demo", "--force")
    assert _counts() == counts

    # Members only: a visitor gets none of it — but the news is public.
    assert not Thread.objects.visible_to(AnonymousUser()).exists()
    assert not Post.objects.visible_to(AnonymousUser()).exists()
    thread = discussions.first()
    assert thread is not None
    for url in (reverse("forums:index"), thread.get_absolute_url(), reverse("forums:search") + "?q=youth"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert thread.title.encode() not in response.content
    news = client.get(reverse("news:list"))
    assert news.status_code == 200 and NewsItem.objects.first().title.encode() in news.content  # type: ignore[union-attr]
