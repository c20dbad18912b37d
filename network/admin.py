from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Case, QuerySet, Value, When
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.models import Country, Membership, MembershipEvent, NetworkRegion, Pillar, Theme, User
from network.models.membership import MembershipQuerySet
from network.services.membership import membership_decide_many
from network.types import AuthenticatedHttpRequest

Status = Membership.Status


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
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class RegionFilter(admin.SimpleListFilter):
    title = _("network region")
    parameter_name = "region"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return NetworkRegion.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> QuerySet[Membership]:
        if self.value():
            return queryset.filter(country__network_region=self.value())
        return queryset


class CountryFilter(admin.SimpleListFilter):
    """Only the countries that applications come from, by name (the pk is an ISO code)."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        codes = Membership.objects.values_list("country_id", flat=True).distinct()
        return sorted(
            ((str(c.code), c.name) for c in Country.objects.filter(code__in=codes)), key=lambda x: x[1]
        )

    def queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> QuerySet[Membership]:
        if self.value():
            return queryset.filter(country_id=self.value())
        return queryset


class WaitingFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"
    DAYS = {"7": 7, "14": 14, "30": 30}

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [
            ("7", _("more than a week")),
            ("14", _("more than two weeks")),
            ("30", _("more than a month")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> QuerySet[Membership]:
        days = self.DAYS.get(self.value() or "")
        if days:
            return queryset & Membership.objects.waiting_longer_than(days)
        return queryset


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
        help_text=_("Recorded in the audit trail and quoted in the email to each member."),
    )


class MembershipEventInline(admin.TabularInline):
    model = MembershipEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _decision_action(to: str, label: Any, note_required: bool) -> Any:
    """A bulk action that asks for a note on an intermediate page, then decides through the service."""

    def action(
        modeladmin: MembershipAdmin, request: AuthenticatedHttpRequest, queryset: QuerySet[Membership]
    ) -> Any:
        form = DecisionNoteForm(request.POST if "confirm" in request.POST else None)
        form.fields["note"].required = note_required
        if "confirm" in request.POST and form.is_valid():
            done, skipped = membership_decide_many(
                memberships=queryset, to=to, actor=request.user, note=form.cleaned_data["note"]
            )
            if done:
                modeladmin.message_user(
                    request,
                    ngettext(
                        "%(count)d membership is now %(status)s; the member will be emailed.",
                        "%(count)d memberships are now %(status)s; the members will be emailed.",
                        len(done),
                    )
                    % {"count": len(done), "status": Status(to).label.lower()},
                    messages.SUCCESS,
                )
            for membership, reason in skipped:
                modeladmin.message_user(
                    request,
                    _("%(email)s was left unchanged: %(reason)s")
                    % {"email": membership.user.email, "reason": reason},
                    messages.WARNING,
                )
            return None
        return TemplateResponse(
            request,
            "admin/network/membership/decide.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": label,
                "opts": modeladmin.model._meta,
                "queryset": queryset.select_related("user", "country"),
                "form": form,
                "action": request.POST["action"],
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    action.__name__ = f"decide_{to}"
    return admin.action(description=label, permissions=["decide"])(action)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "applicant",
        "country",
        "region",
        "organisation",
        "status",
        "waiting_since",
        "focal_point",
    ]
    list_filter = ["status", RegionFilter, WaitingFilter, CountryFilter]
    search_fields = ["user__email", "user__full_name", "organisation", "position"]
    list_per_page = 50
    date_hierarchy = "applied_at"
    inlines = [MembershipEventInline]
    # What the applicant wrote is theirs and decisions go through the actions (with the audit trail):
    # the only thing staff set here is the focal-point flag (recorded in the admin's change history).
    readonly_fields = [
        "user",
        "status",
        "country",
        "organisation",
        "position",
        "theme_list",
        "motivation",
        "applied_at",
        "decided_at",
        "decided_by",
        "decision_note",
    ]
    fields = ["is_focal_point", *readonly_fields]
    actions = [
        _decision_action(
            Status.APPROVED,
            _("Approve selected applications (or reinstate suspended members)"),
            note_required=False,
        ),
        _decision_action(Status.REJECTED, _("Reject selected applications"), note_required=True),
        _decision_action(Status.SUSPENDED, _("Suspend selected members"), note_required=True),
    ]

    def get_queryset(self, request: HttpRequest) -> MembershipQuerySet:
        return Membership.objects.for_admin()

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        """The queue: applications waiting for a decision first, the longest-waiting at the top."""
        waiting_first = Case(When(status=Status.APPLIED, then=Value(0)), default=Value(1))
        return [waiting_first.asc(), "applied_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people apply themselves

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("network.decide_membership")

    @admin.display(description=_("applicant"), ordering="user__full_name")
    def applicant(self, obj: Membership) -> str:
        return format_html("{}<br><small>{}</small>", obj.user.full_name or "—", obj.user.email)

    @admin.display(description=_("focal point"), boolean=True, ordering="is_focal_point")
    def focal_point(self, obj: Membership) -> bool:
        return obj.is_focal_point

    @admin.display(description=_("themes of expertise"))
    def theme_list(self, obj: Membership) -> str:
        return ", ".join(theme.label for theme in obj.themes.all())

    @admin.display(description=_("region"), ordering="country__network_region")
    def region(self, obj: Membership) -> str:
        return obj.country.get_network_region_display()

    @admin.display(description=_("waiting since"), ordering="applied_at")
    def waiting_since(self, obj: Membership) -> str:
        if obj.status != Status.APPLIED:
            return "—"
        return _("%(time)s (since %(date)s)") % {
            "time": timesince(obj.applied_at),
            "date": obj.applied_at.date().isoformat(),
        }


@admin.register(MembershipEvent)
class MembershipEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only for everyone."""

    list_display = ["created_at", "member", "actor", "from_status", "to_status", "notified_at"]
    list_filter = ["to_status", "from_status"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["membership__user__email", "actor__email", "note"]
    list_select_related = ["membership__user", "actor"]
    date_hierarchy = "created_at"

    @admin.display(description=_("member"), ordering="membership__user__email")
    def member(self, obj: MembershipEvent) -> str:
        return obj.membership.user.email

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ThemeAdminForm(forms.ModelForm):
    pillars = forms.TypedMultipleChoiceField(
        label=_("pillars"),
        choices=Pillar.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The pillars of the Global Counter-Terrorism Strategy this theme belongs to."),
    )

    class Meta:
        model = Theme
        fields = ["name", "slug", "description", "pillars", "position", "is_active"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    form = ThemeAdminForm
    list_display = ["name", "slug", "pillar_numerals", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("pillars"))
    def pillar_numerals(self, obj: Theme) -> str:
        return ", ".join(p.numeral for p in obj.get_pillars_display())


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "m49_subregion", "network_region", "in_network"]
    list_editable = ["network_region", "in_network"]
    list_filter = ["in_network", "network_region", "m49_region", "is_ldc", "is_lldc", "is_sids", "is_g77"]
    search_fields = ["code", "m49", "m49_subregion"]
    readonly_fields = [
        "code",
        "m49",
        "m49_region",
        "m49_subregion",
        "m49_intermediate",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_g77",
    ]
    ordering = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
