"""Threads in the admin: approve, lock, unlock, close, reopen, hide, show again, pin, unpin, move to another
category and merge into another thread — each a bulk action and a change-page button through the shared note
page (move and merge ask there for the category or the thread), each applied and audited by a service in
forums/services/moderation.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from forums.models import Category, Thread, ThreadEvent, ThreadStatus
from forums.services.moderation import (
    thread_approve,
    thread_close,
    thread_hide,
    thread_lock,
    thread_merge,
    thread_move,
    thread_pin,
    thread_reopen,
    thread_unhide,
    thread_unlock,
    thread_unpin,
)
from network.admin.tools import (
    ReadOnlyAdminMixin,
    TransitionAction,
    TransitionAdminMixin,
    TransitionNoteForm,
    person_html,
)

from .common import CategoryFilter, decision


class MoveForm(TransitionNoteForm):
    category = forms.ModelChoiceField(label=_("Move to the category"), queryset=Category.objects.all())
    field_order = ["category", "note"]


class MergeForm(TransitionNoteForm):
    target = forms.ModelChoiceField(
        label=_("Merge into thread number"),
        queryset=Thread.objects.exclude(status=ThreadStatus.HIDDEN),
        widget=forms.NumberInput,
        help_text=_("The number in the first column of the thread list."),
    )
    field_order = ["target", "note"]


def _detail(name: str, label: Any, service: Any, applies: Any, **options: Any) -> TransitionAction:
    return TransitionAction(
        name=name,
        label=label,
        service=service,
        object_arg=options.pop("object_arg", "thread"),
        applies=applies,
        permission="moderate",
        **options,
    )


def _merge(*, thread: Thread, target: Thread, actor: Any, note: str) -> Thread:
    return thread_merge(source=thread, target=target, actor=actor, note=note)


THREAD_TRANSITIONS = [
    decision(Thread, "approve", service=thread_approve, object_arg="thread"),
    decision(Thread, "lock", service=thread_lock, object_arg="thread", action_label=_("Lock the selected")),
    decision(
        Thread, "unlock", service=thread_unlock, object_arg="thread", action_label=_("Unlock the selected")
    ),
    decision(
        Thread, "close", service=thread_close, object_arg="thread", action_label=_("Close the selected")
    ),
    decision(
        Thread, "reopen", service=thread_reopen, object_arg="thread", action_label=_("Reopen the selected")
    ),
    decision(
        Thread,
        "hide",
        service=thread_hide,
        object_arg="thread",
        action_label=_("Hide the selected threads"),
        note_required=True,
    ),
    decision(
        Thread,
        "unhide",
        service=thread_unhide,
        object_arg="thread",
        action_label=_("Show the selected again"),
    ),
    _detail("pin", _("Pin"), thread_pin, lambda t: not t.is_pinned and t.status != ThreadStatus.HIDDEN),
    _detail("unpin", _("Unpin"), thread_unpin, lambda t: t.is_pinned),
    _detail(
        "move",
        _("Move"),
        thread_move,
        lambda t: True,
        action_label=_("Move the selected to another category"),
        form_class=MoveForm,
    ),
    _detail(
        "merge",
        _("Merge"),
        _merge,
        lambda t: t.status != ThreadStatus.HIDDEN,
        action_label=_("Merge the selected into another thread"),
        form_class=MergeForm,
    ),
]


class ThreadEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = ThreadEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ThreadEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Thread)
class ThreadAdmin(TransitionAdminMixin):
    list_display = ["pk", "title", "category", "starter", "status", "is_pinned", "post_count", "last_post_at"]
    list_display_links = ["pk", "title"]
    list_filter = ["status", "is_pinned", CategoryFilter.for_path("category")]
    search_fields = ["title", "author__full_name", "author__email"]
    list_per_page = 50
    ordering = ["-last_post_at", "-pk"]
    transitions = THREAD_TRANSITIONS
    transition_summary_fields = ["title", "category", "starter", "status", "post_count"]
    inlines = [ThreadEventInline]
    fields = readonly_fields = (
        "title",
        "category",
        "starter",
        "status",
        "is_pinned",
        "created_at",
        "last_number",
        "post_count",
        "last_post_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Thread]:
        return super().get_queryset(request).select_related("author", "category")

    def get_transition_queryset(self, request: HttpRequest, queryset: QuerySet[Thread]) -> QuerySet[Thread]:
        return queryset.select_related("author", "category")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members start threads on the site

    def has_delete_permission(self, request: HttpRequest, obj: Thread | None = None) -> bool:
        return False  # hide instead: the history and the numbers stay

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("forums.change_thread")

    @admin.display(description=_("started by"), ordering="author__full_name")
    def starter(self, obj: Thread) -> str:
        return person_html(obj.author) if obj.author else self.get_empty_value_display()
