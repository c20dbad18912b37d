"""The steps of the triage desk (advisory/admin/requests.py): each workflow transition of a request as a bulk
action and a change-page button through the shared note page, "assign an owner", the owner filter and the
request's history inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advisory.models import AdvisoryRequest, AdvisoryRequestEvent, RequestStatus
from advisory.services.requests import (
    request_assign,
    request_complete,
    request_decline,
    request_start,
    request_start_matching,
    request_triage,
)
from network.admin.tools import ChoiceListFilter, ReadOnlyAdminMixin, TransitionAction, TransitionNoteForm

from .request_forms import AssignForm, CompleteForm, OwnerForm

REQUESTER_READS_IT = _(
    "The requester reads this note: it is quoted in the email to them and shown on their request's page. "
    "Anything meant for staff only goes in an internal note."
)


def _step(
    name: str,
    *,
    service: Callable[..., AdvisoryRequest],
    action_label: Any,
    note_required: bool = False,
    note_help: Any = REQUESTER_READS_IT,
    form_class: type[TransitionNoteForm] | None = None,
) -> TransitionAction:
    """A step staff take here: the named transition of AdvisoryRequest.TRANSITIONS and the service applying it."""
    step = AdvisoryRequest.TRANSITIONS[name]

    def done_message(count: int) -> str:
        return ngettext(
            "%(count)d request is now “%(status)s”; its requester will be emailed.",
            "%(count)d requests are now “%(status)s”; their requesters will be emailed.",
            count,
        ) % {"count": count, "status": RequestStatus(step.target).label}

    return TransitionAction.for_workflow(
        step,
        action_label=action_label,
        service=service,
        object_arg="request",
        permission="triage",
        note_required=note_required,
        note_help=note_help,
        done_message=done_message,
        form_class=form_class,
    )


def assigned_message(count: int) -> str:
    return ngettext(
        "%(count)d request has its owner; nobody is emailed.",
        "%(count)d requests have their owner; nobody is emailed.",
        count,
    ) % {"count": count}


REQUEST_TRANSITIONS = [
    _step("triage", service=request_triage, action_label=_("Triage the selected"), form_class=OwnerForm),
    _step(
        "start_matching",
        service=request_start_matching,
        action_label=_("Start finding experts for the selected"),
    ),
    _step("start", service=request_start, action_label=_("Start the work on the selected")),
    _step(
        "complete",
        service=request_complete,
        action_label=_("Complete the selected"),
        form_class=CompleteForm,
    ),
    _step(
        "decline",
        service=request_decline,
        action_label=_("Decline the selected"),
        note_required=True,
        note_help=_(
            "The reason, in plain words: the requester reads it in the email and on their request's page."
        ),
    ),
    TransitionAction(
        name="assign",
        label=_("Assign an owner"),
        service=request_assign,
        object_arg="request",
        applies=lambda obj: obj.is_open,
        permission="triage",
        action_label=_("Assign the selected to an owner"),
        note_help=_("Recorded in the request's history, for staff."),
        done_message=assigned_message,
        form_class=AssignForm,
    ),
]


class OwnerFilter(ChoiceListFilter):
    title = _("owner")
    parameter_name = "owner"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("mine", _("Mine")), ("unassigned", _("Unassigned")), ("others", _("Someone else's"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.chosen()
        if value == "mine":
            return queryset.filter(owner=request.user)
        if value == "unassigned":
            return queryset.filter(owner__isnull=True)
        if value == "others":
            return queryset.filter(owner__isnull=False).exclude(owner=request.user)
        return queryset


class AdvisoryRequestEventInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = AdvisoryRequestEvent
    fields = readonly_fields = ("created_at", "actor", "from_status", "to_status", "note", "notified_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AdvisoryRequestEvent]:
        return super().get_queryset(request).select_related("actor")
