"""The expert directory, profile pages and organisation pages. Every read starts from
``ExpertProfile.objects.visible_to(user)``: a hidden profile, or a suspended member's, reaches nobody but its
owner and staff — not the list, not the search, not the counts, not an organisation page."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from experts.filters import SORTS, ExpertFilterSet, ordered
from experts.models import Availability, ExpertProfile, Organisation
from experts.search import SEARCH_MAX_LENGTH
from network.cache import cache_for_visitors, fragment_key, namespace_cached, query_key, statement_key
from network.cache import timeout as cache_timeout
from network.compressed import CompressedFragment, render_with_fragment
from network.facets import (
    Facet,
    FacetResult,
    active_filters,
    facet_counts,
    facets_fragment_key,
    query_without,
)
from network.models import Pillar
from network.models.taxonomy import m49_area_label
from network.pagination import CountCachedPaginator
from network.permissions import is_member

PAGE_SIZE = 20
FACETS: list[str | Facet] = [
    Facet("region", sort="label"),
    Facet("subregion", sort="label"),
    Facet("country", sort="label"),
    "theme",
    Facet("pillar", sort="value"),
    "language",
    "availability",
    "kind",
    "focal_point",
    "coe",
]
# Yes/no facets show as one checkbox ("Focal points only (7)") rather than a list of options.
SWITCHES = {"focal_point", "coe"}
FILTER_NAMES = [facet.name if isinstance(facet, Facet) else facet for facet in FACETS]


def _presented(facets: dict[str, FacetResult]) -> dict[str, FacetResult]:
    """Sub-regions are stored under their UN M49 English names: show them in the reader's language."""
    subregion = facets["subregion"]
    options = [replace(option, label=m49_area_label(option.label)) for option in subregion.options]
    return {**facets, "subregion": replace(subregion, options=options)}


@dataclass(frozen=True)
class Switch:
    """A yes/no facet as one checkbox: how many experts "yes" gives, and whether "yes" is selected."""

    facet: FacetResult
    count: int
    checked: bool

    @classmethod
    def of(cls, facet: FacetResult) -> Switch:
        yes = next((option for option in facet.options if option.value is True), None)
        return cls(facet=facet, count=yes.count if yes else 0, checked=bool(yes and yes.selected))


@require_safe
@cache_for_visitors("experts")
def directory(request: HttpRequest) -> HttpResponse:
    """``/experts/``: search, facets with counts, sort, pages; every state is its own URL.

    Everything under the title — form, facets, cards, pages — is rendered once per audience (the statement of
    the rows the reader may see: one for every member who owns no hidden profile, ``visible_to_shared``), query,
    language and version of the experts' data, and read back whole: a hit builds no filterset and runs no query.
    """
    visible = ExpertProfile.objects.visible_to_shared(request.user)
    member = is_member(request.user)
    body = namespace_cached(
        ("experts",),
        ("directory", statement_key(visible), member, query_key(request.GET), translation.get_language()),
        lambda: CompressedFragment.of(
            render_to_string("experts/_directory.html", _directory(request, visible, member), request)
        ),
    )
    return render_with_fragment(request, "experts/directory.html", {}, "body", body)


def _directory(request: HttpRequest, visible: Any, member: bool) -> dict[str, Any]:
    bound = any(name in request.GET for name in ["q", *FILTER_NAMES])
    filterset = ExpertFilterSet(request.GET if bound else None, queryset=visible)
    profiles = filterset.qs
    search = filterset.form.cleaned_data.get("q", "") if bound and filterset.is_valid() else ""
    # When a member was last active is for other members: visitors neither see it nor sort by it.
    sorts = {key: label for key, label in SORTS.items() if key != "active" or member}
    sort = request.GET.get("sort", "")
    if sort not in sorts:
        sort = "relevance" if search else "name"
    page: Page[Any] = CountCachedPaginator(
        ordered(profiles, sort).for_cards(), PAGE_SIZE, cache_namespaces=("experts",)
    ).get_page(request.GET.get("page"))
    facets = _presented(facet_counts(filterset, facets=FACETS, cache_namespaces=("experts",)))
    return {
        "page": page,
        "facets": [facets[name] for name in FILTER_NAMES if name not in SWITCHES],
        "switches": [Switch.of(facets[name]) for name in FILTER_NAMES if name in SWITCHES],
        "search": search,
        "sort": sort,
        "sorts": sorts.items(),
        "active_filters": active_filters(request.GET, facets, search, facet_prefix=False, switches=SWITCHES),
        "page_query": query_without(request.GET, "page")[1:],
        "search_truncated": len(search) > SEARCH_MAX_LENGTH,
        # The cards are rendered once per page of results, language and version of the experts' data.
        "cards_key": fragment_key(("experts",), page.object_list),
        "facets_key": facets_fragment_key(filterset, FACETS, ("experts",)),
        "fragment_timeout": cache_timeout(),
    }


@require_safe
@cache_for_visitors("experts")
def profile_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """``/experts/<slug>/``: one expert, if the reader may see them (404 otherwise, never a hint it exists).

    Whether the reader may see the profile is asked each time (one query). What the page shows of it is the
    same for every member (and for every non-member who may see it), so it is rendered once per profile,
    audience, language and version of the experts' data — except for its owner ("this is your profile") and
    staff (contact details), who get it rendered for them."""
    user: Any = request.user
    found = ExpertProfile.objects.visible_to(user).filter(slug=slug).values_list("pk", "user_id").first()
    if found is None:
        raise Http404
    pk, owner_id = found
    if owner_id == user.pk or (user.is_active and user.is_staff):
        title, body = _profile_page(request, pk)
    else:
        title, body = namespace_cached(
            ("experts",),
            ("expert-page", pk, is_member(user), translation.get_language()),
            lambda: _profile_page(request, pk),
        )
    return render(request, "experts/profile.html", {"title": title, "body": mark_safe(body)})  # noqa: S308


def _profile_page(request: HttpRequest, pk: int) -> tuple[str, str]:
    """The page's title and content, for a profile the reader may see."""
    profile = ExpertProfile.objects.for_cards().prefetch_related("links").get(pk=pk)
    context = {
        "profile": profile,
        "is_own": profile.user_id == request.user.pk,
        "pillars": [Pillar(value) for value in sorted(profile.pillars) if value in Pillar.values],
        "availability": [
            Availability(value).label for value in profile.availability if value in Availability.values
        ],
    }
    return profile.user.display_name, render_to_string("experts/_profile.html", context, request)


@require_safe
@cache_for_visitors("experts")
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """``/organisations/<slug>/``: an organisation and the experts of it the reader may see."""
    organisation = get_object_or_404(Organisation.objects.select_related("country"), slug=slug)
    experts = ordered(
        ExpertProfile.objects.visible_to(request.user).filter(organisation=organisation), "name"
    ).for_cards()
    page: Page[Any] = Paginator(experts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "experts/organisation.html", {"organisation": organisation, "page": page})
