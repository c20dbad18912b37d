"""The triage desk of advisory requests for UNOCT staff, built on the shared queue tools (network/admin/tools.py).

New, triaged and matching requests come first, the longest-waiting at the top ("waiting since" = when the status
last changed). Every step (triage, start finding experts, start the work, complete, decline) is a bulk action and
a button on the change page, both through the note page and a service in advisory/services/requests.py: the status
is never set here. Owners are assigned through ``request_assign`` (audited); internal notes are added on the
change page through ``request_note_add`` and never leave the admin. What the requester wrote is read-only; staff
may only correct how the request is classified for matching (``request_staff_edit``, audited). The suggestions
page and the invitation inlines come from advisory/admin/matching.py.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisory.models import AdvisoryRequest, Confidentiality, RequestNote
from advisory.models.requests import OPEN_STATUSES
from advisory.services.requests import request_assign, request_note_add, request_staff_edit
from network.admin.tools import (
    ChoiceArrayFilter,
    CountryFilter,
    RegionFilter,
    ThemeFilter,
    TransitionAction,
    TransitionAdminMixin,
    WaitingLongerThanFilter,
    WaitingQueueMixin,
    person_html,
)
from network.idempotency import FormOnce, form_token_new

from .matching import InvitationInline, MatchingAdminMixin, ProposedOfferInline
from .request_export import export_csv
from .request_forms import AdvisoryRequestAdminForm, OwnerForm, RequestNoteForm
from .request_steps import REQUEST_TRANSITIONS, AdvisoryRequestEventInline, OwnerFilter, assigned_message

# "ADV-2026-0042", "adv-2026-42" or "42": the request with that number, whatever else the search finds.
REFERENCE = re.compile(r"^\s*(?:ADV-\d{4}-)?0*(\d{1,9})\s*$", re.IGNORECASE)

CONFIDENTIALITY_HELP = {
    Confidentiality.STAFF: _(
        "Staff only: an invited expert reads only the message of their invitation, never the request."
    ),
    Confidentiality.MATCHED: _(
        "Staff and the experts invited to help (while invited, and once they accept) read the request."
    ),
}

CONTENT_FIELDS = (
    "title",
    "institution",
    "on_behalf_of_institution",
    "country",
    "need_display",
    "timeframe",
    "confidentiality_display",
)
CLASSIFICATION_FIELDS = ("themes", "pillars", "languages", "modality")
OUTCOME_FIELDS = ("outcome_summary", "rating", "what_changed", "rated_at")


@admin.register(AdvisoryRequest)
class AdvisoryRequestAdmin(WaitingQueueMixin, TransitionAdminMixin, MatchingAdminMixin):
    form = AdvisoryRequestAdminForm
    list_display = ["reference", "title", "status", "country", "owner_name", "waiting_since", "modality"]
    list_filter = [
        "status",
        OwnerFilter,
        WaitingLongerThanFilter,
        RegionFilter.for_path("country__network_region"),
        CountryFilter.for_path("country"),
        ThemeFilter.for_path("themes"),
        ChoiceArrayFilter.for_path("pillars", parameter_name="pillar", title=_("pillar")),
        "modality",
        "confidentiality",
    ]
    search_fields = ["title", "institution", "need", "requested_by__full_name", "requested_by__email"]
    list_per_page = 50
    actions = ["assign_to_me", export_csv]
    queue_date_field = "status_changed_at"
    queue_waiting_method = "awaiting_staff"
    transitions = REQUEST_TRANSITIONS
    transition_summary_fields = ["status", "institution", "country", "requester", "owner_name", "modality"]
    change_form_template = "admin/advisory/advisoryrequest/triage_change_form.html"
    inlines = [InvitationInline, ProposedOfferInline, AdvisoryRequestEventInline]
    readonly_fields = (
        "reference",
        "status",
        "owner_name",
        "requester",
        "created_at",
        "status_changed_at",
        "completed_at",
        *CONTENT_FIELDS,
        *OUTCOME_FIELDS,
    )
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "reference",
                    "status",
                    "owner_name",
                    "requester",
                    "created_at",
                    "status_changed_at",
                    "completed_at",
                )
            },
        ),
        (_("The request, as the requester wrote it"), {"fields": CONTENT_FIELDS}),
        (
            _("Classification"),
            {
                "fields": CLASSIFICATION_FIELDS,
                "description": _("Staff may correct how the request is classified: the suggestions use it."),
            },
        ),
        (_("Outcome"), {"fields": OUTCOME_FIELDS}),
    ]

    # --- who may do what -------------------------------------------------------------------------------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # members file requests on the site

    def has_delete_permission(self, request: HttpRequest, obj: AdvisoryRequest | None = None) -> bool:
        return False  # decline or let the requester withdraw: the history and the indicators stay

    def has_triage_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("advisory.triage_advisoryrequest"))

    def has_note_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("advisory.add_requestnote"))

    def has_export_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("advisory.view_advisoryrequest"))

    # --- the list --------------------------------------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[AdvisoryRequest]:
        return super().get_queryset(request).select_related("country", "owner", "requested_by")

    def get_transition_queryset(
        self, request: HttpRequest, queryset: QuerySet[AdvisoryRequest]
    ) -> QuerySet[AdvisoryRequest]:
        return queryset.select_related("country", "owner", "requested_by")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[AdvisoryRequest], search_term: str
    ) -> tuple[QuerySet[AdvisoryRequest], bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = REFERENCE.match(search_term)
        if match:
            results |= queryset.filter(pk=int(match.group(1)))
        return results, may_have_duplicates

    @admin.display(description=_("reference"), ordering="pk")
    def reference(self, obj: AdvisoryRequest) -> str:
        return obj.reference

    @admin.display(description=_("owner"), ordering="owner__full_name")
    def owner_name(self, obj: AdvisoryRequest) -> str:
        return obj.owner.display_name if obj.owner else self.get_empty_value_display()  # type: ignore[no-any-return]

    @admin.display(description=_("requested by"), ordering="requested_by__full_name")
    def requester(self, obj: AdvisoryRequest) -> str:
        if obj.requested_by is None:
            return gettext("(account deleted)")
        return person_html(obj.requested_by, email=True)

    @admin.display(description=_("the need, in the requester's words"))
    def need_display(self, obj: AdvisoryRequest) -> SafeString:
        return format_html('<div dir="auto">{}</div>', SafeString(obj.need_html))  # sanitised when written

    @admin.display(description=_("who may read this request"))
    def confidentiality_display(self, obj: AdvisoryRequest) -> SafeString:
        return format_html(
            "<strong>{}</strong><br>{}",
            obj.get_confidentiality_display(),
            CONFIDENTIALITY_HELP.get(obj.confidentiality, ""),  # type: ignore[call-overload]
        )

    # --- owners ----------------------------------------------------------------------------------------------

    @admin.action(description=_("Assign the selected to me"), permissions=["triage"])
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[AdvisoryRequest]) -> None:
        done = 0
        for obj in self.get_transition_queryset(request, queryset):
            if obj.status not in OPEN_STATUSES:
                self._report_skipped(request, obj, gettext("it is closed."))
                continue
            request_assign(request=obj, actor=request.user, owner=request.user)  # type: ignore[arg-type]
            done += 1
        if done:
            self.message_user(request, assigned_message(done), messages.SUCCESS)

    def transition_confirm(
        self,
        request: HttpRequest,
        transition: TransitionAction,
        queryset: QuerySet[Any],
        *,
        action: bool,
        cancel_url: str,
    ) -> HttpResponse | None:
        """The owner's choice starts at the signed-in staff member ("me")."""
        if transition.form_class is not None and issubclass(transition.form_class, OwnerForm):
            form_class = type(
                transition.form_class.__name__, (transition.form_class,), {"default_owner": request.user}
            )
            transition = dataclasses.replace(transition, form_class=form_class)
        return super().transition_confirm(request, transition, queryset, action=action, cancel_url=cancel_url)

    # --- the change page -------------------------------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "<path:object_id>/notes/add/",
                self.admin_site.admin_view(self.note_add_view),
                name=f"{info}_note_add",
            ),
            path(
                "<path:object_id>/assign-to-me/",
                self.admin_site.admin_view(self.assign_to_me_view),
                name=f"{info}_assign_to_me",
            ),
        ]
        return [*own, *super().get_urls()]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None:
            for key, value in self._desk_context(request, obj).items():
                context.setdefault(key, value)  # a note form sent back with its error stays
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request: HttpRequest, obj: AdvisoryRequest) -> dict[str, Any]:
        """What the change page adds to the form: the suggestions link, "assign to me", the internal notes."""
        triage = self.has_triage_permission(request)
        pk = quote(obj.pk)
        return {
            "match_url": reverse("admin:advisory_advisoryrequest_match", args=[pk]) if triage else "",
            "assign_to_me_url": (
                reverse("admin:advisory_advisoryrequest_assign_to_me", args=[pk])
                if triage and obj.is_open and obj.owner_id != request.user.pk
                else ""
            ),
            "request_notes": list(
                RequestNote.objects.filter(request=obj)
                .select_related("author")
                .order_by("-created_at", "-pk")
            ),
            "note_form": (
                RequestNoteForm(initial={"form_token": form_token_new()})
                if self.has_note_permission(request)
                else None
            ),
            "note_add_url": reverse("admin:advisory_advisoryrequest_note_add", args=[pk]),
        }

    def _posted_object(self, request: HttpRequest, object_id: str, allowed: bool) -> AdvisoryRequest:
        if not allowed:
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def _change_url(self, obj: AdvisoryRequest, anchor: str = "") -> str:
        url = reverse(
            "admin:advisory_advisoryrequest_change", args=[quote(obj.pk)], current_app=self.admin_site.name
        )
        return f"{url}#{anchor}" if anchor else url

    def note_add_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Adds an internal note (POST from the change page); the same form sent twice adds it once."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._posted_object(request, object_id, self.has_note_permission(request))
        form = RequestNoteForm(request.POST)
        if not form.is_valid():
            return self._note_form_invalid(request, obj, form)
        once = FormOnce(
            scope=f"advisory:request-note:{obj.pk}",
            user_id=int(request.user.pk or 0),
            token=form.cleaned_data["form_token"],
        )
        if once.claim():
            try:
                note = request_note_add(request=obj, actor=request.user, body=form.cleaned_data["body"])  # type: ignore[arg-type]
            except BaseException:
                once.release()
                raise
            once.done(note.pk)
            self.message_user(request, gettext("The internal note was added."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(obj, "internal-notes"))

    def _note_form_invalid(
        self, request: HttpRequest, obj: AdvisoryRequest, form: RequestNoteForm
    ) -> HttpResponse:
        """The change page again, its note form showing the error next to the field and what was typed."""
        request.method = "GET"  # the change page as shown, never a save of the request's form
        return self.change_view(request, str(obj.pk), extra_context={"note_form": form})

    def assign_to_me_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._posted_object(request, object_id, self.has_triage_permission(request))
        if obj.is_open:
            try:
                request_assign(request=obj, actor=request.user, owner=request.user)  # type: ignore[arg-type]
            except ValidationError as error:
                self._report_skipped(request, obj, " ".join(error.messages))
            else:
                self.message_user(request, assigned_message(1), messages.SUCCESS)
        else:
            self._report_skipped(request, obj, gettext("it is closed."))
        return HttpResponseRedirect(self._change_url(obj))

    # --- staff corrections -----------------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: AdvisoryRequest, form: Any, change: bool) -> None:
        """Saved with its themes by ``request_staff_edit`` in ``save_related``: one audited step."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        request_staff_edit(
            request=form.instance,
            actor=request.user,  # type: ignore[arg-type]
            changed=[name for name in form.changed_data if name in CLASSIFICATION_FIELDS],
            save_related=lambda: super(AdvisoryRequestAdmin, self).save_related(
                request, form, formsets, change
            ),
        )
