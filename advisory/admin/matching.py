"""The suggestions page of a request (``<id>/match/``): ranked experts and published offers with the reasons the
ranking gives (advisory/matching.py), "Invite the selected" with a message, "Propose to the requester", and the
experts already invited with their answer and a withdraw button. Also the inlines listing invitations and
proposed offers on the request's change page.

Staff with the triage permission only. Every write goes through advisory/services/ (matching → invitations);
every POST redirects back to the page, and repeating one changes nothing twice (an expert already invited is
reported, an offer already proposed stays one proposal).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisory.models import AdvisoryRequest, Invitation, InvitationStatus, ProposedOffer
from advisory.services.invitations import INVITING_STATUSES, invitation_withdraw
from advisory.services.matching import experts_invite, matching_suggestions, neutral_brief, offer_suggest
from experts.models import SPOKEN_LANGUAGES, ExpertProfile
from network.admin.tools import ReadOnlyAdminMixin

TRIAGE_PERMISSION = "advisory.triage_advisoryrequest"


def _reasons_text(reasons: Any) -> str:
    return " · ".join(str(reason) for reason in reasons or [])


class InvitationInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Invitation
    readonly_fields = ("expert", "status", "why", "created_at", "responded_at", "response_note")
    fields = readonly_fields

    @admin.display(description=_("why suggested"))
    def why(self, obj: Invitation) -> str:
        return _reasons_text(obj.reasons)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("expert__user")


class ProposedOfferInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = ProposedOffer
    readonly_fields = ("offer", "why", "proposed_by", "created_at")
    fields = readonly_fields

    @admin.display(description=_("why suggested"))
    def why(self, obj: ProposedOffer) -> str:
        return _reasons_text(obj.reasons)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("offer", "proposed_by")


class InviteForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts to invite"),
        queryset=ExpertProfile.objects.only("pk"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one expert to invite.")},
    )
    message = forms.CharField(
        label=_("Message to the experts"),
        widget=forms.Textarea(attrs={"rows": 7, "cols": 80}),
        help_text=_(
            "Each expert reads this before deciding. When the requester chose “staff only”, it is all they "
            "read of the request: say what the help is about without naming the requester."
        ),
        error_messages={"required": _("Tell the experts what the help is about.")},
    )


class MatchingAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Adds ``<id>/match/`` (URL name ``admin:advisory_advisoryrequest_match``) to the request admin."""

    match_template = "admin/advisory/advisoryrequest/match.html"

    def get_urls(self) -> list[Any]:
        match = path(
            "<path:object_id>/match/",
            self.admin_site.admin_view(self.match_view),
            name="advisory_advisoryrequest_match",
        )
        return [match, *super().get_urls()]

    def has_match_permission(self, request: HttpRequest) -> bool:
        return bool(
            request.user.is_active and request.user.is_staff and request.user.has_perm(TRIAGE_PERMISSION)
        )

    def match_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_match_permission(request):
            raise PermissionDenied
        if not object_id.isdigit():
            raise Http404
        advisory_request = get_object_or_404(
            AdvisoryRequest.objects.select_related("country", "requested_by", "owner").prefetch_related(
                "themes"
            ),
            pk=int(object_id),
        )
        page_url = reverse("admin:advisory_advisoryrequest_match", args=[advisory_request.pk])
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "invite":
            invite_form = InviteForm(request.POST)
            if self._invite(request, advisory_request, invite_form):
                return HttpResponseRedirect(page_url)
        elif request.method == "POST":
            if action == "propose":
                self._propose(request, advisory_request)
            elif action == "withdraw":
                self._withdraw(request, advisory_request)
            return HttpResponseRedirect(page_url)
        else:
            invite_form = InviteForm(initial={"message": neutral_brief(advisory_request)})
        suggestions = matching_suggestions(advisory_request)
        names = dict(SPOKEN_LANGUAGES)
        selected = {str(value) for value in invite_form["experts"].value() or []}
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Suggestions and invitations"),
            "opts": self.opts,
            "original": advisory_request,
            "advisory_request": advisory_request,
            "themes": list(advisory_request.themes.all()),
            "languages": [str(names[code]) for code in advisory_request.languages if code in names],
            "suggestions": suggestions,
            "invite_form": invite_form,
            "selected": selected,
            "can_invite": advisory_request.status in INVITING_STATUSES,
            "can_propose": advisory_request.is_open,
            "withdrawable": {InvitationStatus.INVITED, InvitationStatus.ACCEPTED},
            "change_url": reverse("admin:advisory_advisoryrequest_change", args=[advisory_request.pk]),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.match_template, context)

    def _invite(self, request: HttpRequest, advisory_request: AdvisoryRequest, form: InviteForm) -> bool:
        """Invite the chosen experts; False (the page shows the form again, as typed) when the form is wrong."""
        if advisory_request.status not in INVITING_STATUSES:
            form.add_error(
                None, gettext("Experts can be invited once the request is triaged and until it is closed.")
            )
            return False
        if not form.is_valid():
            return False
        result = experts_invite(
            request=advisory_request,
            profile_ids=[profile.pk for profile in form.cleaned_data["experts"]],
            actor=request.user,  # type: ignore[arg-type]
            message=form.cleaned_data["message"],
        )
        if result.invited:
            names = ", ".join(str(invitation.expert) for invitation in result.invited)
            self.message_user(request, gettext("Invited: %(names)s.") % {"names": names}, messages.SUCCESS)
        for name, reason in result.refused:
            self.message_user(
                request,
                gettext("%(name)s was not invited: %(reason)s") % {"name": name, "reason": reason},
                messages.WARNING,
            )
        return True

    def _propose(self, request: HttpRequest, advisory_request: AdvisoryRequest) -> None:
        offer_id = request.POST.get("offer", "")
        if not offer_id.isdigit():
            return
        try:
            proposal = offer_suggest(request=advisory_request, offer_id=int(offer_id), actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("Proposed to the requester: %(offer)s.") % {"offer": proposal.offer},
                messages.SUCCESS,
            )

    def _withdraw(self, request: HttpRequest, advisory_request: AdvisoryRequest) -> None:
        invitation_id = request.POST.get("invitation", "")
        if not invitation_id.isdigit():
            return
        invitation = get_object_or_404(
            Invitation.objects.select_related("expert__user"), pk=int(invitation_id), request=advisory_request
        )
        try:
            invitation_withdraw(invitation=invitation, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.WARNING)
        else:
            self.message_user(
                request,
                gettext("The invitation of %(name)s was withdrawn.") % {"name": invitation.expert},
                messages.SUCCESS,
            )
