"""Demo e-discussions (forums/demo_threads.py, forums/demo_content.py), seeded by ``seed_demo`` through the hook
DEMO_SEED_HOOKS after the demo experts exist.

Everything is written through the services — ``thread_start``/``post_reply``, the consultation services,
``post_flag``, ``quick_update_post``, ``news_save`` — so mentions, quotes, counters, search vectors and follows
are what members' own posts would make. The services stamp "now"; afterwards the seed moves the *dates only*
into the past with queryset updates (posts, threads, updates, flags, summaries, notifications) and recomputes
the denormalised counters with forums.counters so "last activity" follows the moved dates.

Notifications: members' in-app notifications are useful demo content, so ``notify.post_published`` runs right
after each post, in order (as the on-commit hook would have, with the follows of that moment); the deferred
copies the services registered on commit — and the immediate emails they would queue — are dropped, and every
demo notification is stamped as emailed: the demo history happened in the past, nobody is emailed now (as the
other seeds' ``notify=False``). Running it again changes nothing: a thread, update, flag or news item that
exists is left alone.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from forums import notify
from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.demo_content import CONSULTATIONS, FLAGS, NEWS, QUICK_UPDATES, DemoConsultation
from forums.demo_threads import THREADS, DemoPost
from forums.models import (
    Category,
    Consultation,
    ConsultationSummary,
    Flag,
    NewsItem,
    Notification,
    Post,
    QuickUpdate,
    Thread,
)
from forums.services import consultations, moderation
from forums.services.flags import post_flag
from forums.services.following import thread_follow
from forums.services.news import news_save
from forums.services.posting import post_reply, thread_start
from forums.services.updates import quick_update_post
from network.models import User

MENTION = re.compile(r"@\{([a-z0-9.]+)\}")


def _people() -> dict[str, User]:
    """Demo members by the part of their address before ``@example.org``."""
    users = User.objects.filter(email__endswith="@example.org").select_related("expert_profile", "membership")
    return {user.email.split("@")[0]: user for user in users}


def _body(text: str, people: dict[str, User]) -> str:
    """``@{key}`` becomes an @mention of that member's expert-profile address (their name without a profile)."""

    def mention(match: re.Match[str]) -> str:
        user = people.get(match.group(1))
        profile = getattr(user, "expert_profile", None) if user else None
        return f"@{profile.slug}" if profile else (user.get_full_name() if user else match.group(1))

    return MENTION.sub(mention, text)


def _date(model: type[Any], pk: int, at: datetime) -> None:
    """Move one row's date (only its date) into the past."""
    model.objects.filter(pk=pk).update(created_at=at)


def _posts_write(
    thread: Thread, posts: tuple[DemoPost, ...], people: dict[str, User], at: datetime, *, opened: bool
) -> None:
    """Each post dated ``hours`` after the previous one and its notifications made at once; the first is the
    opening post ``thread_start`` already wrote when ``opened``, every other goes through ``post_reply``."""
    by_number: dict[int, Post] = {}
    for index, demo in enumerate(posts):
        at += timedelta(hours=demo.hours)
        if opened and index == 0:
            post = Post.objects.get(thread=thread, number=1)
        else:
            quoted = by_number.get(demo.quote) if demo.quote else None
            post = post_reply(
                thread=thread, author=people[demo.by], body=_body(demo.body, people), quote_of=quoted
            )
        by_number[post.number] = post
        _date(Post, post.pk, at)
        notify.post_published(post.pk)
        Notification.objects.filter(post=post).update(created_at=at)


def _threads_seed(people: dict[str, User], moderator: User, now: datetime) -> list[Thread]:
    categories = {c.slug: c for c in Category.objects.all()}
    made = []
    for demo in THREADS:
        if Thread.objects.filter(title=demo.title).exists():
            continue
        opening = demo.posts[0]
        thread = thread_start(
            category=categories[demo.category],
            author=people[opening.by],
            title=demo.title,
            body=_body(opening.body, people),
            keywords=demo.keywords,
        )
        started = now - timedelta(days=demo.days_ago)
        _date(Thread, thread.pk, started)
        _posts_write(thread, demo.posts, people, started, opened=True)
        if demo.pinned:
            moderation.thread_pin(thread=thread, actor=moderator, note="")
        made.append(thread)
    return made


