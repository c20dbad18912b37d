"""The expert's side of an invitation: "my invitations" (/advisory/invitations/) and the page the signed link in the
invitation email opens (/advisory/invitations/<token>/), where the expert accepts or declines once.

Members only (network.permissions): a visitor is sent to sign in and comes back to the link; an applicant or a
suspended member gets the "membership pending" page. A link is honoured only for the member it was sent to
(``invitation_from_token``); a forged, expired or someone else's link gets one refusal page that says which
account is signed in, and reveals nothing of the invitation. What an invitation shows of its request follows
``AdvisoryRequest.objects.visible_to``: the request's content only while the requester allows the invited experts
to read it (confidentiality "matched") and the expert is still invited or has accepted; otherwise only the staff's
message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from advisory.forms.invitations import InvitationAnswerForm
from advisory.models import AdvisoryRequest, Invitation, InvitationStatus
from advisory.services import invitations as invitation_services
from advisory.services.invitations import (
    TOKEN_MAX_AGE,
    invitation_answerable,
    invitation_from_token,
    invitation_token,
)
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest
from network.workflow import TransitionNotAllowed


def _readable_request_ids(user: object, invitations: Sequence[Invitation]) -> set[int]:
    """The requests among these invitations that the expert may read (THE rule: ``visible_to``)."""
    ids = {invitation.request_id for invitation in invitations}
    if not ids:
        return set()
    return set(AdvisoryRequest.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    answerable: bool  # the expert may still accept or decline it
    readable: bool  # the expert may read the request (visible_to)
    respond_token: str


@members_only
@require_safe
def invitation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Pending invitations first, then the answered and withdrawn ones; newest first in each."""
    invitations = list(
        Invitation.objects.for_expert(request.user)
        .select_related("request__country", "expert")
        .annotate(
            pending_first=Case(
                When(status=InvitationStatus.INVITED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("pending_first", "-created_at", "-pk")
    )
    readable = _readable_request_ids(request.user, invitations)
    rows = [
        InvitationRow(
            invitation=invitation,
            answerable=invitation_answerable(invitation),
            readable=invitation.request_id in readable,
            respond_token=invitation_token(invitation),
        )
        for invitation in invitations
    ]
    pending = [row for row in rows if row.invitation.status == InvitationStatus.INVITED]
    answered = [row for row in rows if row.invitation.status != InvitationStatus.INVITED]
    return render(request, "advisory/invitations/list.html", {"pending": pending, "answered": answered})


def _refused(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "advisory/invitations/link_refused.html",
        {"link_days": TOKEN_MAX_AGE.days},
        status=403,
    )


@never_cache
@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_respond(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token, user=request.user)
    except PermissionDenied:
        return _refused(request)
    form = InvitationAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not invitation_answerable(invitation):
            # A second click, the back button, a withdrawn invitation or a closed request: nothing changes.
            messages.info(
                request, _("This invitation was not waiting for an answer any more: nothing changed.")
            )
            return redirect("advisory:invitation_respond", token=token)
        if form.is_valid():
            try:
                invitation_services.invitation_respond(
                    invitation=invitation,
                    actor=request.user,
                    accept=form.accepts,
                    note=form.cleaned_data["note"],
                )
            except TransitionNotAllowed:
                messages.info(request, _("This invitation was already answered: nothing changed."))
                return redirect("advisory:invitation_respond", token=token)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("advisory:invitation_respond", token=token)
            if form.accepts:
                messages.success(
                    request, _("Thank you: you accepted. The requester now sees your name and your profile.")
                )
            else:
                messages.success(request, _("You declined. Thank you for telling us."))
            return redirect("advisory:invitation_respond", token=token)
    context = {
        "invitation": invitation,
        "advisory_request": invitation.request,
        "form": form,
        "answerable": invitation_answerable(invitation),
        "readable": bool(_readable_request_ids(request.user, [invitation])),
    }
    return render(request, "advisory/invitations/respond.html", context)
