"""Every moderation decision about posts, threads and flags: one service each, all through the shared workflow
(network.workflow.transition_apply: row lock, audit row with the moderator's note, the author's email after
commit). Counters of the threads and categories touched are recomputed in the same transaction; readers'
notifications (forums.notify) are queued on commit. The admin (forums/admin/) only calls these."""

from __future__ import annotations

from functools import partial

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from forums import notify
from forums.counters import category_counters_refresh, thread_counters_refresh
from forums.models import (
    Category,
    Flag,
    FlagReason,
    FlagStatus,
    Notification,
    Post,
    PostStatus,
    QuickUpdate,
    ReadState,
    Thread,
    ThreadFollow,
    ThreadStatus,
)
from network.models import User
from network.workflow import audit_record, transition_apply


def _note_required(note: str) -> str:
    if not note.strip():
        raise ValidationError(_("Write the reason: the author reads it."), code="note_required")
    return note.strip()


def _counters(*threads: Thread) -> None:
    thread_counters_refresh(thread_ids=[t.pk for t in threads])
    category_counters_refresh(category_ids=[t.category_id for t in threads])


def _post_decision(
    post: Post, name: str, actor: User | None, note: str, *, notify_author: bool = True
) -> Post:
    """Apply the post's transition, recount, and tell readers and the author after commit."""
    post = transition_apply(instance=post, transition=name, actor=actor, note=note, notify=notify_author)
    thread = Thread.objects.get(pk=post.thread_id)
    _counters(thread)
    event = post.events.latest("pk")
    if post.status == PostStatus.VISIBLE:
        transaction.on_commit(partial(notify.post_published, post.pk))
    transaction.on_commit(partial(notify.moderation_decided, event.pk))
    return post


# --- posts ----------------------------------------------------------------------------------------------------


