"""Admin tools every moderation queue shares: the queue ordering and "waiting since", transitions with a note,
read-only audit trails, region and country filters, and how a person is shown.

The list filters live in network/admin/filters.py and are re-exported here: admins import every tool from here.
Nothing here knows a particular model: an admin configures the tools with field paths, queryset method names
and `TransitionAction`s that call the app's own service functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
    model_ngettext,
    quote,
    unquote,
)
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.fields.reverse_related import ManyToManyRel
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.models import User
from network.workflow import Transition as WorkflowTransition

from .filters import (
    URL_HTTPS,
    ChoiceArrayFilter,
    ChoiceListFilter,
    CountryFilter,
    PathListFilter,
    PresentChoicesFilter,
    RegionFilter,
    ThemeFilter,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


# --- people ---------------------------------------------------------------------------------------------------


def person_html(user: User, *, focal_point: bool = False, email: bool = False) -> SafeString:
    """A person as every page shows them (templates/includes/person.html); staff lists may add the address."""
    html = render_to_string("includes/person.html", {"person": user, "focal_point": focal_point}).strip()
    if email:
        return format_html("{}<br><small>{}</small>", SafeString(html), user.email)
    return SafeString(html)


# --- read-only records ----------------------------------------------------------------------------------------


class ReadOnlyAdminMixin:
    """For an admin or inline of records nobody edits by hand (an audit trail): seen with the view permission,
    never added, changed or deleted through the admin, whatever permissions the user has."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- the queue: waiting first, oldest first -------------------------------------------------------------------


class WaitingLongerThanFilter(ChoiceListFilter):
    """ "Waiting more than N days", configured by the admin's `WaitingQueueMixin` settings."""

    title = _("waiting")
    parameter_name = "waiting"

    def __init__(self, request: HttpRequest, params: Any, model: Any, model_admin: Any) -> None:
        self.queue: WaitingQueueMixin = model_admin
        super().__init__(request, params, model, model_admin)

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [
            (
                str(days),
                ngettext("more than %(count)d day", "more than %(count)d days", days) % {"count": days},
            )
            for days in model_admin.queue_waiting_days
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.chosen()
        if value is None:
            return queryset
        cutoff = timezone.now() - timedelta(days=int(value))
        waiting = getattr(queryset, self.queue.queue_waiting_method)()
        return waiting.filter(**{f"{self.queue.queue_date_field}__lt": cutoff})  # type: ignore[no-any-return]


class WaitingQueueMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A moderation queue: what waits for a decision comes first, the longest-waiting at the top, with a
    "waiting since" column and a "waiting more than N days" filter.

    Configure with the date an object started waiting and the name of the queryset method that selects the
    objects still waiting (`queue_date_field = "applied_at"`, `queue_waiting_method = "pending"`). Put
    `WaitingLongerThanFilter` in `list_filter` to place the filter; otherwise it comes last.
    """

    queue_date_field: str = ""
    queue_waiting_method: str = ""
    queue_waiting_days: Sequence[int] = (7, 14, 30)

    def queue_waiting(self) -> Exists:
        """True for a row still waiting: the rows the configured queryset method selects."""
        waiting = getattr(self.model._default_manager.all(), self.queue_waiting_method)()
        return Exists(waiting.filter(pk=OuterRef("pk")))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .annotate(queue_waiting=self.queue_waiting(), queue_since=F(self.queue_date_field))
        )

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        return [self.queue_waiting().desc(), self.queue_date_field]

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        filters = list(super().get_list_filter(request))
        return filters if WaitingLongerThanFilter in filters else [*filters, WaitingLongerThanFilter]

    @admin.display(description=_("waiting since"), ordering="queue_since")
    def waiting_since(self, obj: Any) -> str:
        if not obj.queue_waiting:
            return self.get_empty_value_display()  # type: ignore[no-any-return]
        return _("%(time)s (since %(date)s)") % {
            "time": timesince(obj.queue_since),
            "date": timezone.localdate(obj.queue_since).isoformat(),
        }


# --- transitions with a note ----------------------------------------------------------------------------------


NOTE_HELP = _("Recorded in the audit trail.")


@dataclass(frozen=True)
class TransitionAction:
    """One state change staff apply from the admin: a bulk action and a button on the change page, both
    through the note page (templates/admin/transition_confirm.html) and the same service function."""

    name: str  # the action's name and the button's URL segment
    label: StrOrPromise  # the button and the page title ("Approve")
    service: Callable[..., object]  # keyword-only: service(<object_arg>=obj, actor=user, note=text)
    object_arg: str  # the service's keyword for the object ("practice")
    # May this object take the transition now: decides the buttons; checked again before the service.
    applies: Callable[[Any], bool]
    permission: str  # the admin's has_<permission>_permission decides who may
    action_label: StrOrPromise | None = None  # in the actions menu ("Approve selected applications")
    note_required: bool = False
    note_help: StrOrPromise = NOTE_HELP
    done_message: Callable[[int], str] | None = None  # the success message for `count` objects
    # A TransitionNoteForm subclass for a decision that needs more than a note (a thread's new category):
    # its other cleaned fields are passed to the service as keywords.
    form_class: type[TransitionNoteForm] | None = None

    @classmethod
    def for_workflow(cls, step: WorkflowTransition, **options: Any) -> TransitionAction:
        """The admin face of a named workflow transition (network/workflow.py): its name and label, and
        "may this object take it now" asked of the object's own TRANSITIONS, never restated here."""
        return cls(
            name=step.name,
            label=step.label,  # type: ignore[arg-type]  # a lazy string, as the admin expects
            applies=lambda obj: bool(obj.can_take(step.name)),
            **options,
        )


class TransitionNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))

    def __init__(self, *args: Any, transition: TransitionAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].required = transition.note_required
        self.fields["note"].help_text = transition.note_help


