"""Link cards: a post's links to a good practice (/practices/<slug>/), an expert (/experts/<slug>/) or an
organisation (/organisations/<slug>/) on this site show as small cards under it.

Found at view time in the stored HTML of a whole page of posts, then looked up in one query per kind (so a page
costs at most three queries, whatever its number of posts and links), each through what the reader may see:
``GoodPractice.objects.published().visible_to(reader)``, ``ExpertProfile.objects.visible_to(reader)`` and
organisations (public). A link to something the reader may not see gets no card (the link itself stays).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from experts.models import ExpertProfile, Organisation
from practices.models import GoodPractice

from .models import Post

CARDS_PER_POST = 5
_HREF = re.compile(r'<a\s[^>]*?href="([^"]+)"')
# An optional language prefix (/fr/…), the kind, its address, and nothing after but a slash.
_PATH = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(practices|experts|organisations)/([a-z0-9_-]+)/?$", re.I)
# Addresses under /practices/ or /experts/ that are pages, not things.
_NOT_SLUGS = frozenset({"mine", "submit", "matrix", "feed", "export", "me", "contact"})
PRACTICE, EXPERT, ORGANISATION = "practices", "experts", "organisations"


@dataclass(frozen=True)
class Card:
    kind: str  # "practices", "experts" or "organisations"
    title: str
    subtitle: str
    url: str


def _site_hosts() -> set[str]:
    hosts = {urlsplit(settings.SITE_URL).netloc.lower()}
    hosts |= {h.lower() for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")}
    return hosts


def _links(post_html: str, hosts: set[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for href in _HREF.findall(post_html):
        parts = urlsplit(html.unescape(href))
        if parts.scheme not in {"", "http", "https"} or (parts.netloc and parts.netloc.lower() not in hosts):
            continue
        match = _PATH.match(parts.path)
        if match and match.group(2).lower() not in _NOT_SLUGS:
            found.append((match.group(1).lower(), match.group(2).lower()))
    return list(dict.fromkeys(found))


def post_links(post_html: str) -> list[tuple[str, str]]:
    """The ``(kind, slug)`` of each card-worthy link of a post's HTML, in order, once each (what the thread page
    caches with the rendered post: the cards themselves depend on the reader)."""
    return _links(post_html, _site_hosts())


def cards_for_posts(posts: Iterable[Post], reader: Any) -> dict[int, list[Card]]:
    """``{post id: [Card, …]}`` for the posts that link to something the reader may see (others absent)."""
    hosts = _site_hosts()
    return cards_for_links({post.pk: _links(post.body_html, hosts) for post in posts}, reader)


def cards_for_links(links: dict[int, list[tuple[str, str]]], reader: Any) -> dict[int, list[Card]]:
    """``cards_for_posts`` from the posts' links already found (``post_links``): no query without links."""
    wanted: dict[str, set[str]] = {PRACTICE: set(), EXPERT: set(), ORGANISATION: set()}
    for found in links.values():
        for kind, slug in found:
            wanted[kind].add(slug)
    cards: dict[tuple[str, str], Card] = {}
    if wanted[PRACTICE]:
        for practice in (
            GoodPractice.objects.published()
            .visible_to(reader)
            .filter(slug__in=wanted[PRACTICE])
            .only("slug", "title", "summary")
        ):
            cards[PRACTICE, practice.slug] = Card(
                PRACTICE, practice.title, _short(practice.summary), practice.get_absolute_url()
            )
    if wanted[EXPERT]:
        for profile in (
            ExpertProfile.objects.visible_to(reader)
            .filter(slug__in=wanted[EXPERT])
            .select_related("user")
            .only("slug", "headline", "user__full_name")
        ):
            cards[EXPERT, profile.slug] = Card(
                EXPERT,
                profile.user.display_name,
                profile.headline,
                reverse("experts:profile", kwargs={"slug": profile.slug}),
            )
    if wanted[ORGANISATION]:
        for organisation in Organisation.objects.filter(slug__in=wanted[ORGANISATION]).only(
            "slug", "name", "acronym", "kind"
        ):
            cards[ORGANISATION, organisation.slug] = Card(
                ORGANISATION,
                str(organisation),
                organisation.get_kind_display(),
                reverse("experts:organisation", kwargs={"slug": organisation.slug}),
            )
    result: dict[int, list[Card]] = {}
    for post_id, found in links.items():
        post_cards = [cards[key] for key in found if key in cards][:CARDS_PER_POST]
        if post_cards:
            result[post_id] = post_cards
    return result


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
