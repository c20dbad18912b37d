"""Posts in the admin: the premoderation queue (waiting posts first, the oldest at the top) and every decision
about a post — approve, reject, hide, show again — through forums/services/moderation.py, with the reason the
author reads. Nothing a member wrote is edited here; the author's membership can be suspended from the post."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from forums.models import Flag, Post, PostAttachment, PostEvent
from forums.services.moderation import post_approve, post_hide, post_reject, post_unhide
from network.admin.tools import (
    ReadOnlyAdminMixin,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)
from network.models import Membership

from .common import CategoryFilter, decision, excerpt

POST_TRANSITIONS = [
    decision(
        Post,
        "approve",
        service=post_approve,
        object_arg="post",
        action_label=_("Approve the selected posts"),
    ),
    decision(
        Post,
        "reject",
        service=post_reject,
        object_arg="post",
        action_label=_("Reject the selected posts"),
        note_required=True,
    ),
    decision(
        Post,
        "hide",
        service=post_hide,
        object_arg="post",
        action_label=_("Hide the selected posts"),
        note_required=True,
    ),
    decision(
        Post,
        "unhide",
        service=post_unhide,
        object_arg="post",
        action_label=_("Show the selected posts again"),
    ),
]


class PostEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = PostEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PostEvent]:
        return super().get_queryset(request).select_related("actor")


class PostAttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = PostAttachment
    fields = readonly_fields = ("original_name", "file_size", "uploaded_by", "created_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PostAttachment]:
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("size"))
    def file_size(self, obj: PostAttachment) -> str:
        return obj.human_size


class FlagInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Flag
    fields = readonly_fields = ("created_at", "flagged_by", "reason", "details", "status")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Flag]:
        return super().get_queryset(request).select_related("flagged_by")


@admin.register(Post)
class PostAdmin(WaitingQueueMixin, TransitionAdminMixin):
    list_display = ["text", "thread_title", "number", "writer", "status", "created_at", "waiting_since"]
    list_filter = [
        "status",
        WaitingLongerThanFilter,
        CategoryFilter.for_path("thread__category"),
    ]
    search_fields = ["body", "author__full_name", "author__email"]
    list_per_page = 50
    queue_date_field = "created_at"
    queue_waiting_method = "pending"
    transitions = POST_TRANSITIONS
    transition_summary_fields = ["thread_title", "number", "writer", "status", "text"]
    inlines = [PostEventInline, FlagInline, PostAttachmentInline]
    fields = readonly_fields = (
        "thread_title",
        "number",
        "writer",
        "suspend_link",
        "status",
        "created_at",
        "edited_at",
        "body_shown",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        return super().get_queryset(request).select_related("author", "thread")

    def get_transition_queryset(self, request: HttpRequest, queryset: QuerySet[Post]) -> QuerySet[Post]:
        return queryset.select_related("author", "thread")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members write posts on the site

    def has_delete_permission(self, request: HttpRequest, obj: Post | None = None) -> bool:
        return False  # hide instead: numbers are never reused and the history stays

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("forums.change_post")

    @admin.display(description=_("message"))
    def text(self, obj: Post) -> SafeString:
        return excerpt(obj.body)

    @admin.display(description=_("message"))
    def body_shown(self, obj: Post) -> SafeString:
        return format_html(
            '<div dir="auto">{}</div>', SafeString(obj.body_html)
        )  # sanitised by the Markdown renderer

    @admin.display(description=_("thread"), ordering="thread__title")
    def thread_title(self, obj: Post) -> SafeString:
        url = reverse("admin:forums_thread_change", args=[obj.thread_id])
        return format_html('<a href="{}" dir="auto">{}</a>', url, obj.thread.title)

    @admin.display(description=_("author"), ordering="author__full_name")
    def writer(self, obj: Post) -> str:
        return person_html(obj.author, email=True) if obj.author else self.get_empty_value_display()

    @admin.display(description=_("membership"))
    def suspend_link(self, obj: Post) -> str:
        """The membership service suspends (through the membership admin's note page)."""
        membership = Membership.objects.filter(user=obj.author).first() if obj.author else None
        if membership is None:
            return self.get_empty_value_display()
        if not membership.can_take("suspend"):
            return str(membership.get_status_display())
        url = reverse("admin:network_membership_transition", args=[membership.pk, "suspend"])
        return format_html('<a href="{}" class="button">{}</a>', url, _("Suspend this member"))
