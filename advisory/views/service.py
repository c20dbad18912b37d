"""The public page explaining the advisory service: what one can ask for, how it works, who reads a request, the
offers of Southern partners, and what the service achieved — aggregates only (advisory/indicators.py), never a
request. Everyone may read it; what it offers to do next depends on who reads it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from advisory.indicators import advisory_indicators
from advisory.models import Confidentiality, Modality, Offer
from network.permissions import is_member

# What each kind of help means, in a sentence a first-time reader understands.
MODALITY_HELP = {
    Modality.REMOTE_ADVICE: _("An expert answers your questions by email or video calls, over a few weeks."),
    Modality.IN_COUNTRY_TRAINING: _(
        "A course or a training of trainers for your officials, in your country."
    ),
    Modality.POLICY_REVIEW: _("Comments on a draft strategy, action plan or law, from people who wrote one."),
    Modality.PEER_EXCHANGE: _("Your team meets peers who faced the same problem, online or during a visit."),
    Modality.MENTORING: _("An experienced practitioner accompanies one of your staff over several months."),
}


@require_safe
def service(request: HttpRequest) -> HttpResponse:
    context = {
        "indicators": advisory_indicators(),
        "modalities": [(modality.label, MODALITY_HELP[modality]) for modality in Modality],
        "confidentiality_levels": Confidentiality.choices,
        "offer_count": Offer.objects.visible_to(request.user).published().count(),
        "member": is_member(request.user),
    }
    return render(request, "advisory/service/service.html", context)
