"""The handbook as one HTML document: a printable page for staff and WeasyPrint's input for the PDF.

``handbook_html(handbook)`` renders templates/practices/handbook/handbook.html in the handbook's front-matter
language; ``handbook_pdf(handbook, progress=…)`` lays it out with WeasyPrint (cover, contents with page numbers,
practices grouped by pillar, indexes of countries and organisations, running headers and page numbers) and
reports each stage to ``progress(percent, message)``. WeasyPrint never reaches the network: ``LocalOnlyFetcher``
serves our own static files and ``data:`` addresses and refuses everything else (a member's link is never
fetched while rendering).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from network.models import Pillar

from .models import GoodPractice, Handbook, HandbookEntry, PracticeStatus

TEMPLATE = "practices/handbook/handbook.html"
# Relative addresses in the document (the stylesheet under STATIC_URL) resolve against this made-up origin;
# the fetcher maps it to the static files on disk. ".invalid" can never resolve (RFC 6761).
BASE_URL = "https://handbook.invalid/"

Progress = Callable[[int, str], None]


@dataclass
class PracticeItem:
    number: int
    practice: GoodPractice

    @property
    def anchor(self) -> str:
        return f"practice-{self.practice.pk}"


@dataclass
class PillarGroup:
    anchor: str
    numeral: str
    title: str
    items: list[PracticeItem] = field(default_factory=list)


@dataclass
class IndexEntry:
    name: str
    items: list[PracticeItem] = field(default_factory=list)


@dataclass
class HandbookPdf:
    content: bytes
    page_count: int


def handbook_practices(handbook: Handbook) -> list[GoodPractice]:
    """The handbook's practices in its order; an entry whose practice is no longer published is left out."""
    entries = (
        HandbookEntry.objects.filter(handbook=handbook, practice__status=PracticeStatus.PUBLISHED)
        .select_related("practice")
        .prefetch_related(
            Prefetch("practice__countries"),
            Prefetch("practice__themes"),
            Prefetch("practice__organisations"),
        )
        .order_by("position", "pk")
    )
    return [entry.practice for entry in entries]


def organisation_names(practice: GoodPractice) -> list[str]:
    names = [org.name for org in practice.organisations.all()]
    names += [name.strip() for name in practice.other_organisations.split(",") if name.strip()]
    return names


def handbook_context(handbook: Handbook, *, pdf: bool = False) -> dict[str, Any]:
    """Practices grouped by pillar — a practice with several pillars appears once, under its first — then
    numbered in reading order; the indexes point to those numbers (and, in the PDF, to page numbers)."""
    practices = handbook_practices(handbook)
    groups = {
        pillar: PillarGroup(f"pillar-{pillar.slug}", pillar.numeral, pillar.full_title) for pillar in Pillar
    }
    other = PillarGroup("pillar-other", "", _("Other initiatives"))
    for practice in practices:
        pillar = Pillar(practice.pillars[0]) if practice.pillars else None
        (groups[pillar] if pillar else other).items.append(PracticeItem(0, practice))
    pillar_groups = [group for group in [*groups.values(), other] if group.items]
    number = 0
    for group in pillar_groups:
        for item in group.items:
            number += 1
            item.number = number
    items = [item for group in pillar_groups for item in group.items]
    countries: dict[str, IndexEntry] = {}
    organisations: dict[str, IndexEntry] = {}
    for item in items:
        for country in item.practice.countries.all():
            countries.setdefault(country.name, IndexEntry(country.name)).items.append(item)
        for name in organisation_names(item.practice):
            organisations.setdefault(name.casefold(), IndexEntry(name)).items.append(item)
    return {
        "handbook": handbook,
        "pdf": pdf,
        "generated_at": timezone.now(),
        "network_name": _("Online Network of Southern Experts"),
        "office_name": _("United Nations Office of Counter-Terrorism"),
        "pillar_groups": pillar_groups,
        "practice_count": len(items),
        "country_index": _sorted(countries.values()),
        "organisation_index": _sorted(organisations.values()),
    }


def _sorted(entries: Iterable[IndexEntry]) -> list[IndexEntry]:
    return sorted(entries, key=lambda entry: (slugify(entry.name) or entry.name.casefold(), entry.name))


def handbook_html(handbook: Handbook, *, pdf: bool = False) -> str:
    """The whole handbook as one HTML document, in the handbook's front-matter language."""
    with translation.override(handbook.language):
        return render_to_string(TEMPLATE, handbook_context(handbook, pdf=pdf))


def handbook_pdf(handbook: Handbook, *, progress: Progress | None = None) -> HandbookPdf:
    """Lay the handbook out with WeasyPrint; ``progress(percent, message)`` hears of each stage."""
    report = progress or (lambda percent, message: None)
    report(10, _("Collecting the practices"))
    html = handbook_html(handbook, pdf=True)
    report(30, _("Laying out the pages"))
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher()).render()
    report(80, _("Writing the PDF"))
    content = document.write_pdf()
    assert content is not None  # noqa: S101  # write_pdf returns the bytes when given no target
    report(95, _("Storing the PDF"))
    return HandbookPdf(content=content, page_count=len(document.pages))


def _static_path(url: str) -> Path | None:
    """The file on disk behind one of our own static addresses, or None."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    static_url = urlsplit(settings.STATIC_URL).path
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(static_url):
        return None
    relative = unquote(parts.path.removeprefix(static_url))
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    return Path(found) if isinstance(found, str) else None


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher, allowed only ``data:`` addresses and our own static files."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "https"), allow_redirects=False, timeout=1)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = _static_path(url)
        if path is None:
            raise ValueError(f"the handbook never fetches {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
