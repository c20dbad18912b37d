"""Categories (staff edit their names and themes; the counters are the services'), the forum's switches (one
row) and quick updates (hidden or shown again with a note, recorded in the admin's change history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forums.models import Category, ForumSettings, QuickUpdate
from forums.services.moderation import quick_update_hide, quick_update_unhide
from network.admin.tools import TransitionAction, TransitionAdminMixin, person_html

from .common import excerpt


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "position", "is_active", "thread_count", "post_count", "last_post_at"]
    list_editable = ["position", "is_active"]
    list_display_links = ["label"]
    readonly_fields = ["thread_count", "post_count", "last_post_at"]
    fields = ["name", "slug", "description", "themes", "position", "is_active", *readonly_fields]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["name"]}

    def get_readonly_fields(self, request: HttpRequest, obj: Category | None = None) -> Any:
        # The address is kept once the category exists: links and follows use it.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Category | None = None) -> Any:
        return {} if obj else self.prepopulated_fields

    def has_delete_permission(self, request: HttpRequest, obj: Category | None = None) -> bool:
        return False  # a category with threads is kept (PROTECT); deactivate it instead

    @admin.display(description=_("name"), ordering="name")
    def label(self, obj: Category) -> str:
        return obj.label


@admin.register(ForumSettings)
class ForumSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """One row: the list goes straight to it; it is never added twice nor deleted."""

    fields = ["premoderate_first_posts", "edit_window_minutes"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not ForumSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: ForumSettings | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        current, _created = ForumSettings.objects.get_or_create(pk=1)  # the one row, saved on first visit
        return HttpResponseRedirect(reverse("admin:forums_forumsettings_change", args=[current.pk]))


def _update_action(name: str, label: Any, service: Any, hidden: bool, **options: Any) -> TransitionAction:
    return TransitionAction(
        name=name,
        label=label,
        service=service,
        object_arg="update",
        applies=lambda update: update.is_hidden != hidden,
        permission="moderate",
        **options,
    )


QUICK_UPDATE_TRANSITIONS = [
    _update_action(
        "hide",
        _("Hide"),
        quick_update_hide,
        True,
        action_label=_("Hide the selected updates"),
        note_required=True,
        note_help=_("Recorded in the change history."),
    ),
    _update_action(
        "unhide", _("Show again"), quick_update_unhide, False, action_label=_("Show the selected again")
    ),
]


@admin.register(QuickUpdate)
class QuickUpdateAdmin(TransitionAdminMixin):
    list_display = ["text", "writer", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["body", "author__full_name", "author__email"]
    list_per_page = 50
    transitions = QUICK_UPDATE_TRANSITIONS
    transition_summary_fields = ["text", "writer", "created_at"]
    fields = readonly_fields = ("writer", "created_at", "body", "link", "is_hidden")

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuickUpdate]:
        return super().get_queryset(request).select_related("author")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: QuickUpdate | None = None) -> bool:
        return False  # hide instead: the history stays

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("forums.change_quickupdate")

    @admin.display(description=_("update"))
    def text(self, obj: QuickUpdate) -> Any:
        return excerpt(obj.body, 20)

    @admin.display(description=_("by"), ordering="author__full_name")
    def writer(self, obj: QuickUpdate) -> str:
        return person_html(obj.author)
