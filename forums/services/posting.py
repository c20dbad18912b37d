"""Starting a thread, replying, editing: the only writers of posts' text (moderation changes statuses only).

Each service checks who writes (members and staff only: ``PermissionDenied`` otherwise) and where (a thread that
does not accept posts is refused with a ``ValidationError`` saying why), renders the Markdown once
(network.markdown), numbers the post under a row lock of the thread (``number = last_number + 1``, never reused),
stores files through network.attachments, resolves @mentions, and refreshes the thread's and category's
counters and the search vectors in the same transaction. A post created visible is handed to
``forums.notify.post_published`` once the transaction commits; a new member's first posts may wait for a
moderator (``ForumSettings.premoderate_first_posts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forums import notify
from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.mentions import mentioned_members
from forums.models import Category, ForumSettings, Post, PostAttachment, PostStatus, Thread, ThreadStatus
from forums.search import post_search_refresh, thread_search_refresh
from network.attachments import PreparedAttachment, attachment_create
from network.markdown import markdown_render
from network.models import User
from network.permissions import is_member
from practices.models import GoodPractice

BODY_MAX_CHARACTERS = 20_000  # at most 4 bytes a character: never over 80 KB stored
TITLE_MAX = 200


def _is_staff(user: Any) -> bool:
    return bool(user.is_active and user.is_staff)


def _require_member(user: Any) -> None:
    if not is_member(user):
        raise PermissionDenied(_("Only members of the network can take part in discussions."))


def post_body_check(body: str) -> str:
    """The text as it will be stored, or a ``ValidationError`` saying what is wrong (used by the forms too)."""
    body = (body or "").replace("\r\n", "\n").strip("\n")
    if not body.strip():
        raise ValidationError(_("Write something first."), code="empty")
    if len(body) > BODY_MAX_CHARACTERS:
        raise ValidationError(
            _(
                "Your message has %(count)s characters: the limit is %(limit)s. Shorten it, or split it "
                "into two posts."
            )
            % {"count": f"{len(body):,}", "limit": f"{BODY_MAX_CHARACTERS:,}"},
            code="too_long",
        )
    return body


def thread_refusal(thread: Thread, author: Any, *, now: Any = None) -> str | None:
    """Why ``author`` may not post in ``thread`` now, in words for them; None when they may."""
    now = now or timezone.now()
    status = thread.status
    if status == ThreadStatus.LOCKED:
        return _("This discussion is locked by a moderator: it takes no new posts.")
    if status == ThreadStatus.CLOSED:
        return _("This discussion is closed: it takes no new posts.")
    if status == ThreadStatus.HIDDEN:
        return _("This discussion was hidden by a moderator.")
    if status == ThreadStatus.PENDING and thread.author_id != getattr(author, "pk", None):
        return _("This discussion is waiting for a moderator's approval.")
    consultation = getattr(thread, "consultation", None)
    if consultation is not None:
        phase = consultation.phase(now)
        if phase == "upcoming":
            return _("This e-discussion opens on %(date)s.") % {
                "date": date_format(timezone.localtime(consultation.opens_at), "DATETIME_FORMAT")
            }
        if phase == "closed":
            ended = consultation.closed_at or consultation.closes_at
            return _("This e-discussion closed on %(date)s.") % {
                "date": date_format(timezone.localtime(ended), "DATETIME_FORMAT")
            }
    return None


def _premoderated(author: User) -> bool:
    if _is_staff(author):
        return False
    first = ForumSettings.current().premoderate_first_posts
    if not first:
        return False
    visible = Post.objects.filter(author=author, status=PostStatus.VISIBLE)[:first].count()
    return visible < first


def thread_slug(title: str) -> str:
    return slugify(title)[:120].strip("-") or "discussion"


def _post_create(
    *,
    thread: Thread,
    author: User,
    body: str,
    status: str,
    quote_of: Post | None,
    files: Sequence[PreparedAttachment],
) -> Post:
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    number = locked.last_number + 1
    Thread.objects.filter(pk=thread.pk).update(last_number=number)
    thread.last_number = number
    post = Post.objects.create(
        thread=thread,
        number=number,
        author=author,
        body=body,
        body_html=markdown_render(body),
        status=status,
        quote_of=quote_of,
    )
    post.mentions.set(mentioned_members(body).exclude(pk=author.pk))
    for prepared in files:
        attachment_create(attachment=PostAttachment(post=post), prepared=prepared, uploaded_by=author)
    post_search_refresh(post_ids=[post.pk])
    thread_counters_refresh(thread_ids=[thread.pk])
    category_counters_refresh(category_ids=[thread.category_id])
    if post.status == PostStatus.VISIBLE and locked.status == ThreadStatus.OPEN:
        transaction.on_commit(partial(notify.post_published, post.pk))
    return post


@transaction.atomic
def thread_start(
    *,
    category: Category,
    author: User,
    title: str,
    body: str,
    keywords: Iterable[str] = (),
    practice: GoodPractice | None = None,
    files: Sequence[PreparedAttachment] = (),
) -> Thread:
    """A new thread and its first post (both waiting for approval when the author is premoderated)."""
    _require_member(author)
    if not category.is_active:
        raise ValidationError(_("This category takes no new discussions."))
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Give your discussion a title."), code="title_empty")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            _("The title is too long (at most %(limit)s characters).") % {"limit": TITLE_MAX}
        )
    body = post_body_check(body)
    if (
        practice is not None
        and not GoodPractice.objects.published().visible_to(author).filter(pk=practice.pk).exists()
    ):
        practice = None
    pending = _premoderated(author)
    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title,
        slug=thread_slug(title),
        author=author,
        status=ThreadStatus.PENDING if pending else ThreadStatus.OPEN,
        practice=practice,
        created_at=now,
        last_post_at=now,
    )
    names = list(dict.fromkeys(k.strip()[:100] for k in keywords if k.strip()))[:10]
    if names:
        thread.keywords.set(names)
    _post_create(
        thread=thread,
        author=author,
        body=body,
        status=PostStatus.PENDING if pending else PostStatus.VISIBLE,
        quote_of=None,
        files=files,
    )
    thread_search_refresh(thread_ids=[thread.pk])
    thread.refresh_from_db()
    return thread


@transaction.atomic
def post_reply(
    *,
    thread: Thread,
    author: User,
    body: str,
    quote_of: Post | None = None,
    files: Sequence[PreparedAttachment] = (),
) -> Post:
    """A reply at the end of ``thread`` (waiting for approval when the author is premoderated)."""
    _require_member(author)
    if not Thread.objects.visible_to(author).filter(pk=thread.pk).exists():
        raise PermissionDenied(_("This discussion does not exist or is not visible to you."))
    thread = Thread.objects.select_related("consultation").get(pk=thread.pk)
    refusal = thread_refusal(thread, author)
    if refusal:
        raise ValidationError(refusal, code="thread_closed")
    body = post_body_check(body)
    if quote_of is not None and not (
        quote_of.thread_id == thread.pk and Post.objects.visible_to(author).filter(pk=quote_of.pk).exists()
    ):
        quote_of = None
    status = PostStatus.PENDING if _premoderated(author) else PostStatus.VISIBLE
    return _post_create(
        thread=thread, author=author, body=body, status=status, quote_of=quote_of, files=files
    )


def post_edit_refusal(
    post: Post, actor: Any, *, now: Any = None, window_minutes: int | None = None
) -> str | None:
    """Why ``actor`` may not change ``post`` now; None when they may (moderators always may).

    A page asking this for many posts passes ``window_minutes`` (ForumSettings.current(), read once)."""
    if not is_member(actor):
        return _("Only members of the network can take part in discussions.")
    if _is_staff(actor):
        return None
    if post.author_id != actor.pk or post.status == PostStatus.HIDDEN:
        return _("Only its author can change this post.")
    refusal = thread_refusal(post.thread, actor, now=now)
    if refusal:
        return refusal
    minutes = window_minutes if window_minutes is not None else ForumSettings.current().edit_window_minutes
    if (now or timezone.now()) > post.created_at + timedelta(minutes=minutes):
        return _("Posts can be changed for %(minutes)s minutes after they are sent: that time is over.") % {
            "minutes": minutes
        }
    return None


@transaction.atomic
def post_edit(*, post: Post, actor: User, body: str) -> Post:
    """Change a post's text: its author within the edit window, moderators always; marked "edited"."""
    post = Post.objects.select_for_update().select_related("thread").get(pk=post.pk)
    refusal = post_edit_refusal(post, actor)
    if refusal:
        raise PermissionDenied(refusal)
    body = post_body_check(body)
    if body == post.body:
        return post
    post.body = body
    post.body_html = markdown_render(body)
    post.edited_at = timezone.now()
    post.edited_by = actor
    post.save(update_fields=["body", "body_html", "edited_at", "edited_by"])
    author_pk = post.author_id or 0
    post.mentions.set(mentioned_members(body).exclude(pk=author_pk))
    post_search_refresh(post_ids=[post.pk])
    return post


def quote_text(post: Post) -> str:
    """The Markdown a reply quoting ``post`` starts with: who wrote it, then the text as a blockquote."""
    name = post.author.display_name if post.author else _("A former member")
    header = _("%(name)s wrote (post %(number)s):") % {"name": name, "number": post.number}
    lines = [header, "", *post.body.splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
