"""A member flags a post for the moderators (forums/services/flags.py): a reason and, if they wish, details."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from forums.models import Flag, FlagReason, Post, PostStatus
from forums.services.flags import post_flag
from network.permissions import members_only


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=Flag._meta.get_field("details").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the moderators read this."),
    )


@members_only
@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.visible_to(request.user)
        .filter(status=PostStatus.VISIBLE)
        .select_related("thread", "author"),
        pk=pk,
    )
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post_flag(post=post, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: the moderators will look at this post."))
        return redirect(post.get_absolute_url())
    return render(
        request, "forums/flag_form.html", {"form": form, "post": post}, status=400 if form.errors else 200
    )
