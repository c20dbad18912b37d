"""The offers moderation queue for UNOCT staff, built on the shared queue tools (network/admin/tools.py).

Submitted offers come first, the longest-waiting at the top. Every decision (publish, request changes, reject,
close, publish again) is a bulk action and a button on the change page, both through the note page and a
service in advisory/services/offers.py: the status is never set here. What staff correct on the change page is
saved by ``offer_staff_edit`` (Markdown rendered again, the change recorded in the offer's history). Registered
interests and the history are shown read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advisory.models import Offer, OfferEvent, OfferInterest, OfferStatus
from advisory.services.offers import (
    offer_close,
    offer_publish,
    offer_reject,
    offer_reopen,
    offer_request_changes,
    offer_staff_edit,
)
from experts.models import SPOKEN_LANGUAGES
from network.admin.tools import (
    ChoiceArrayFilter,
    ReadOnlyAdminMixin,
    RegionFilter,
    ThemeFilter,
    TransitionAction,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)
from network.models import Pillar


def _moderation(
    name: str, *, service: Callable[..., Offer], action_label: Any, note_required: bool = False
) -> TransitionAction:
    """A decision staff take here: the named transition of Offer.TRANSITIONS and the service applying it."""
    step = Offer.TRANSITIONS[name]

    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d offer is now “%(status)s”.",
            "%(count)d offers are now “%(status)s”.",
            count,
        ) % {"count": count, "status": OfferStatus(step.target).label}

    return TransitionAction.for_workflow(
        step,
        action_label=action_label,
        service=service,
        object_arg="offer",
        permission="moderate",
        note_required=note_required,
        note_help=_("Recorded in the offer's history and quoted in the email to the offerer."),
        done_message=done_message,
    )


OFFER_TRANSITIONS = [
    _moderation("publish", service=offer_publish, action_label=_("Publish the selected")),
    _moderation(
        "request_changes",
        service=offer_request_changes,
        action_label=_("Request changes to the selected"),
        note_required=True,
    ),
    _moderation("reject", service=offer_reject, action_label=_("Reject the selected"), note_required=True),
    _moderation("close", service=offer_close, action_label=_("Close the selected")),
    _moderation("reopen", service=offer_reopen, action_label=_("Publish the selected again")),
]

CONTENT_FIELDS = ("title", "summary", "description", "kind", "delivery", "visibility")
DETAIL_FIELDS = (
    "themes",
    "pillars",
    "languages",
    "organisation",
    "starts_on",
    "ends_on",
    "on_request",
    "capacity",
    "eligibility",
)


class OfferAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    pillars = forms.TypedMultipleChoiceField(
        label=_("pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=SPOKEN_LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Offer
        fields = [*CONTENT_FIELDS, *DETAIL_FIELDS]


class OfferInterestInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = OfferInterest
    fields = readonly_fields = ("member_display", "message", "created_at")
    verbose_name_plural = _("registered interests (seen by the offerer and staff)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OfferInterest]:
        return super().get_queryset(request).select_related("member")

    @admin.display(description=_("member"))
    def member_display(self, obj: OfferInterest) -> str:
        return person_html(obj.member, email=True)


class OfferEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = OfferEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OfferEvent]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Offer)
class OfferAdmin(WaitingQueueMixin, TransitionAdminMixin):
    form = OfferAdminForm
    list_display = [
        "title",
        "status",
        "kind",
        "delivery",
        "offerer",
        "organisation",
        "interests",
        "waiting_since",
    ]
    list_filter = [
        "status",
        WaitingLongerThanFilter,
        "kind",
        "delivery",
        ThemeFilter.for_path("themes"),
        ChoiceArrayFilter.for_path("pillars", parameter_name="pillar", title=_("pillar")),
        RegionFilter.for_path("offered_by__membership__country__network_region"),
        "visibility",
    ]
    search_fields = ["title", "summary", "offered_by__full_name", "offered_by__email", "organisation__name"]
    list_per_page = 50
    queue_date_field = "submitted_at"
    queue_waiting_method = "awaiting_review"
    transitions = OFFER_TRANSITIONS
    transition_summary_fields = ["title", "status", "kind", "offerer", "organisation", "summary"]
    inlines = [OfferInterestInline, OfferEventInline]
    readonly_fields = (
        "preview",
        "status",
        "offerer",
        "slug",
        "created_at",
        "submitted_at",
        "published_at",
        "updated_at",
    )
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Content"), {"fields": CONTENT_FIELDS}),
        (_("Details"), {"fields": DETAIL_FIELDS}),
    ]
    filter_horizontal = ["themes"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Offer]:
        counted = (
            OfferInterest.objects.filter(offer=models.OuterRef("pk"))
            .order_by()
            .values("offer")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("offered_by", "organisation")
            .annotate(interest_count=Coalesce(models.Subquery(counted), 0))
        )

    def get_transition_queryset(self, request: HttpRequest, queryset: QuerySet[Offer]) -> QuerySet[Offer]:
        return queryset.select_related("offered_by", "organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members make offers; staff moderate and correct them

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("advisory.change_offer")

    @admin.display(description=_("offered by"), ordering="offered_by__full_name")
    def offerer(self, obj: Offer) -> str:
        if obj.offered_by is None:
            return self.get_empty_value_display()  # type: ignore[no-any-return]
        return person_html(obj.offered_by, email=True)

    @admin.display(description=_("interested"), ordering="interest_count")
    def interests(self, obj: Offer) -> int:
        return getattr(obj, "interest_count", 0)

    @admin.display(description=_("preview"))
    def preview(self, obj: Offer) -> str:
        # The members' page itself: staff see any status there, under a "not published" banner.
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Preview as members will see it"))

    def save_model(self, request: HttpRequest, obj: Offer, form: Any, change: bool) -> None:
        """Saved with its themes by ``offer_staff_edit`` in ``save_related``: one audited step."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        offer_staff_edit(
            offer=form.instance,
            actor=request.user,  # type: ignore[arg-type]
            changed=form.changed_data,
            save_related=lambda: super(OfferAdmin, self).save_related(request, form, formsets, change),
        )
