"""The member's own profile: the edit page. (The directory and profile pages live in experts/views.py.)"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from experts.forms import LanguageFormSet, LinkFormSet, ProfileForm
from experts.models import ExpertProfile
from experts.services.profiles import profile_create_for, profile_update
from network.models import Membership
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest


def _own_profile(request: AuthenticatedHttpRequest) -> ExpertProfile:
    profile = (
        ExpertProfile.objects.filter(user=request.user)
        .prefetch_related("themes", "languages", "links")
        .first()
    )
    if profile is not None:
        return profile
    membership = Membership.objects.filter(user=request.user).first()
    if membership is None:  # staff without a membership have no profile
        raise Http404
    # Approved before profiles existed: the profile is created now, as approval would have.
    return profile_create_for(membership=membership)


@members_only
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = _own_profile(request)
    initial = {
        "headline": profile.headline,
        "bio": profile.bio,
        "themes": list(profile.themes.all()),
        "pillars": profile.pillars,
        "years_of_experience": profile.years_of_experience,
        "availability": profile.availability,
        "visibility": profile.visibility,
        "contact_enabled": profile.contact_enabled,
        "phone": profile.phone,
    }
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ProfileForm(data, files, initial=initial)
    languages = LanguageFormSet(
        data,
        prefix="languages",
        initial=[{"language": x.language, "level": x.level} for x in profile.languages.all()],
    )
    links = LinkFormSet(
        data,
        prefix="links",
        initial=[
            {"kind": x.kind, "title": x.title, "url": x.url, "year": x.year} for x in profile.links.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and languages.is_valid() and links.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in {"photo", "photo_remove"}}
        profile_update(
            profile=profile,
            **fields,
            languages=languages.pairs(),
            links=links.links(),
            photo=form.cleaned_data["photo"],
            photo_remove=form.cleaned_data["photo_remove"],
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("experts:profile_edit")
    context = {"form": form, "languages": languages, "links": links, "profile": profile}
    return render(request, "experts/profile_edit.html", context)
