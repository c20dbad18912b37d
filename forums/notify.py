"""What happens for readers when a post becomes visible (created visible, or approved by a moderator): the
author follows the thread (automatically what they start or reply to), and followers, mentioned and quoted
members who may see it are notified. Called on commit by the posting and moderation services.

Contract for the other forum modules — keep the signatures: ``post_published(post_id)``,
``moderation_decided(post_event_id)``, ``consultation_opened(consultation_id)``,
``consultation_closed(consultation_id)``.

Who is told about a post, at most once each (one row per recipient and post, the strongest reason wins:
mention > quote > reply):

- members who follow the thread; members who follow the category when the post starts a new thread;
- members named in it (``post.mentions``), even if they muted the thread (as in Discourse: a mention is a
  person called by name); the author of the post it quotes;
- never the author, never someone who muted the thread (except a mention), never someone who is not an active
  approved member (or staff), and nothing at all for a post that is not visible to members (hidden, pending,
  or in a thread that is pending or hidden).

The recipients are found in one query whatever their number and inserted in one ``bulk_create``; those who
asked for immediate emails have theirs queued on commit through the shared send-once path.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from forums.context_processors import unread_count_forget
from forums.models import (
    CategoryFollow,
    Consultation,
    FollowLevel,
    Notification,
    NotificationKind,
    Post,
    PostEvent,
    PostStatus,
    ThreadFollow,
)
from forums.models.notifications import IMMEDIATE_EMAIL_KINDS
from forums.models.threads import READABLE_THREAD_STATUSES
from network.models import Membership, User
from network.notifications import notification_enqueue

_K = NotificationKind


def members() -> models.QuerySet[User]:
    """People who may read the forums: active, and an approved member or staff (``User.is_member`` in SQL)."""
    return User.objects.filter(is_active=True).filter(
        Q(is_staff=True) | Q(membership__status=Membership.Status.APPROVED)
    )


def _follows(model: type[models.Model], level: str, **target: Any) -> Exists:
    return Exists(model._default_manager.filter(user=OuterRef("pk"), level=level, **target))


def _queue_immediate_emails(rows: models.QuerySet[Notification]) -> None:
    """Queue, on commit, the email of each new row whose recipient asked for immediate emails."""
    due = rows.filter(
        kind__in=IMMEDIATE_EMAIL_KINDS,
        notified_at__isnull=True,
        notify_claimed_at__isnull=True,
        recipient__preferences__email_immediately=True,
    )
    for pk in due.values_list("pk", flat=True):
        transaction.on_commit(partial(notification_enqueue, Notification, pk))


@transaction.atomic
def post_published(post_id: int) -> None:
    """Follow, notify (in the app; by email at once for members who asked for it)."""
    post = (
        Post.objects.select_related("thread", "quote_of")
        .filter(pk=post_id, status=PostStatus.VISIBLE, thread__status__in=READABLE_THREAD_STATUSES)
        .first()
    )
    if post is None:
        return  # hidden, pending or in a thread members cannot read: nobody hears of it
    thread = post.thread
    if post.author_id:  # an existing row (following, or muted) is left as the member chose
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(user_id=post.author_id, thread=thread)], ignore_conflicts=True
        )

    mentioned = Exists(Post.mentions.through.objects.filter(post_id=post.pk, user_id=OuterRef("pk")))
    quoted_author_id = (
        post.quote_of.author_id if post.quote_of and post.quote_of.status == "visible" else None
    )
    muted = _follows(ThreadFollow, FollowLevel.MUTED, thread=thread)
    following = _follows(ThreadFollow, FollowLevel.FOLLOWING, thread=thread)
    reasons = Q(following)
    if post.number == 1:
        reasons |= Q(_follows(CategoryFollow, FollowLevel.FOLLOWING, category_id=thread.category_id))
    if quoted_author_id is not None:
        reasons |= Q(pk=quoted_author_id)
    candidates = (
        members()
        .annotate(mentioned=mentioned)
        .filter(Q(mentioned=True) | (reasons & ~Q(muted)))
        .exclude(pk=post.author_id or 0)
        .values_list("pk", "mentioned")
    )
    rows = []
    for user_id, is_mentioned in candidates:
        if is_mentioned:
            kind = _K.MENTION
        elif user_id == quoted_author_id:
            kind = _K.QUOTE
        else:
            kind = _K.REPLY
        rows.append(
            Notification(recipient_id=user_id, kind=kind, actor_id=post.author_id, thread=thread, post=post)
        )
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    unread_count_forget(row.recipient_id for row in rows)
    _queue_immediate_emails(
        Notification.objects.filter(post=post, recipient_id__in=[r.recipient_id for r in rows])
    )


@transaction.atomic
def moderation_decided(post_event_id: int) -> None:
    """Tell the author, in the app, what a moderator decided about their post (approved, rejected, hidden,
    shown again). The email went with the audit row (``PostEvent``): this row is stamped as emailed. A second
    decision about the same post brings the one row back to the top, unread."""
    event = PostEvent.objects.select_related("post").filter(pk=post_event_id).first()
    if event is None or event.from_status == event.to_status:
        return  # a details change decides nothing
    post = event.post
    if not post.author_id or not members().filter(pk=post.author_id).exists():
        return
    now = timezone.now()
    Notification.objects.update_or_create(
        recipient_id=post.author_id,
        post=post,
        kind=_K.MODERATION,
        defaults={
            "actor_id": event.actor_id,
            "thread_id": post.thread_id,
            "created_at": now,
            "read_at": None,
        },
        create_defaults={
            "actor_id": event.actor_id,
            "thread_id": post.thread_id,
            "created_at": now,
            "notified_at": now,  # never emailed from here: the audit row's email says it
        },
    )
    unread_count_forget([post.author_id])


def _consultation_notify(consultation: Consultation, *, already: Q) -> int:
    thread = consultation.thread
    if thread.status not in READABLE_THREAD_STATUSES:
        return 0
    told = Notification.objects.filter(already, thread=thread, kind=_K.CONSULTATION, recipient=OuterRef("pk"))
    recipients = (
        members()
        .filter(_follows(ThreadFollow, FollowLevel.FOLLOWING, thread=thread))
        .exclude(Exists(told))
        .values_list("pk", flat=True)
    )
    rows = [Notification(recipient_id=pk, kind=_K.CONSULTATION, thread=thread) for pk in recipients]
    if rows:
        created = Notification.objects.bulk_create(rows)
        unread_count_forget(row.recipient_id for row in rows)
        _queue_immediate_emails(Notification.objects.filter(pk__in=[row.pk for row in created]))
    return len(rows)


@transaction.atomic
def consultation_opened(consultation_id: int) -> int:
    """Tell the members who follow a time-boxed e-discussion's thread that it is open; each once."""
    consultation = Consultation.objects.select_related("thread").get(pk=consultation_id)
    return _consultation_notify(consultation, already=Q())


@transaction.atomic
def consultation_closed(consultation_id: int) -> int:
    """Tell the followers that it closed (its synthesis follows on the page); each once."""
    consultation = Consultation.objects.select_related("thread").get(pk=consultation_id)
    closed_at = consultation.closed_at or consultation.closes_at
    return _consultation_notify(consultation, already=Q(created_at__gte=closed_at))
