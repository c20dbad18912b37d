"""Which pages the load benchmark (bench/load.py) measures, picked from whatever database it runs on.

Nothing is hard-coded but the kinds of page: the concrete URLs come from the data, so the same list works on the
demo data and on the scale data (``seed_scale``): the longest thread and its last page, the category with the most
threads, the most frequent region and theme as the two facets, a common search term (the most frequent word in
the titles) and a rare one (a word whose search finds one or two rows). URLs are built with the project's URL names.

Needs Django set up (bench/load.py does it with bench/settings.py; tests with theirs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.urls import reverse

# Words a search term may be: Latin letters (accents included), long enough not to be a stop word in any
# language the portal has ("the", "and", "pour", "para"...).
_WORD = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 6
_RARE_CANDIDATES = 40  # searched one by one until one finds one or two rows: a bounded number of queries


@dataclass(frozen=True)
class Page:
    """One page to measure: a label, the path (with its query string), whether visitors are sent to sign in,
    and, for the pages that run a full-text search, which search (``experts`` / ``practices``) and the term."""

    label: str
    path: str
    members_only: bool = False
    search: str = ""
    term: str = ""


class NoData(Exception):
    """The database lacks what a page needs (seed it first)."""


def bench_member() -> Any:
    """The approved member the signed-in runs use: the demo's ``member@example.org`` when present, otherwise
    the approved, active, non-staff member who has read the most threads (unread markers then cost what they
    cost a real reader), otherwise the first approved member."""
    from forums.models import ReadState
    from network.models import Membership, User

    approved = User.objects.filter(
        is_active=True, is_staff=False, membership__status=Membership.Status.APPROVED
    ).order_by("pk")
    demo = approved.filter(email="member@example.org").first()
    if demo is not None:
        return demo
    reader = (
        ReadState.objects.filter(user__in=approved)
        .values("user")
        .annotate(n=models.Count("pk"))
        .order_by("-n", "user")
        .first()
    )
    member = approved.filter(pk=reader["user"]).first() if reader else approved.first()
    if member is None:
        raise NoData("no approved member: seed the database first (manage.py seed_demo or seed_scale)")
    return member


def _latin_words(text: str) -> set[str]:
    words = {word for word in _WORD.findall(text.lower()) if len(word) >= _MIN_LETTERS}
    return {word for word in words if all(ord(letter) < 0x250 for letter in word)}


def _terms(titles: Iterable[str], hits: Any) -> tuple[str, str]:
    """(common, rare): the word in the most titles, and a word in one title whose search finds one or two rows
    (``hits(word)`` counts them). Ties are broken alphabetically, so the choice is the same on every run."""
    frequency: Counter[str] = Counter()
    for title in titles:
        frequency.update(_latin_words(title))
    if not frequency:
        raise NoData("no titles to take search terms from")
    common = min(frequency, key=lambda word: (-frequency[word], word))
    singles = sorted(word for word, n in frequency.items() if n == 1) or sorted(frequency)
    rare = next((word for word in singles[:_RARE_CANDIDATES] if 1 <= hits(word) <= 2), singles[0])
    return common, rare


def _with_query(path: str, **params: Any) -> str:
    return f"{path}?{urlencode(params)}"


def _most_frequent(rows: models.QuerySet[Any], field: str) -> Any:
    row = rows.values(field).annotate(n=models.Count("*")).order_by("-n", field).first()
    if row is None or row[field] is None:
        raise NoData(f"nothing to count for {field}")
    return row[field]


def _directory_pages(member: Any) -> list[Page]:
    from experts.filters import ExpertFilterSet
    from experts.models import ExpertProfile

    public = ExpertProfile.objects.visible_to(AnonymousUser())
    readable = ExpertProfile.objects.visible_to(member)
    directory = reverse("experts:directory")
    region = _most_frequent(public, "user__membership__country__network_region")
    theme = _most_frequent(ExpertProfile.themes.through.objects.filter(expertprofile__in=public), "theme_id")
    common, rare = _terms(
        readable.exclude(headline="").values_list("headline", flat=True).iterator(),
        lambda word: ExpertFilterSet({"q": word}, queryset=readable).qs.count(),
    )
    expert = public.order_by("name_key", "pk").first()
    if expert is None:
        raise NoData("no expert profile visitors may see")
    return [
        Page("directory", directory),
        Page("directory: 2 facets", _with_query(directory, region=region, theme=theme)),
        Page("directory: common term", _with_query(directory, q=common), search="experts", term=common),
        Page("directory: rare term", _with_query(directory, q=rare), search="experts", term=rare),
        Page("expert page", reverse("experts:profile", kwargs={"slug": expert.slug})),
    ]


def _practice_pages(member: Any) -> list[Page]:
    from practices.filters import PracticeFilterSet
    from practices.models import GoodPractice

    public = GoodPractice.objects.published().visible_to(AnonymousUser())
    readable = GoodPractice.objects.published().visible_to(member)
    practices = reverse("practices:list")
    region = _most_frequent(public.filter(countries__isnull=False), "countries__network_region")
    theme = _most_frequent(GoodPractice.themes.through.objects.filter(goodpractice__in=public), "theme_id")
    common, rare = _terms(
        readable.values_list("title", flat=True).iterator(),
        lambda word: PracticeFilterSet({"q": word}, queryset=readable).qs.count(),
    )
    practice = public.order_by(models.F("published_at").desc(nulls_last=True), "-pk").first()
    if practice is None:
        raise NoData("no published practice visitors may see")
    return [
        Page("practices", practices),
        Page("practices: 2 facets", _with_query(practices, region=region, theme=theme)),
        Page("practices: common term", _with_query(practices, q=common), search="practices", term=common),
        Page("practices: rare term", _with_query(practices, q=rare), search="practices", term=rare),
        Page("country \u00d7 theme matrix", reverse("practices:matrix")),
        Page("practice page", practice.get_absolute_url()),
    ]


def _forum_pages(member: Any) -> list[Page]:
    from forums.models import PAGE_SIZE, Category, Thread

    category = Category.objects.filter(is_active=True).order_by("-thread_count", "position", "pk").first()
    thread = Thread.objects.visible_to(member).order_by("-last_number", "pk").first()
    if category is None or thread is None:
        raise NoData("no discussion category or thread")
    last_page = (max(thread.last_number, 1) - 1) // PAGE_SIZE + 1
    url = thread.get_absolute_url()
    return [
        Page("forum index", reverse("forums:index"), members_only=True),
        Page("category page", reverse("forums:category", kwargs={"slug": category.slug}), members_only=True),
        Page(f"thread page 1 ({thread.last_number} posts)", url, members_only=True),
        Page(f"thread last page ({last_page})", _with_query(url, page=last_page), members_only=True),
    ]


def pick_pages(member: Any) -> list[Page]:
    """Every page the benchmark measures (the floor aside), in the order of the table."""
    return [
        Page("home", reverse("network:home")),
        Page("members' home", reverse("network:members_home"), members_only=True),
        *_directory_pages(member),
        *_practice_pages(member),
        *_forum_pages(member),
    ]
