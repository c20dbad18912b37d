"""A member's advisory requests: file one (/advisory/requests/new/), follow them (/advisory/requests/), read one
with its history, withdraw it while staff have not started, rate it once it is completed.

Every page is members-only (an applicant or a suspended member gets the "membership pending" page) and every
request is read through ``AdvisoryRequest.objects.visible_to``: anyone the rule leaves out gets a 404, so a
request's existence never leaks. The requester sees everything meant for them; an expert invited to a request
whose requester allowed it sees what was asked and by which institution, never its history; staff see the
requester's view and work in the admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from advisory.forms.requests import RateForm, RequestForm, WithdrawForm, request_initial
from advisory.models import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    Invitation,
    InvitationStatus,
    Offer,
    RequestStatus,
)
from advisory.services import requests as services
from advisory.services.invitations import invitation_token
from experts.models import SPOKEN_LANGUAGES, ExpertProfile
from network.idempotency import FormOnce, form_token_new
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest
from network.workflow import TransitionNotAllowed

_S = RequestStatus


def next_step(request: AdvisoryRequest) -> str:
    """What happens next, in the requester's words, for "my requests" and the request's page."""
    if request.status == _S.COMPLETED:
        if request.can_be_rated:
            return _("Tell us how it went: rate the help you received and say what changed.")
        return _("Done. Thank you for rating it.")
    steps: dict[str, str] = {
        _S.NEW: _("The network's staff will read your request and tell you by email how they can help."),
        _S.TRIAGED: _("A staff member has taken your request on and is looking at how the network can help."),
        _S.MATCHING: _(
            "Staff are finding experts and offers that fit your request. You will be told who accepts."
        ),
        _S.IN_PROGRESS: _(
            "The work is under way with the experts who accepted. Staff will record the outcome when it is done."
        ),
        _S.DECLINED: _("The network could not take this request on. The reason is on the request's page."),
        _S.WITHDRAWN: _("You withdrew this request. You may file a new one at any time."),
    }
    return steps.get(request.status, "")


def _visible_request(request: AuthenticatedHttpRequest, pk: int) -> AdvisoryRequest:
    return get_object_or_404(
        AdvisoryRequest.objects.visible_to(request.user).select_related("country", "requested_by"), pk=pk
    )


def _own_request(request: AuthenticatedHttpRequest, pk: int) -> AdvisoryRequest:
    """The requester's own request; anyone else (staff and invited experts included) gets a 404 here."""
    advisory_request = _visible_request(request, pk)
    if advisory_request.requested_by_id != request.user.pk:
        raise Http404
    return advisory_request


@members_only
def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        form = RequestForm(user=user, initial={**request_initial(user), "form_token": form_token_new()})
        return render(request, "advisory/requests/form.html", {"form": form})
    form = RequestForm(request.POST, user=user)
    if not form.is_valid():
        return render(request, "advisory/requests/form.html", {"form": form})
    once = FormOnce(
        scope="advisory:request_create", user_id=user.pk, token=form.cleaned_data.get("form_token")
    )
    if not once.claim():
        earlier = once.earlier()
        messages.info(request, _("This form had already been sent: here is the request it filed."))
        if earlier and AdvisoryRequest.objects.requested_by(user).filter(pk=earlier).exists():
            return redirect("advisory:request_detail", pk=earlier)
        return redirect("advisory:request_list")
    try:
        advisory_request = services.request_file(
            actor=user, fields=form.request_fields(), themes=form.cleaned_data["themes"]
        )
    except ValidationError as error:
        once.release()
        _add_errors(form, error)
        return render(request, "advisory/requests/form.html", {"form": form})
    except BaseException:
        once.release()
        raise
    once.done(advisory_request.pk)
    messages.success(
        request,
        _("Thank you: your request %(reference)s has reached the network's staff. We will email you.")
        % {"reference": advisory_request.reference},
    )
    return redirect("advisory:request_detail", pk=advisory_request.pk)


