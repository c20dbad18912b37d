"""Quick updates: the members-only feed with its form (the members' home shows the latest as a section,
forums/home.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.models import QUICK_UPDATE_MAX, QuickUpdate
from forums.services.updates import quick_update_clean, quick_update_post
from network.idempotency import FormOnce, form_token_new
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest

PAGE_SIZE = 20


def _length_help() -> str:
    return _("Up to %(max)d characters.") % {"max": QUICK_UPDATE_MAX}


class QuickUpdateForm(forms.Form):
    # No max_length on the field: the browser would cut a pasted text; the service says how much to shorten.
    body = forms.CharField(
        label=gettext_lazy("Your update"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=lazy(_length_help, str)(),  # in the reader's language, not the one at import
        strip=False,
    )
    link = forms.CharField(
        label=gettext_lazy("Link (optional)"),
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    @classmethod
    def blank(cls) -> QuickUpdateForm:
        return cls(initial={"form_token": form_token_new()})

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        if "body" in data:
            try:
                data["body"], data["link"] = quick_update_clean(body=data["body"], link=data.get("link", ""))
            except ValidationError as error:
                self.add_error("link" if error.code == "link" else "body", error)
        return data


@members_only
def updates(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QuickUpdateForm(request.POST) if request.method == "POST" else QuickUpdateForm.blank()
    if request.method == "POST" and form.is_valid():
        once = FormOnce(scope="forums:update", user_id=request.user.pk, token=form.cleaned_data["form_token"])
        if once.claim():
            try:
                update = quick_update_post(
                    author=request.user, body=form.cleaned_data["body"], link=form.cleaned_data["link"]
                )
            except BaseException:
                once.release()
                raise
            once.done(update.pk)
            messages.success(request, _("Your update is posted."))
        else:
            messages.info(request, _("This update had already been sent: it is posted once."))
        return redirect("forums:updates")
    rows = QuickUpdate.objects.visible_to(request.user).select_related("author__membership")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "forums/updates.html", {"form": form, "page": page})