@transaction.atomic
def post_approve(*, post: Post, actor: User | None, note: str = "") -> Post:
    """A premoderated post is published; the first post of a waiting thread publishes the thread with it."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.number == 1 and thread.status == ThreadStatus.PENDING:
        thread_approve(thread=thread, actor=actor, note=note)
        post.refresh_from_db()
        return post
    return _post_decision(post, "approve", actor, note)


@transaction.atomic
def post_reject(*, post: Post, actor: User | None, note: str = "") -> Post:
    """A premoderated post is refused (the author reads why); a waiting thread it started is hidden with it."""
    note = _note_required(note)
    post = _post_decision(post, "reject", actor, note)
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if post.number == 1 and thread.status == ThreadStatus.PENDING:
        transition_apply(instance=thread, transition="hide", actor=actor, note=note, notify=False)
        _counters(thread)
    return post


@transaction.atomic
def post_hide(*, post: Post, actor: User | None, note: str = "") -> Post:
    """A visible post is hidden from members; ``note`` is the reason its author reads."""
    return _post_decision(post, "hide", actor, _note_required(note))


@transaction.atomic
def post_unhide(*, post: Post, actor: User | None, note: str = "") -> Post:
    return _post_decision(post, "unhide", actor, note)


# --- threads --------------------------------------------------------------------------------------------------


def _thread_transition(thread: Thread, name: str, actor: User | None, note: str) -> Thread:
    thread = transition_apply(instance=thread, transition=name, actor=actor, note=note)
    _counters(thread)
    return thread


@transaction.atomic
def thread_approve(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    """A waiting thread opens, with its waiting first post (one email: the thread's)."""
    thread = _thread_transition(thread, "approve", actor, note)
    first = Post.objects.filter(thread=thread, number=1, status=PostStatus.PENDING).first()
    if first is not None:
        _post_decision(first, "approve", actor, note, notify_author=False)
    return thread


@transaction.atomic
def thread_lock(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_transition(thread, "lock", actor, note)


@transaction.atomic
def thread_unlock(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_transition(thread, "unlock", actor, note)


@transaction.atomic
def thread_close(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_transition(thread, "close", actor, note)


@transaction.atomic
def thread_reopen(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_transition(thread, "reopen", actor, note)


@transaction.atomic
def thread_hide(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    """The thread and its posts leave every member's view; ``note`` is the reason its author reads."""
    return _thread_transition(thread, "hide", actor, _note_required(note))


@transaction.atomic
def thread_unhide(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_transition(thread, "unhide", actor, note)


def _thread_detail_change(
    thread: Thread, actor: User | None, what: str, note: str, **values: object
) -> Thread:
    """An audited change that is not a status change (the audit row's from == to: never emailed)."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    audit_record(
        instance=locked,
        actor=actor,
        from_status=locked.status,
        to_status=locked.status,
        note=f"{what} {note}".strip(),
    )
    for field, value in values.items():
        setattr(locked, field, value)
        setattr(thread, field, value)
    locked.save(update_fields=list(values))
    return locked


@transaction.atomic
def thread_pin(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_detail_change(thread, actor, _("Pinned."), note, is_pinned=True)


@transaction.atomic
def thread_unpin(*, thread: Thread, actor: User | None, note: str = "") -> Thread:
    return _thread_detail_change(thread, actor, _("Unpinned."), note, is_pinned=False)


@transaction.atomic
def thread_move(*, thread: Thread, category: Category, actor: User | None, note: str = "") -> Thread:
    """The thread goes to another category; both categories' counters follow."""
    if thread.category_id == category.pk:
        raise ValidationError(_("The thread is already in this category."), code="same_category")
    old = Category.objects.get(pk=thread.category_id)
    what = _("Moved from “%(old)s” to “%(new)s”.") % {"old": old.name, "new": category.name}
    moved = _thread_detail_change(thread, actor, what, note, category=category)
    category_counters_refresh(category_ids=[old.pk, category.pk])
    return moved


@transaction.atomic
def thread_merge(*, source: Thread, target: Thread, actor: User | None, note: str = "") -> Thread:
    """The source's posts join the target, numbered after the target's last number in their own order; the
    source is hidden with a note pointing to the target (its author is not emailed: nothing was removed).
    Followers of the source follow the target; their read positions in the source go (the merged posts come
    after everything in the target, so they show as new); notifications point to the target."""
    if source.pk == target.pk:
        raise ValidationError(_("A thread cannot be merged into itself."), code="same_thread")
    locked = {t.pk: t for t in Thread.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
    source, target = locked[source.pk], locked[target.pk]
    if source.status == ThreadStatus.HIDDEN or target.status == ThreadStatus.HIDDEN:
        raise ValidationError(_("A hidden thread cannot be merged."), code="hidden")
    if hasattr(source, "consultation"):
        raise ValidationError(_("A time-boxed e-discussion cannot be merged away."), code="consultation")
    base = max(target.last_number, Post.objects.filter(thread=target).aggregate(n=Max("number"))["n"] or 0)
    posts = list(Post.objects.filter(thread=source).order_by("number"))
    for offset, post in enumerate(posts, start=1):
        post.thread = target
        post.number = base + offset
    Post.objects.bulk_update(posts, ["thread", "number"])
    followers = ThreadFollow.objects.filter(thread=source).exclude(
        user__in=ThreadFollow.objects.filter(thread=target).values("user")
    )
    followers.update(thread=target)
    ThreadFollow.objects.filter(thread=source).delete()
    ReadState.objects.filter(thread=source).delete()
    Notification.objects.filter(thread=source).update(thread=target)
    pointer = _("Merged into “%(title)s” (thread %(pk)d).") % {"title": target.title, "pk": target.pk}
    transition_apply(
        instance=source, transition="hide", actor=actor, note=f"{pointer} {note}".strip(), notify=False
    )
    received = _("%(count)d posts merged from “%(title)s” (thread %(pk)d).") % {
        "count": len(posts),
        "title": source.title,
        "pk": source.pk,
    }
    _thread_detail_change(target, actor, received, note)
    _counters(source, target)
    return Thread.objects.get(pk=target.pk)


# --- flags ----------------------------------------------------------------------------------------------------


@transaction.atomic
def flag_uphold(*, flag: Flag, actor: User | None, note: str = "") -> Flag:
    """The flag is right: the post is hidden with the flag's reason (in its author's language) and the note;
    every other open flag on that post is upheld with it."""
    flag = transition_apply(instance=flag, transition="uphold", actor=actor, note=note)
    post = Post.objects.select_related("author").get(pk=flag.post_id)
    if post.status == PostStatus.VISIBLE:
        language = getattr(post.author, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            reason = str(FlagReason(flag.reason).label)
        post_hide(post=post, actor=actor, note=f"{reason}. {note}".strip())
    others = Flag.objects.filter(post_id=flag.post_id, status=FlagStatus.OPEN).exclude(pk=flag.pk)
    for other in others:
        also = _("Upheld with flag %(pk)d.") % {"pk": flag.pk}
        transition_apply(instance=other, transition="uphold", actor=actor, note=f"{also} {note}".strip())
    return flag


@transaction.atomic
def flag_dismiss(*, flag: Flag, actor: User | None, note: str = "") -> Flag:
    return transition_apply(instance=flag, transition="dismiss", actor=actor, note=note)


# --- quick updates --------------------------------------------------------------------------------------------


def _quick_update_set_hidden(update: QuickUpdate, actor: User, hidden: bool, note: str) -> QuickUpdate:
    """Quick updates have no workflow: the change is one row of the admin's change history with the note."""
    locked = QuickUpdate.objects.select_for_update().get(pk=update.pk)
    if locked.is_hidden == hidden:
        message = _("The update is already hidden.") if hidden else _("The update is already shown.")
        raise ValidationError(message, code="unchanged")
    locked.is_hidden = update.is_hidden = hidden
    locked.save(update_fields=["is_hidden"])
    what = _("Hidden.") if hidden else _("Shown again.")
    LogEntry.objects.log_actions(
        user_id=actor.pk,
        queryset=[locked],
        action_flag=CHANGE,
        change_message=f"{what} {note}".strip(),
        single_object=True,
    )
    return locked


@transaction.atomic
def quick_update_hide(*, update: QuickUpdate, actor: User, note: str = "") -> QuickUpdate:
    return _quick_update_set_hidden(update, actor, True, _note_required(note))


@transaction.atomic
def quick_update_unhide(*, update: QuickUpdate, actor: User, note: str = "") -> QuickUpdate:
    return _quick_update_set_hidden(update, actor, False, note)
