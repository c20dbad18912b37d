from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from network.admin.digests import delivery_history_html
from network.admin.tools import ReadOnlyAdminMixin
from network.models import AccountDeletion, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "last_seen_at", "date_joined")}),
        (_("Emails"), {"fields": ("digests",)}),
    )
    readonly_fields = ["last_seen_at", "digests"]
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.display(description=_("digests"))
    def digests(self, user: User) -> SafeString:
        return delivery_history_html(user)


@admin.register(AccountDeletion)
class AccountDeletionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Accounts their owners deleted (the "Your data" page): when, and what each app removed or kept."""

    list_display = ["deleted_at", "membership_status", "summary"]
    list_filter = ["membership_status"]
    date_hierarchy = "deleted_at"
