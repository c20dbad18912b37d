"""Readers' pages: the list (search, facets, sort, pages), the country-by-theme matrix and a practice's page.

Every read starts from ``GoodPractice.objects.visible_to(request.user)``: a members-only or unpublished
practice reaches nobody it is not for — not the list, the counts, the matrix, related practices, translations;
its page answers 404 (not 403), so its existence does not leak. The practice page is also the moderators'
preview: staff, and the submitter, see it at any status under a banner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from experts.models import ExpertProfile
from network.cache import cache_for_visitors, fragment_key, namespace_cached, query_key, statement_key
from network.cache import timeout as cache_timeout
from network.compressed import CompressedFragment, render_with_fragment
from network.facets import (
    FacetResult,
    active_filters,
    facet_counts,
    facets_fragment_key,
    query_without,
    with_pillar_numerals,
)
from network.models import Country, NetworkRegion, Theme
from network.pagination import CountCachedPaginator
from network.permissions import is_member
from network.search import SEARCH_MAX_LENGTH
from practices.filters import SORTS, PracticeFilterSet, facets, for_cards, ordered
from practices.models import Endorsement, GoodPractice, PracticeStatus, can_endorse
from practices.reading import PracticePage, cards, for_detail, language_dir, related_practices
from practices.services.endorsements import practice_endorse, practice_unendorse

PAGE_SIZE = 20


def _presented(facet_map: dict[str, FacetResult]) -> dict[str, FacetResult]:
    """Pillars with their numerals; years newest first."""
    year = facet_map["year"]
    years = sorted(year.options, key=lambda option: -int(option.value))
    return {
        **facet_map,
        "pillar": with_pillar_numerals(facet_map["pillar"]),
        "year": replace(year, options=years),
    }


@require_safe
@cache_for_visitors("practices")
def practice_list(request: HttpRequest) -> HttpResponse:
    """``/practices/``: search, facets with counts, sort, pages; every state is its own URL.

    Everything under the title is rendered once per audience (the statement of the practices the reader may
    see: one for every member who owns no unpublished-and-unseen or hidden practice, ``visible_to_shared``),
    query, language and version of the practices, and read back whole: a hit builds no filterset, no query."""
    visible = GoodPractice.objects.published().visible_to_shared(request.user)
    body = namespace_cached(
        ("practices",),
        (
            "practice-list",
            statement_key(visible),
            is_member(request.user),
            query_key(request.GET),
            translation.get_language(),
        ),
        lambda: CompressedFragment.of(
            render_to_string("practices/_list.html", _practice_list(request, visible), request)
        ),
    )
    return render_with_fragment(request, "practices/list.html", {}, "body", body)


def _practice_list(request: HttpRequest, visible: models.QuerySet[GoodPractice]) -> dict[str, Any]:
    specs = facets()
    names = [spec.name for spec in specs]
    bound = any(name in request.GET for name in ["q", *names])
    filterset = PracticeFilterSet(request.GET if bound else None, queryset=visible)
    practices = filterset.qs
    search = filterset.form.cleaned_data.get("q", "") if bound and filterset.is_valid() else ""
    sort = request.GET.get("sort", "")
    if sort not in SORTS or (sort == "relevance" and not search):
        sort = "relevance" if search else "newest"
    sorts = {key: label for key, label in SORTS.items() if key != "relevance" or search}
    page: Page[Any] = CountCachedPaginator(
        ordered(for_cards(practices), sort), PAGE_SIZE, cache_namespaces=("practices",)
    ).get_page(request.GET.get("page"))
    facet_map = _presented(facet_counts(filterset, facets=specs, cache_namespaces=("practices",)))
    return {
        "page": page,
        # Read and rendered only when the cards of this page, language and data version are not cached.
        "cards": lambda: cards(page.object_list),
        "cards_key": fragment_key(("practices",), page.object_list),
        "facets_key": facets_fragment_key(filterset, specs, ("practices",)),
        "fragment_timeout": cache_timeout(),
        "facets": [facet_map[name] for name in names],
        "search": search,
        "sort": sort,
        "sorts": sorts.items(),
        "active_filters": active_filters(request.GET, facet_map, search),
        "page_query": query_without(request.GET, "page")[1:],
        "search_truncated": len(search) > SEARCH_MAX_LENGTH,
    }


@dataclass(frozen=True)
class MatrixRow:
    country: Country
    cells: list[tuple[Theme, int, str]]


@require_safe
@cache_for_visitors("practices")
def practice_matrix(request: HttpRequest) -> HttpResponse:
    """``/practices/matrix/``: how many published practices the reader may see per country and theme, rows
    grouped by region. The table — 156 countries by 25 themes on a grown network — is built once per audience,
    language and version of the practices (network/cache.py): three queries and ~0.5 s of rendering then, one
    cache read after."""
    visible = GoodPractice.objects.published().visible_to_shared(request.user)
    pairs = (
        visible.filter(countries__isnull=False, themes__isnull=False)
        .order_by()
        .values_list("countries", "themes")
        .annotate(n=models.Count("pk", distinct=True))
    )
    table = namespace_cached(
        ("practices",),
        # The rows' statement: the counting statement is made from it alone (and costs more to compile).
        ("matrix", statement_key(visible), translation.get_language()),
        lambda: CompressedFragment.of(render_to_string("practices/_matrix.html", _matrix(pairs))),
    )
    return render_with_fragment(request, "practices/matrix.html", {}, "table", table)


def _matrix(pairs: models.QuerySet[Any]) -> dict[str, Any]:
    """The table's rows: countries grouped by region, a cell per theme with its count and list link."""
    counts: dict[tuple[str, int], int] = {(str(code), theme): n for code, theme, n in pairs}
    themes = list(Theme.objects.filter(pk__in={theme for _code, theme in counts}))
    countries = list(Country.objects.filter(code__in={code for code, _theme in counts}))
    list_url = reverse("practices:list")
    regions: dict[str, list[MatrixRow]] = defaultdict(list)
    for country in sorted(countries, key=lambda c: c.name):
        code = str(country.code)
        cells = [
            (theme, n, f"{list_url}?{urlencode({'country': code, 'theme': str(theme.pk)})}" if n else "")
            for theme in themes
            for n in [counts.get((code, theme.pk), 0)]
        ]
        regions[country.network_region].append(MatrixRow(country=country, cells=cells))
    grouped = [(label, regions[value]) for value, label in NetworkRegion.choices if regions.get(value)]
    return {"themes": themes, "regions": grouped}


