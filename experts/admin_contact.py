"""Messages between members, for staff acting on abuse: read-only, searchable, filtered by sender, recipient
and date. Blocks are listed too (who stopped whom), read-only as well."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from experts.models import ContactBlock, ContactMessage
from network.admin.tools import ReadOnlyAdminMixin, person_html
from network.models import User

MESSAGE_FIELDS = ("sender_display", "recipient_display", "created_at", "notified_at", "subject", "body")


def _person(user: User | None) -> SafeString:
    if user is None:
        return format_html("<em>{}</em>", _("deleted member"))
    return person_html(user, email=True)


@admin.register(ContactMessage)
class ContactMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "sender_display", "recipient_display", "created_at", "notified_at"]
    list_filter = [
        ("sender", admin.RelatedOnlyFieldListFilter),
        ("recipient", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    date_hierarchy = "created_at"
    search_fields = [
        "subject",
        "body",
        "sender__email",
        "sender__full_name",
        "recipient__email",
        "recipient__full_name",
    ]
    list_select_related = ["sender", "recipient"]
    fields = readonly_fields = MESSAGE_FIELDS

    @admin.display(description=_("sender"), ordering="sender__full_name")
    def sender_display(self, message: ContactMessage) -> SafeString:
        return _person(message.sender)

    @admin.display(description=_("recipient"), ordering="recipient__full_name")
    def recipient_display(self, message: ContactMessage) -> SafeString:
        return _person(message.recipient)


@admin.register(ContactBlock)
class ContactBlockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["blocker_display", "blocked_display", "created_at"]
    list_filter = [("blocked", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["blocker__email", "blocker__full_name", "blocked__email", "blocked__full_name"]
    list_select_related = ["blocker", "blocked"]

    @admin.display(description=_("member who blocked"))
    def blocker_display(self, block: ContactBlock) -> SafeString:
        return _person(block.blocker)

    @admin.display(description=_("blocked sender"))
    def blocked_display(self, block: ContactBlock) -> SafeString:
        return _person(block.blocked)
