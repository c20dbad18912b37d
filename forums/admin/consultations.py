"""Staff open, change and close time-boxed e-discussions here; every write goes through the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forums.models import Category, Consultation, ConsultationSummary
from forums.services.consultations import (
    consultation_close,
    consultation_details_update,
    consultation_open,
    consultation_summary_add,
)
from network.markdown import markdown_render


class ConsultationOpenForm(forms.ModelForm):
    """Opening one creates its thread too: the category and title are the thread's."""

    category = forms.ModelChoiceField(queryset=Category.objects.all(), label=_("category"))
    title = forms.CharField(max_length=200, label=_("title"))

    class Meta:
        model = Consultation
        fields = ["lead_question", "opens_at", "closes_at", "facilitators"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The e-discussion must close after it opens."))
        return data


class ConsultationChangeForm(ConsultationOpenForm):
    class Meta:
        model = Consultation
        fields = ["lead_question", "opens_at", "closes_at", "facilitators", "synthesis"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["category"], self.fields["title"]


class SummaryInline(admin.StackedInline):
    model = ConsultationSummary
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opens_at", "closes_at", "closed_at", "phase_display"]
    list_filter = ["closed_at", "thread__category"]
    search_fields = ["thread__title", "lead_question"]
    filter_horizontal = ["facilitators"]
    readonly_fields = ["thread", "closed_at"]
    actions = ["close_now"]

    @admin.display(description=_("now"))
    def phase_display(self, obj: Consultation) -> Any:
        return {"upcoming": _("upcoming"), "open": _("open"), "closed": _("closed")}[obj.phase()]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = ConsultationChangeForm if obj else ConsultationOpenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["category", "title", "lead_question", "opens_at", "closes_at", "facilitators"]
        return ["thread", "lead_question", "opens_at", "closes_at", "facilitators", "synthesis", "closed_at"]

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        return [SummaryInline] if obj else []

    def save_model(self, request: HttpRequest, obj: Consultation, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            consultation_details_update(
                consultation=obj,
                actor=request.user,
                lead_question=data["lead_question"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                synthesis=data.get("synthesis", ""),
                facilitators=data["facilitators"],
            )
            return
        created = consultation_open(
            actor=request.user,
            category=data["category"],
            title=data["title"],
            lead_question=data["lead_question"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            facilitators=data["facilitators"],
        )
        obj.pk, obj.thread = created.pk, created.thread
        obj.lead_question_html = created.lead_question_html
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Facilitators were set by the service; only the summaries' formset is left.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        summaries = formset.save(commit=False)
        for summary in summaries:
            if summary.pk is None:
                consultation_summary_add(consultation=form.instance, author=request.user, body=summary.body)
            else:
                summary.body_html = markdown_render(summary.body)
                summary.save()
        for summary in formset.deleted_objects:
            summary.delete()

    @admin.action(description=_("Close now (to new posts)"))
    def close_now(self, request: HttpRequest, queryset: QuerySet[Consultation]) -> None:
        closed = 0
        for consultation in queryset.filter(closed_at__isnull=True):
            try:
                consultation_close(consultation=consultation, actor=request.user, at=timezone.now())
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, f"{consultation}: {error}")
            else:
                closed += 1
        self.message_user(
            request,
            ngettext("%(n)d e-discussion closed.", "%(n)d e-discussions closed.", closed) % {"n": closed},
        )
