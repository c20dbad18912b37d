"""The flag queue: open flags first, the oldest at the top, with the flagged post, its author and thread.
Upholding a flag hides the post (its author is told the reason); dismissing it leaves the post."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from forums.models import Flag, FlagEvent
from forums.services.moderation import flag_dismiss, flag_uphold
from network.admin.tools import (
    ReadOnlyAdminMixin,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)

from .common import decision, excerpt

FLAG_TRANSITIONS = [
    decision(
        Flag,
        "uphold",
        service=flag_uphold,
        object_arg="flag",
        action_label=_("Uphold the selected flags (hide the posts)"),
        note_help=_(
            "Quoted, after the flag's reason, in the email telling the author their post was hidden."
        ),
    ),
    decision(
        Flag,
        "dismiss",
        service=flag_dismiss,
        object_arg="flag",
        action_label=_("Dismiss the selected flags"),
        note_help=_("Recorded in the flag's history (the author of the post is not told)."),
    ),
]


class FlagEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = FlagEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[FlagEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Flag)
class FlagAdmin(WaitingQueueMixin, TransitionAdminMixin):
    list_display = ["post_text", "reason", "post_author", "thread", "flagger", "status", "waiting_since"]
    list_filter = ["status", "reason", WaitingLongerThanFilter]
    search_fields = ["post__body", "details", "post__author__full_name", "post__author__email"]
    list_per_page = 50
    queue_date_field = "created_at"
    queue_waiting_method = "waiting"
    transitions = FLAG_TRANSITIONS
    transition_summary_fields = ["reason", "details", "post_text", "post_author", "thread", "flagger"]
    inlines = [FlagEventInline]
    fields = readonly_fields = (
        "status",
        "reason",
        "details",
        "flagger",
        "created_at",
        "post_text",
        "post_author",
        "thread",
        "post_link",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Flag]:
        return super().get_queryset(request).select_related("post__author", "post__thread", "flagged_by")

    def get_transition_queryset(self, request: HttpRequest, queryset: QuerySet[Flag]) -> QuerySet[Flag]:
        return queryset.select_related("post__author", "post__thread", "flagged_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members flag posts on the site

    def has_delete_permission(self, request: HttpRequest, obj: Flag | None = None) -> bool:
        return False  # a decided flag is part of the moderation record

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("forums.change_flag")

    @admin.display(description=_("post"))
    def post_text(self, obj: Flag) -> SafeString:
        return excerpt(obj.post.body, 60)

    @admin.display(description=_("author of the post"), ordering="post__author__full_name")
    def post_author(self, obj: Flag) -> str:
        author = obj.post.author
        return person_html(author, email=True) if author else self.get_empty_value_display()

    @admin.display(description=_("flagged by"), ordering="flagged_by__full_name")
    def flagger(self, obj: Flag) -> str:
        return person_html(obj.flagged_by) if obj.flagged_by else self.get_empty_value_display()

    @admin.display(description=_("thread"), ordering="post__thread__title")
    def thread(self, obj: Flag) -> str:
        return format_html('<span dir="auto">{}</span>', obj.post.thread.title)

    @admin.display(description=_("the post in the moderation queue"))
    def post_link(self, obj: Flag) -> str:
        url = reverse("admin:forums_post_change", args=[obj.post_id])
        return format_html('<a href="{}">{} #{}</a>', url, _("Post"), obj.post.number)