def _transition_action(transition: TransitionAction) -> Callable[..., HttpResponse | None]:
    def action(
        modeladmin: TransitionAdminMixin, request: HttpRequest, queryset: QuerySet[Any]
    ) -> HttpResponse | None:
        return modeladmin.transition_confirm(
            request, transition, queryset, action=True, cancel_url=request.get_full_path()
        )

    action.__name__ = transition.name
    return admin.action(
        description=transition.action_label or transition.label, permissions=[transition.permission]
    )(action)


class TransitionAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Each of `transitions` becomes a bulk action and a button on the change page (shown when the object can
    take it). Both ask for a note on one page that lists the chosen objects with `transition_summary_fields`
    (names as in `list_display`), then call the service for each object in its own transaction, reporting
    each one left unchanged with the reason."""

    transitions: Sequence[TransitionAction] = ()
    transition_summary_fields: Sequence[str] = ("__str__",)
    change_form_template = "admin/transition_change_form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actions = [*(self.actions or ()), *(_transition_action(t) for t in self.transitions)]

    def get_transition_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """The objects for the note page: prefetch what the summary fields read."""
        return queryset

    def has_transition_permission(self, request: HttpRequest, transition: TransitionAction) -> bool:
        return bool(getattr(self, f"has_{transition.permission}_permission")(request))

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_transition"
        view = self.admin_site.admin_view(self.transition_view)
        return [path("<path:object_id>/transition/<str:name>/", view, name=name), *super().get_urls()]

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
            context["transition_links"] = [
                (t.label, self._transition_url(obj, t))
                for t in self.transitions
                if t.applies(obj) and self.has_transition_permission(request, t)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def transition_view(self, request: HttpRequest, object_id: str, name: str) -> HttpResponse:
        """The button on the change page: the same note page, for one object."""
        transition = next((t for t in self.transitions if t.name == name), None)
        if transition is None:
            raise Http404
        if not self.has_transition_permission(request, transition):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        change_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
            current_app=self.admin_site.name,
        )
        if not transition.applies(obj):
            self._report_skipped(request, obj, self._does_not_apply(transition))
            return HttpResponseRedirect(change_url)
        queryset = self.get_queryset(request).filter(pk=obj.pk)
        response = self.transition_confirm(request, transition, queryset, action=False, cancel_url=change_url)
        return response or HttpResponseRedirect(change_url)

    def transition_confirm(
        self,
        request: HttpRequest,
        transition: TransitionAction,
        queryset: QuerySet[Any],
        *,
        action: bool,
        cancel_url: str,
    ) -> HttpResponse | None:
        """The note page; once confirmed with a valid note, apply and return None (the caller redirects).

        From the actions menu (`action`), the page posts the action and the selection back to the changelist.
        """
        confirmed = request.method == "POST" and "confirm" in request.POST
        form_class = transition.form_class or TransitionNoteForm
        form = form_class(request.POST if confirmed else None, transition=transition)
        objects = list(self.get_transition_queryset(request, queryset))
        if confirmed and form.is_valid():
            self.transition_apply(request, transition, objects, **form.cleaned_data)
            return None
        labels = [label_for_field(name, self.model, self) for name in self.transition_summary_fields]
        summaries = [(str(obj), list(zip(labels, self._summary_values(obj), strict=True))) for obj in objects]
        context = {
            **self.admin_site.each_context(request),
            "title": transition.label,
            "subtitle": _("%(count)d %(items)s selected")
            % {"count": len(objects), "items": model_ngettext(self.opts, len(objects))},
            "opts": self.opts,
            "transition": transition,
            "summaries": summaries,
            "form": form,
            "hidden": [
                ("confirm", "yes"),
                *([("action", transition.name)] if action else []),
                *((ACTION_CHECKBOX_NAME, str(obj.pk)) for obj in objects if action),
            ],
            "cancel_url": cancel_url,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/transition_confirm.html", context)

    def transition_apply(
        self,
        request: HttpRequest,
        transition: TransitionAction,
        objects: Sequence[Any],
        *,
        note: str,
        **options: Any,
    ) -> None:
        """Each object in its own transaction: one refusal leaves the others decided. ``options`` are the
        other fields of the transition's form."""
        done = 0
        for obj in objects:
            if not transition.applies(obj):
                self._report_skipped(request, obj, self._does_not_apply(transition))
                continue
            try:
                with transaction.atomic():
                    transition.service(
                        **{transition.object_arg: obj}, actor=request.user, note=note, **options
                    )
            except ValidationError as error:
                self._report_skipped(request, obj, " ".join(error.messages))
            else:
                done += 1
        if done:
            message = (
                transition.done_message(done)
                if transition.done_message
                else _("%(transition)s: done for %(count)d %(items)s.")
                % {"transition": transition.label, "count": done, "items": model_ngettext(self.opts, done)}
            )
            self.message_user(request, message, messages.SUCCESS)

    def _transition_url(self, obj: Any, transition: TransitionAction) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_transition",
            args=[quote(obj.pk), transition.name],
            current_app=self.admin_site.name,
        )

    @staticmethod
    def _does_not_apply(transition: TransitionAction) -> str:
        return _("“%(transition)s” does not apply to it now.") % {"transition": transition.label}

    def _report_skipped(self, request: HttpRequest, obj: Any, reason: str) -> None:
        self.message_user(
            request,
            _("%(object)s was left unchanged: %(reason)s") % {"object": obj, "reason": reason},
            messages.WARNING,
        )

    def _summary_values(self, obj: Any) -> list[str]:
        """Each summary field as the change page shows a read-only field (without links)."""
        values: list[str] = []
        empty = self.get_empty_value_display()
        for name in self.transition_summary_fields:
            try:
                field, attr, value = lookup_field(name, obj, self)
            except (AttributeError, ValueError, ObjectDoesNotExist):
                values.append(empty)
                continue
            if field is None:
                if getattr(attr, "boolean", False):
                    shown = display_for_value(value, empty, boolean=True)
                else:
                    shown = value if hasattr(value, "__html__") else linebreaksbr(value)
            elif isinstance(field.remote_field, ManyToManyRel):
                shown = ", ".join(map(str, value.all()))
            else:
                shown = linebreaksbr(display_for_field(value, field, empty))
            values.append(conditional_escape(shown))
        return values


__all__ = [
    "URL_HTTPS",
    "ChoiceArrayFilter",
    "ChoiceListFilter",
    "CountryFilter",
    "PathListFilter",
    "PresentChoicesFilter",
    "ReadOnlyAdminMixin",
    "RegionFilter",
    "ThemeFilter",
    "TransitionAction",
    "TransitionAdminMixin",
    "TransitionNoteForm",
    "WaitingLongerThanFilter",
    "WaitingQueueMixin",
    "person_html",
]