def _add_errors(form: RequestForm, error: ValidationError) -> None:
    """The service's refusal, shown next to the field it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


@members_only
def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    requests = list(
        AdvisoryRequest.objects.visible_to(request.user)
        .requested_by(request.user)
        .select_related("country")
        .order_by("-created_at", "-pk")
    )
    rows = [{"request": r, "next_step": next_step(r)} for r in requests]
    return render(request, "advisory/requests/list.html", {"rows": rows})


def _accepted_experts(advisory_request: AdvisoryRequest, user: Any) -> list[dict[str, Any]]:
    """Who accepted: name, organisation and, when the reader may open it, their profile."""
    invitations = list(
        advisory_request.invitations.accepted().select_related(
            "expert__user__membership", "expert__organisation"
        )
    )
    linkable = set(
        ExpertProfile.objects.visible_to(user)
        .filter(pk__in=[invitation.expert_id for invitation in invitations])
        .values_list("pk", flat=True)
    )
    experts = []
    for invitation in invitations:
        expert = invitation.expert
        membership = getattr(expert.user, "membership", None)
        organisation = (
            expert.organisation.name if expert.organisation else getattr(membership, "organisation", "")
        )
        experts.append(
            {
                "profile": expert,
                "person": expert.user,
                "focal_point": bool(membership and membership.is_focal_point),
                "organisation": organisation,
                "linkable": expert.pk in linkable,
                "accepted_at": invitation.responded_at,
            }
        )
    return experts


def _timeline(advisory_request: AdvisoryRequest) -> list[AdvisoryRequestEvent]:
    """The status changes with the notes staff addressed to the requester; details changes (owner, rating)
    are internal bookkeeping, and internal notes (RequestNote) are never read here."""
    return list(advisory_request.events.exclude(from_status=F("to_status")).order_by("created_at", "pk"))


def _content_context(advisory_request: AdvisoryRequest) -> dict[str, Any]:
    """What templates/advisory/requests/_content.html prints besides the request itself."""
    names = dict(SPOKEN_LANGUAGES)
    return {
        "advisory_request": advisory_request,
        "themes": list(advisory_request.themes.all()),
        "languages": [str(names.get(code, code)) for code in advisory_request.languages],
    }


@members_only
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    advisory_request = _visible_request(request, pk)
    user = request.user
    is_requester = advisory_request.requested_by_id == user.pk
    if not (is_requester or user.is_staff):
        # An invited or accepted expert (the requester allowed it): what is asked, not its history.
        invitation = Invitation.objects.for_expert(user).filter(request=advisory_request).first()
        context = {
            **_content_context(advisory_request),
            "invitation": invitation,
            "respond_token": invitation_token(invitation)
            if invitation and invitation.status == InvitationStatus.INVITED
            else "",
        }
        return render(request, "advisory/requests/detail_expert.html", context)
    proposals = (
        advisory_request.proposed_offers.filter(offer__in=Offer.objects.visible_to(user))
        .select_related("offer")
        .order_by("created_at", "pk")
    )
    context = {
        **_content_context(advisory_request),
        "is_requester": is_requester,
        "timeline": _timeline(advisory_request),
        "experts": _accepted_experts(advisory_request, user),
        "offers": [proposal.offer for proposal in proposals],
        "next_step": next_step(advisory_request),
        "may_withdraw": is_requester and advisory_request.can_take("withdraw"),
        "may_rate": is_requester and advisory_request.can_be_rated,
    }
    return render(request, "advisory/requests/detail.html", context)


@members_only
def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm; POST withdraws (once: a second POST finds it withdrawn and changes nothing)."""
    advisory_request = _own_request(request, pk)
    if not advisory_request.can_take("withdraw"):
        messages.info(
            request,
            _("This request cannot be withdrawn now: its status is “%(status)s”.")
            % {"status": advisory_request.get_status_display()},
        )
        return redirect("advisory:request_detail", pk=advisory_request.pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_withdraw(
                request=advisory_request, actor=request.user, note=form.cleaned_data["note"]
            )
        except TransitionNotAllowed as error:
            messages.info(request, error.messages[0])
        else:
            messages.success(request, _("Your request is withdrawn. Staff will not work on it any more."))
        return redirect("advisory:request_detail", pk=advisory_request.pk)
    return render(
        request, "advisory/requests/withdraw.html", {"advisory_request": advisory_request, "form": form}
    )


@members_only
def request_rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Rate a completed request once; a second POST (or a visit after rating) shows the request unchanged."""
    advisory_request = _own_request(request, pk)
    if not advisory_request.can_be_rated:
        if advisory_request.rated_at is not None:
            messages.info(request, _("You have already rated this request. Thank you."))
        else:
            messages.info(request, _("You can rate this request once the work is completed."))
        return redirect("advisory:request_detail", pk=advisory_request.pk)
    form = RateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_rate(
                request=advisory_request,
                actor=request.user,
                rating=form.cleaned_data["rating"],
                what_changed=form.cleaned_data["what_changed"],
            )
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your rating helps the network improve its help."))
        return redirect("advisory:request_detail", pk=advisory_request.pk)
    return render(
        request, "advisory/requests/rate.html", {"advisory_request": advisory_request, "form": form}
    )