def _people(profiles: models.QuerySet[ExpertProfile], page: PracticePage) -> dict[str, Any]:
    """The submitter and contact experts among ``profiles`` (the reader's visible ones), linked to their
    profiles. A person whose profile the reader may not see is not named at all: a visitor learns no
    members-only expert's name."""
    practice = page.practice
    wanted = [*page.contact_ids]
    lookup = models.Q(user_id=practice.submitted_by_id) | models.Q(pk__in=wanted)
    found = list(profiles.filter(lookup)) if (practice.submitted_by_id or wanted) else []
    by_pk = {profile.pk: profile for profile in found}
    submitter = next((p for p in found if p.user_id == practice.submitted_by_id), None)
    return {
        "submitter_profile": submitter,
        "contact_profiles": [by_pk[pk] for pk in page.contact_ids if pk in by_pk],
    }


@dataclass(frozen=True)
class SharedPracticePage:
    """A published practice's page as every member in good standing reads it, rendered once per language and
    version of the practices and experts (``namespace_cached``): its body, endorsements and related practices.
    ``own`` are the people who read more on it (their own hidden profile or practice): they get the page built
    for them, as do staff. Nothing in it is a reader's: no form, no token, no "endorsed by you"."""

    pk: int
    slug: str
    title: str
    own: frozenset[int]
    body: str
    endorsements: str
    related: str