def _consultation_seed(
    demo: DemoConsultation, people: dict[str, User], moderator: User, now: datetime
) -> Thread:
    opens_at = now - timedelta(days=demo.opens_days_ago)
    closes_at = now - timedelta(days=demo.closes_days_ago)
    closed, upcoming = closes_at <= now, opens_at > now
    consultation = consultations.consultation_open(
        actor=moderator,
        category=Category.objects.get(slug=demo.category),
        title=demo.title,
        lead_question=demo.lead_question,
        # replies are only taken while it is open: a past one is opened now and dated back afterwards
        opens_at=min(opens_at, now - timedelta(minutes=1)),
        closes_at=max(closes_at, now + timedelta(minutes=1)),
        facilitators=[people[key] for key in demo.facilitators],
    )
    thread = consultation.thread
    _date(Thread, thread.pk, opens_at)
    if not upcoming:  # what the beat does once it opens (nobody follows it yet: nobody is told)
        consultations.consultation_opened_announce(consultation_id=consultation.pk)
    for key in demo.followers:
        thread_follow(user=people[key], thread=thread)
    _posts_write(thread, demo.posts, people, opens_at, opened=False)
    for by, days_ago, text in demo.summaries:
        summary = consultations.consultation_summary_add(
            consultation=consultation, author=people[by], body=_body(text, people)
        )
        _date(ConsultationSummary, summary.pk, now - timedelta(days=days_ago))
    dates: dict[str, Any] = {"opens_at": opens_at, "closes_at": closes_at}
    if not upcoming:
        dates["opened_notified_at"] = opens_at
    Consultation.objects.filter(pk=consultation.pk).update(**dates)
    if closed:  # as the beat task does at closes_at, then the facilitator's synthesis
        consultation.refresh_from_db()
        consultations.consultation_close(consultation=consultation, actor=None, at=closes_at)
        notify.consultation_closed(consultation.pk)
        Notification.objects.filter(thread=thread, post=None).update(created_at=closes_at)
        consultations.consultation_synthesis_set(
            consultation=consultation, actor=people[demo.facilitators[0]], synthesis=demo.synthesis
        )
    return thread


def _flags_seed(people: dict[str, User], now: datetime) -> int:
    made = 0
    for title, number, by, reason, details in FLAGS:
        post = Post.objects.filter(thread__title=title, number=number).first()
        if post is None or Flag.objects.filter(post=post, flagged_by=people[by]).exists():
            continue
        flag = post_flag(post=post, by=people[by], reason=reason, details=details)
        _date(Flag, flag.pk, min(post.created_at + timedelta(hours=3), now))
        made += 1
    return made


def _updates_seed(people: dict[str, User], now: datetime) -> int:
    made = 0
    for by, days_ago, body, link in QUICK_UPDATES:
        if QuickUpdate.objects.filter(author=people[by], body=body).exists():
            continue
        update = quick_update_post(author=people[by], body=body, link=link)
        _date(QuickUpdate, update.pk, now - timedelta(days=days_ago))
        made += 1
    return made


def _news_seed(moderator: User, now: datetime) -> int:
    made = 0
    for demo in NEWS:
        if NewsItem.objects.filter(slug=demo.slug).exists():
            continue
        at = now - timedelta(days=demo.days_ago)
        item = NewsItem(
            slug=demo.slug, title=demo.title, summary=demo.summary, body=demo.body, published_at=at
        )
        news_save(item=item, actor=moderator)
        _date(NewsItem, item.pk, at)
        made += 1
    return made


@transaction.atomic
def seed_forums(*, moderator: User, **_: Any) -> dict[str, int]:
    """Every demo discussion, e-discussion, flag, quick update and news item once."""
    deferred_from = len(connection.run_on_commit)
    now = timezone.now()
    people = _people()
    threads = _threads_seed(people, moderator, now)
    threads += [
        _consultation_seed(demo, people, moderator, now)
        for demo in CONSULTATIONS
        if not Thread.objects.filter(title=demo.title).exists()
    ]
    flags = _flags_seed(people, now)
    updates = _updates_seed(people, now)
    news = _news_seed(moderator, now)
    thread_ids = [t.pk for t in threads]
    # dates were moved after the services ran: recompute the counters (last activity) from the moved posts
    thread_counters_refresh(thread_ids=thread_ids)
    category_counters_refresh(category_ids=Category.objects.values_list("pk", flat=True))
    Notification.objects.filter(thread_id__in=thread_ids, notified_at__isnull=True).update(notified_at=now)
    # the notifications were made above, in order: drop the on-commit copies (and the emails they would queue)
    del connection.run_on_commit[deferred_from:]
    return {
        "forum_threads_created": len(threads),
        "forum_flags_created": flags,
        "quick_updates_created": updates,
        "news_created": news,
    }
