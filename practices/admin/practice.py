"""The good-practice moderation queue for UNOCT staff, built on the shared queue tools (network/admin/tools.py).

Submitted and in-review practices come first, the longest-waiting at the top. Every decision (start review,
request changes, publish, reject, archive, publish again) is a bulk action and a button on the change page,
both through the note page and a service in practices/services/workflow.py: the status is never set here.
Content staff correct on the change page is saved by `practice_staff_edit` (Markdown, search, audit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.admin.tools import (
    ChoiceArrayFilter,
    CountryFilter,
    PresentChoicesFilter,
    RegionFilter,
    ThemeFilter,
    TransitionAction,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)
from network.models import Pillar
from practices.models import GoodPractice, PracticeStatus, TargetGroup
from practices.services.moderation import practice_staff_edit
from practices.services.workflow import (
    practice_archive,
    practice_publish,
    practice_reject,
    practice_request_changes,
    practice_restore,
    practice_start_review,
)

from .attachments import PracticeAttachmentInline
from .export import export_csv
from .inlines import EndorsementInline, GoodPracticeEventInline, PracticeLinkInline, PracticeVersionInline


def _moderation(
    name: str,
    *,
    service: Callable[..., GoodPractice],
    action_label: Any,
    note_required: bool = False,
) -> TransitionAction:
    """A decision staff take here: the named transition of GoodPractice.TRANSITIONS and the service applying it."""
    step = GoodPractice.TRANSITIONS[name]

    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d practice is now “%(status)s”; its submitter will be emailed.",
            "%(count)d practices are now “%(status)s”; their submitters will be emailed.",
            count,
        ) % {"count": count, "status": PracticeStatus(step.target).label}

    return TransitionAction.for_workflow(
        step,
        action_label=action_label,
        service=service,
        object_arg="practice",
        permission="moderate",
        note_required=note_required,
        note_help=_("Recorded in the moderation history and quoted in the email to each submitter."),
        done_message=done_message,
    )


PRACTICE_TRANSITIONS = [
    _moderation(
        "start_review", service=practice_start_review, action_label=_("Start reviewing the selected")
    ),
    _moderation(
        "request_changes",
        service=practice_request_changes,
        action_label=_("Request changes to the selected"),
        note_required=True,
    ),
    _moderation("publish", service=practice_publish, action_label=_("Publish the selected")),
    _moderation("reject", service=practice_reject, action_label=_("Reject the selected"), note_required=True),
    _moderation("archive", service=practice_archive, action_label=_("Archive the selected")),
    _moderation("restore", service=practice_restore, action_label=_("Publish the selected again")),
]


CONTENT_FIELDS = ("title", "summary", "body", "outcomes", "lessons", "safeguards", "language", "visibility")
CLASSIFICATION_FIELDS = (
    "countries",
    "pillars",
    "themes",
    "keywords",
    "organisations",
    "other_organisations",
    "start_year",
    "end_year",
    "target_groups",
    "contact_experts",
)


class GoodPracticeAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    pillars = forms.TypedMultipleChoiceField(
        label=_("pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = GoodPractice
        fields = [*CONTENT_FIELDS, *CLASSIFICATION_FIELDS]


@admin.register(GoodPractice)
class GoodPracticeAdmin(WaitingQueueMixin, TransitionAdminMixin):
    form = GoodPracticeAdminForm
    list_display = ["title", "status", "language", "country_list", "submitter", "waiting_since"]
    list_filter = [
        "status",
        WaitingLongerThanFilter,
        ChoiceArrayFilter.for_path("pillars", parameter_name="pillar", title=_("pillar")),
        ThemeFilter.for_path("themes"),
        RegionFilter.for_path("countries__network_region"),
        CountryFilter.for_path("countries"),
        PresentChoicesFilter.for_path("language", parameter_name="language", title=_("language")),
        "visibility",
    ]
    search_fields = ["title", "summary", "submitted_by__full_name", "submitted_by__email"]
    list_per_page = 50
    actions = [export_csv]
    queue_date_field = "submitted_at"
    queue_waiting_method = "awaiting_review"
    transitions = PRACTICE_TRANSITIONS
    transition_summary_fields = ["title", "status", "language", "country_list", "submitter", "summary"]
    inlines = [
        PracticeLinkInline,
        PracticeAttachmentInline,
        GoodPracticeEventInline,
        PracticeVersionInline,
        EndorsementInline,
    ]
    readonly_fields = (
        "preview",
        "status",
        "submitter",
        "submitted_at",
        "published_at",
        "updated_at",
        "slug",
        "translation_group",
    )
    fieldsets = [
        (None, {"fields": readonly_fields}),
        (_("Content"), {"fields": CONTENT_FIELDS}),
        (_("Classification"), {"fields": CLASSIFICATION_FIELDS}),
    ]
    filter_horizontal = ["countries", "themes"]
    autocomplete_fields = ["organisations", "contact_experts"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[GoodPractice]:
        return super().get_queryset(request).select_related("submitted_by").prefetch_related("countries")

    def get_transition_queryset(
        self, request: HttpRequest, queryset: QuerySet[GoodPractice]
    ) -> QuerySet[GoodPractice]:
        return queryset.select_related("submitted_by").prefetch_related("countries")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members submit practices; staff moderate and correct them

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("practices.change_goodpractice")

    def has_export_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("practices.view_goodpractice"))

    @admin.display(description=_("submitted by"), ordering="submitted_by__full_name")
    def submitter(self, obj: GoodPractice) -> str:
        if obj.submitted_by is None:
            return self.get_empty_value_display()  # type: ignore[no-any-return]
        return person_html(obj.submitted_by, email=True)

    @admin.display(description=_("countries"))
    def country_list(self, obj: GoodPractice) -> str:
        return ", ".join(str(country.name) for country in obj.countries.all())

    @admin.display(description=_("preview"))
    def preview(self, obj: GoodPractice) -> str:
        # The reader page itself: staff see any status there, under a "not published" banner.
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Preview as readers will see it"))

    def save_model(self, request: HttpRequest, obj: GoodPractice, form: Any, change: bool) -> None:
        """Saved with its relations by `practice_staff_edit` in `save_related`: one audited step."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        changed = [*form.changed_data, *(fs.prefix for fs in formsets if fs.has_changed())]
        practice_staff_edit(
            practice=form.instance,
            actor=request.user,  # type: ignore[arg-type]
            changed=changed,
            save_related=lambda: super(GoodPracticeAdmin, self).save_related(request, form, formsets, change),
        )
