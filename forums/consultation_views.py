"""Members' pages of time-boxed e-discussions: the list (upcoming, open, closed) and the facilitators'
summary form. The thread page prints the header through ``templates/forums/includes/consultation_header.html``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.models import Consultation
from forums.services.consultations import consultation_can_summarise, consultation_summary_add
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest

SUMMARY_MAX = 20_000


class SummaryForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Summary of the discussion so far"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=SUMMARY_MAX,
        help_text=gettext_lazy(
            "Markdown: **bold**, *italic*, lists, links. It is dated and pinned above the posts."
        ),
    )


@members_only
def consultations(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = list(
        Consultation.objects.visible_to(request.user)
        .select_related("thread", "thread__category")
        .prefetch_related("facilitators")
        .order_by("opens_at", "pk")
    )
    for row in rows:
        row.url = row.thread.get_absolute_url()  # type: ignore[attr-defined]
    groups = {
        phase: [row for row in rows if row.phase(now) == phase] for phase in ("upcoming", "open", "closed")
    }
    groups["closed"].sort(key=lambda row: row.closed_at or row.closes_at, reverse=True)
    return render(request, "forums/consultations.html", {"groups": groups, "now": now})


@members_only
def summary_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consultation = Consultation.objects.visible_to(request.user).with_header().filter(thread_id=pk).first()
    if consultation is None:
        raise Http404
    if not consultation_can_summarise(consultation, request.user):
        raise PermissionDenied
    form = SummaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultation_summary_add(
            consultation=consultation, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your summary is pinned above the posts."))
        return redirect(consultation.thread.get_absolute_url())
    context = {
        "consultation": consultation,
        "form": form,
        "now": timezone.now(),
        "thread_url": consultation.thread.get_absolute_url(),
    }
    return render(request, "forums/summary_form.html", context)