def _shared_practice_page(slug: str) -> SharedPracticePage | None:
    """Built from ``visible_to_every_member``: None when no such published practice (a draft its submitter
    previews, a hidden one, a wrong address), which the full view answers."""
    readable = GoodPractice.objects.visible_to_every_member()
    pk = models.OuterRef("pk")
    # Who reads more on it than others: the submitters of its translations (their own hidden or draft ones) and
    # its contact experts (their own hidden profile), read with the practice.
    group = GoodPractice.objects.filter(translation_group=models.OuterRef("translation_group"))
    contacts = GoodPractice.contact_experts.through.objects.filter(goodpractice_id=pk)
    practice = (
        for_detail(readable, None)
        .annotate(
            group_submitter_ids=ArraySubquery(group.order_by().values("submitted_by_id")),
            contact_user_ids=ArraySubquery(contacts.order_by().values("expertprofile__user_id")),
        )
        .filter(slug=slug)
        .first()
    )
    if practice is None:
        return None
    page = PracticePage.of(practice)
    profiles = ExpertProfile.objects.visible_to_every_member().select_related("user", "user__membership")
    context = {
        "page": page,
        "practice": practice,
        "title_dir": language_dir(practice.language),
        "related": related_practices(readable.published(), page),
        "endorsers": _endorsers(practice),
        "user": None,
        **_people(profiles, page),
    }
    data: Any = practice
    owners = {practice.submitted_by_id, *(data.group_submitter_ids or []), *(data.contact_user_ids or [])}
    return SharedPracticePage(
        pk=practice.pk,
        slug=practice.slug,
        title=practice.title,
        own=frozenset(pk for pk in owners if pk is not None),
        body=render_to_string("practices/includes/detail_body.html", context),
        endorsements=render_to_string("practices/includes/detail_endorsements.html", context),
        related=render_to_string("practices/includes/detail_related.html", context),
    )


def _endorsers(practice: GoodPractice) -> list[Endorsement]:
    if not practice.endorsement_count:  # type: ignore[attr-defined]
        return []
    return list(
        Endorsement.objects.filter(practice=practice).select_related("endorser", "endorser__membership")
    )


def _member_practice_page(request: HttpRequest, slug: str) -> HttpResponse | None:
    """A member in good standing (not staff) reading a published practice: the shared page from the cache and
    the reader's own part — the endorsement form — around it. None: the full view answers."""
    user: Any = request.user
    if not is_member(user) or user.is_staff:
        return None
    shared = namespace_cached(
        ("practices", "experts"),
        ("practice-page-members", slug, translation.get_language()),
        lambda: _shared_practice_page(slug),
    )
    if shared is None or user.pk in shared.own:
        return None
    may_endorse = can_endorse(user)
    endorsed = may_endorse and Endorsement.objects.filter(practice_id=shared.pk, endorser=user).exists()
    context = {
        # Our templates, rendered by _shared_practice_page.
        "shared": {part: mark_safe(getattr(shared, part)) for part in ("body", "endorsements", "related")},  # noqa: S308
        "practice": {"slug": shared.slug, "title": shared.title, "endorsed_by_reader": endorsed},
        "is_published": True,
        "may_endorse": may_endorse,
    }
    return render(request, "practices/detail.html", context)


@require_safe
@cache_for_visitors("practices", "experts")
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """``/practices/<slug>/``: one practice, if the reader may see it (404 otherwise). A member reading a
    published practice gets what every member reads of it from the cache (``_member_practice_page``)."""
    shared = _member_practice_page(request, slug)
    if shared is not None:
        return shared
    readable = GoodPractice.objects.visible_to(request.user)
    practice = get_object_or_404(for_detail(readable, request.user), slug=slug)
    page = PracticePage.of(practice)
    member = is_member(request.user)
    published = practice.status == PracticeStatus.PUBLISHED
    endorsers = _endorsers(practice) if member else []
    context = {
        "page": page,
        "practice": practice,
        "title_dir": language_dir(practice.language),
        "is_published": published,
        "related": related_practices(readable.published(), page) if published else [],
        "endorsers": endorsers,
        "may_endorse": published and request.user.is_authenticated and can_endorse(request.user),
        "is_submitter": request.user.is_authenticated and practice.submitted_by_id == request.user.pk,
        "is_editable": practice.is_editable_by(request.user),
        **_people(
            ExpertProfile.objects.visible_to(request.user).select_related("user", "user__membership"), page
        ),
    }
    return render(request, "practices/detail.html", context)


@require_POST
def practice_endorse_toggle(request: HttpRequest, slug: str) -> HttpResponse:
    """POST ``/practices/<slug>/endorse/``: a focal point endorses (or, with ``withdraw``, un-endorses)."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("practices:detail", kwargs={"slug": slug}))
    practice = GoodPractice.objects.published().visible_to(request.user).filter(slug=slug).first()
    if practice is None:
        raise Http404
    user: Any = request.user
    try:
        if "withdraw" in request.POST:
            practice_unendorse(practice=practice, user=user)
            messages.success(request, _("Your endorsement was withdrawn."))
        else:
            practice_endorse(practice=practice, user=user)
            messages.success(request, _("You endorsed this practice."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(practice)
