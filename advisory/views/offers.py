"""Offers for members: the list (search, facets with counts, pages; every state a URL), an offer's page with
"register interest", and the offerer's own pages (write, change, submit, "my offers").

Every read starts from ``Offer.objects.visible_to(request.user)``: a members-only offer reaches no visitor,
applicant or suspended member (not the list, not a count, its page answers 404); drafts and offers under review
are seen by their offerer and staff only, never listed. Who registered interest is shown to the offerer and
staff only. Writes go through advisory/services/offers.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from advisory.filters import (
    FACET_NAMES,
    OfferFilterSet,
    cards,
    facets,
    for_cards,
    language_names,
    ordered,
)
from advisory.forms.offers import InterestForm, OfferForm, blank_offer_initial, offer_initial
from advisory.models import Offer, OfferEvent, OfferInterest, OfferStatus
from advisory.models.offers import OfferQuerySet
from advisory.services.offers import (
    interest_register,
    interest_withdraw,
    offer_close,
    offer_submit,
    offer_update,
    offer_withdraw,
)
from advisory.services.offers import (
    offer_create as offer_create_service,
)
from experts.models import ExpertProfile
from network.cache import timeout as cache_timeout
from network.facets import (
    FacetResult,
    active_filters,
    facet_counts,
    facets_fragment_key,
    query_without,
    with_pillar_numerals,
)
from network.idempotency import FormOnce, form_token_new
from network.pagination import CountCachedPaginator
from network.permissions import is_member, members_only
from network.search import SEARCH_MAX_LENGTH
from network.types import AuthenticatedHttpRequest
from network.workflow import TransitionNotAllowed

PAGE_SIZE = 20


# --- the list -------------------------------------------------------------------------------------------------


def _presented(facet_map: dict[str, FacetResult]) -> dict[str, FacetResult]:
    """Pillars with their numerals."""
    return {**facet_map, "pillar": with_pillar_numerals(facet_map["pillar"])}


@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    """``/advisory/offers/``: published offers the reader may see; search, facets with counts, pages."""
    visible = Offer.objects.published().visible_to(request.user)
    bound = any(name in request.GET for name in ["q", *FACET_NAMES])
    filterset = OfferFilterSet(request.GET if bound else None, queryset=visible)
    search = filterset.form.cleaned_data.get("q", "") if bound and filterset.is_valid() else ""
    page = CountCachedPaginator(
        ordered(for_cards(filterset.qs)), PAGE_SIZE, cache_namespaces=("offers",)
    ).get_page(request.GET.get("page"))
    facet_map = _presented(facet_counts(filterset, facets=facets(), cache_namespaces=("offers",)))
    context = {
        "page": page,
        "offers": cards(page.object_list),
        "facets": [facet_map[name] for name in FACET_NAMES],
        "search": search,
        "active_filters": active_filters(request.GET, facet_map, search),
        "page_query": query_without(request.GET, "page")[1:],
        "search_truncated": len(search) > SEARCH_MAX_LENGTH,
        "is_member": is_member(request.user),
        "facets_key": facets_fragment_key(filterset, facets(), ("offers",)),
        "fragment_timeout": cache_timeout(),
    }
    return render(request, "advisory/offers/list.html", context)


# --- an offer's page and interest -----------------------------------------------------------------------------


def _readable(request: HttpRequest) -> OfferQuerySet:
    return Offer.objects.visible_to(request.user).select_related(
        "organisation", "offered_by", "offered_by__membership", "offered_by__membership__country"
    )


def _render_offer(
    request: HttpRequest, offer: Offer, interest_form: InterestForm | None = None
) -> HttpResponse:
    user: Any = request.user
    is_offerer = user.is_authenticated and offer.offered_by_id == user.pk
    sees_interests = is_offerer or (user.is_active and user.is_staff)
    interests: list[OfferInterest] = []
    if sees_interests:
        interests = list(offer.interests.select_related("member", "member__membership"))
    # People are linked to their profiles only where the reader may see them; the offerer is named only then.
    wanted = {i.member_id for i in interests} | ({offer.offered_by_id} if offer.offered_by_id else set())
    profiles = {
        p.user_id: p
        for p in ExpertProfile.objects.visible_to(user).filter(user_id__in=wanted).only("slug", "user_id")
    }
    for interest in interests:
        interest.profile = profiles.get(interest.member_id)  # type: ignore[attr-defined]
    own_interest = None
    may_register = offer.status == OfferStatus.PUBLISHED and is_member(user) and not is_offerer
    if may_register:
        own_interest = OfferInterest.objects.filter(offer=offer, member=user).first()
    if interest_form is None:
        interest_form = InterestForm(initial={"message": own_interest.message if own_interest else ""})
    context = {
        "offer": offer,
        "themes": list(offer.themes.all()),
        "language_names": language_names(offer),
        "is_published": offer.status == OfferStatus.PUBLISHED,
        "is_offerer": is_offerer,
        "is_editable": offer.is_editable_by(user),
        "offerer_profile": profiles.get(offer.offered_by_id) if offer.offered_by_id else None,
        "sees_interests": sees_interests,
        "interests": interests,
        "may_register": may_register,
        "own_interest": own_interest,
        "interest_form": interest_form,
        "is_member": is_member(user),
    }
    return render(request, "advisory/offers/detail.html", context)


@require_safe
def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """``/advisory/offers/<slug>/``: one offer if the reader may see it (404 otherwise). The offerer and staff
    see it at any status, under a "not published" banner."""
    return _render_offer(request, get_object_or_404(_readable(request), slug=slug))


@members_only
@require_POST
def offer_interest(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """POST: register interest with a message (again: update the message), or with ``withdraw`` take it back."""
    offer = _readable(request).published().filter(slug=slug).first()
    if offer is None:
        raise Http404
    if "withdraw" in request.POST:
        interest_withdraw(offer=offer, member=request.user)
        messages.success(request, _("Your interest was withdrawn."))
        return redirect(offer)
    form = InterestForm(request.POST)
    if not form.is_valid():
        return _render_offer(request, offer, interest_form=form)
    existed = OfferInterest.objects.filter(offer=offer, member=request.user).exists()
    try:
        interest_register(offer=offer, member=request.user, message=form.cleaned_data["message"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(offer)
    if existed:
        messages.success(request, _("You had already registered your interest; your message is up to date."))
    else:
        messages.success(
            request,
            _("Your interest is registered: the offerer and UNOCT staff can see it and your message."),
        )
    return redirect(offer)


# --- the offerer's pages --------------------------------------------------------------------------------------


def _render_form(request: AuthenticatedHttpRequest, form: OfferForm, offer: Offer | None) -> HttpResponse:
    history = list(offer.events.select_related("actor").order_by("-created_at", "-pk")) if offer else []
    return render(request, "advisory/offers/form.html", {"form": form, "offer": offer, "history": history})


def _save(request: AuthenticatedHttpRequest, form: OfferForm, offer: Offer | None) -> HttpResponse:
    """Save what the form holds, then submit it if asked; every outcome keeps what the member typed."""
    try:
        if offer is None:
            once = FormOnce(
                scope="advisory:offer_create",
                user_id=request.user.pk,
                token=form.cleaned_data.get("form_token"),
            )
            if not once.claim():
                earlier = once.earlier()
                messages.info(request, _("This form had already been sent: here is the offer it saved."))
                created = Offer.objects.filter(pk=earlier or 0, offered_by=request.user).first()
                if created is None or not created.is_editable_by(request.user):
                    return redirect("advisory:offer_mine")
                return redirect("advisory:offer_edit", slug=created.slug)
            try:
                offer = offer_create_service(
                    actor=request.user, fields=form.offer_fields(), themes=form.chosen_themes()
                )
            except BaseException:
                once.release()
                raise
            once.done(offer.pk)
        else:
            offer = offer_update(
                offer=offer, actor=request.user, fields=form.offer_fields(), themes=form.chosen_themes()
            )
    except ValidationError as error:
        for problem in error.messages:
            form.add_error(None, problem)
        return _render_form(request, form, offer)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Your draft is saved. Only you and UNOCT staff can see it."))
        return redirect("advisory:offer_edit", slug=offer.slug)
    try:
        offer_submit(offer=offer, actor=request.user)
    except ValidationError as error:
        messages.warning(request, _("Your draft is saved, but it cannot be submitted yet."))
        for problem in error.messages:
            form.add_error(None, problem)
        return _render_form(request, form, offer)
    messages.success(
        request, _("Thank you: your offer is with UNOCT staff, who will publish it. We will email you.")
    )
    return redirect("advisory:offer_mine")


@members_only
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """``/advisory/offers/new/``: write an offer; save it as a draft or submit it for review."""
    if request.method == "POST":
        form = OfferForm(request.POST)
        if form.is_valid():
            return _save(request, form, None)
        return _render_form(request, form, None)
    form = OfferForm(initial={"form_token": form_token_new(), **blank_offer_initial(request.user)})
    return _render_form(request, form, None)


def _own_offer(request: AuthenticatedHttpRequest, slug: str) -> Offer:
    """The member's own offer; anyone else's is "not found", whatever its status."""
    offer = Offer.objects.filter(slug=slug, offered_by=request.user).first()
    if offer is None:
        raise Http404
    return offer


def _offerer_step(request: AuthenticatedHttpRequest, offer: Offer, action: str) -> HttpResponse:
    """The offerer takes their submitted offer back to draft, or closes their published offer."""
    try:
        if action == "withdraw":
            offer_withdraw(offer=offer, actor=request.user)
            messages.success(request, _("Your offer is back in your drafts: change it and submit it again."))
        else:
            offer_close(offer=offer, actor=request.user)
            messages.success(request, _("Your offer is closed: members no longer see it."))
    except TransitionNotAllowed as error:
        messages.error(request, error.messages[0])
    return redirect("advisory:offer_mine")


@members_only
def offer_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """``/advisory/offers/<slug>/edit/``: change a draft (or an offer sent back for changes); a POST with
    ``action=withdraw`` / ``action=close`` takes a submitted offer back to draft / closes a published one."""
    offer = _own_offer(request, slug)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in {"withdraw", "close"}:
        return _offerer_step(request, offer, action)
    if not offer.is_editable_by(request.user):
        messages.error(
            request,
            _("“%(title)s” cannot be changed now (%(status)s).")
            % {"title": offer.title, "status": offer.get_status_display()},
        )
        return redirect("advisory:offer_mine")
    if request.method == "POST":
        form = OfferForm(request.POST)
        if form.is_valid():
            return _save(request, form, offer)
        return _render_form(request, form, offer)
    return _render_form(request, OfferForm(initial=offer_initial(offer)), offer)


@members_only
def offer_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """``/advisory/offers/mine/``: the member's offers with status, interest counts and the latest note from
    UNOCT staff; one query."""
    notes = (
        OfferEvent.objects.filter(offer=models.OuterRef("pk"))
        .exclude(note="")
        .exclude(actor=request.user)
        .order_by("-created_at", "-pk")
    )
    interests = (
        OfferInterest.objects.filter(offer=models.OuterRef("pk"))
        .order_by()
        .values("offer")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    offers = (
        Offer.objects.offered_by(request.user)
        .annotate(
            last_note=models.Subquery(notes.values("note")[:1]),
            last_note_at=models.Subquery(notes.values("created_at")[:1]),
            interest_count=Coalesce(models.Subquery(interests), 0),
        )
        .order_by("-updated_at", "-pk")
    )
    return render(request, "advisory/offers/mine.html", {"offers": offers})
