"""The membership queue and its audit trail, built on the shared queue tools (network/admin/tools.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.models import Membership, MembershipEvent
from network.models.membership import MembershipQuerySet
from network.services.membership import (
    membership_approve,
    membership_reinstate,
    membership_reject,
    membership_suspend,
)

from .tools import (
    CountryFilter,
    ReadOnlyAdminMixin,
    RegionFilter,
    TransitionAction,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)

Status = Membership.Status


def _decision(
    name: str,
    *,
    service: Callable[..., Membership],
    action_label: Any,
    note_required: bool = False,
) -> TransitionAction:
    """A decision staff take here: the named transition of Membership.TRANSITIONS (which says who may take
    it), the service that applies it, and how the admin asks for it."""
    step = Membership.TRANSITIONS[name]

    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d membership is now %(status)s; the member will be emailed.",
            "%(count)d memberships are now %(status)s; the members will be emailed.",
            count,
        ) % {"count": count, "status": Status(step.target).label.lower()}

    return TransitionAction.for_workflow(
        step,
        action_label=action_label,
        service=service,
        object_arg="membership",
        permission="decide",
        note_required=note_required,
        note_help=_("Recorded in the audit trail and quoted in the email to each member."),
        done_message=done_message,
    )


MEMBERSHIP_TRANSITIONS = [
    _decision("approve", service=membership_approve, action_label=_("Approve selected applications")),
    _decision(
        "reject",
        service=membership_reject,
        action_label=_("Reject selected applications"),
        note_required=True,
    ),
    _decision(
        "suspend",
        service=membership_suspend,
        action_label=_("Suspend selected members"),
        note_required=True,
    ),
    _decision("reinstate", service=membership_reinstate, action_label=_("Reinstate selected members")),
]


class MembershipEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = MembershipEvent
    fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MembershipEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Membership)
class MembershipAdmin(WaitingQueueMixin, TransitionAdminMixin):
    list_display = ["applicant", "country", "region", "organisation", "status", "waiting_since"]
    list_filter = [
        "status",
        RegionFilter.for_path("country__network_region"),
        WaitingLongerThanFilter,
        CountryFilter.for_path("country"),
        "is_focal_point",
    ]
    search_fields = ["user__email", "user__full_name", "organisation", "position"]
    list_per_page = 50
    date_hierarchy = "applied_at"
    inlines = [MembershipEventInline]
    queue_date_field = "applied_at"
    queue_waiting_method = "pending"
    transitions = MEMBERSHIP_TRANSITIONS
    transition_summary_fields = [
        "applicant",
        "status",
        "country",
        "region",
        "organisation",
        "position",
        "theme_list",
        "motivation",
        "applied_at",
    ]
    # What the applicant wrote is theirs and decisions go through the transitions (with the audit trail):
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

    def get_queryset(self, request: HttpRequest) -> MembershipQuerySet:
        return cast(MembershipQuerySet, super().get_queryset(request)).for_admin()

    def get_transition_queryset(
        self, request: HttpRequest, queryset: QuerySet[Membership]
    ) -> QuerySet[Membership]:
        return queryset.prefetch_related("themes")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people apply themselves

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("network.decide_membership")

    @admin.display(description=_("applicant"), ordering="user__full_name")
    def applicant(self, obj: Membership) -> str:
        return person_html(obj.user, focal_point=obj.is_focal_point, email=True)

    @admin.display(description=_("themes of expertise"))
    def theme_list(self, obj: Membership) -> str:
        return ", ".join(theme.label for theme in obj.themes.all())

    @admin.display(description=_("region"), ordering="country__network_region")
    def region(self, obj: Membership) -> str:
        return obj.country.get_network_region_display()


@admin.register(MembershipEvent)
class MembershipEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The audit trail: read-only for everyone."""

    list_display = ["created_at", "member", "actor", "from_status", "to_status", "notified_at"]
    list_filter = ["to_status", "from_status"]
    ordering = ["-created_at", "-pk"]
    search_fields = ["membership__user__email", "actor__email", "note"]
    list_select_related = ["membership__user", "actor"]
    date_hierarchy = "created_at"

    @admin.display(description=_("member"), ordering="membership__user__email")
    def member(self, obj: MembershipEvent) -> str:
        membership = obj.membership
        return person_html(membership.user, focal_point=membership.is_focal_point, email=True)
