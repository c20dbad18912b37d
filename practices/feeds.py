"""Atom feeds of published public practices: all of them, per pillar and per theme (newest 50).

Never members-only, whoever asks: feed readers cache and share what they fetch. The list page's query string
narrows a feed the same way (``?country=KE&language=fr``). Each entry carries its practice's language
(``xml:lang``), so a reader sets Arabic right to left.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from network.models import Pillar, Theme
from practices.models import GoodPractice
from practices.opendata import absolute_url, open_practices_filtered

FEED_SIZE = 50
CACHE_SECONDS = 300


class PracticeAtomFeed(Atom1Feed):
    """Atom 1.0 with ``xml:lang`` on each entry (the practice's own language)."""

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        for item in self.items:
            language = item.get("language")
            attributes = {"xml:lang": language} if language else {}
            handler.startElement("entry", attributes)  # type: ignore[arg-type]  # Django passes dicts too
            self.add_item_elements(handler, item)
            handler.endElement("entry")


class PracticeFeed(Feed):
    """All published public practices; subclasses narrow them to a pillar or a theme."""

    feed_type = PracticeAtomFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def practices(self, obj: Any) -> QuerySet[GoodPractice]:
        return open_practices_filtered(self.request.GET)

    def items(self, obj: Any) -> list[GoodPractice]:
        return list(self.practices(obj).prefetch_related("themes")[:FEED_SIZE])

    def title(self, obj: Any) -> str:
        return _("ONSE good practices")

    def subtitle(self, obj: Any) -> str:
        return _(
            "Good practices in countering terrorism and preventing violent extremism shared by the Online "
            "Network of Southern Experts (UNOCT)."
        )

    def link(self, obj: Any) -> str:
        return absolute_url(reverse("practices:list"))

    def feed_url(self, obj: Any) -> str:
        query = self.request.GET.urlencode()
        return absolute_url(self.request.path + (f"?{query}" if query else ""))

    def feed_guid(self, obj: Any) -> str:
        return self.feed_url(obj)

    def author_name(self, obj: Any) -> str:
        return _("Online Network of Southern Experts — UN Office of Counter-Terrorism")

    def author_link(self, obj: Any) -> str:
        return settings.SITE_URL + "/"

    def feed_copyright(self, obj: Any) -> str:
        licence = settings.OPEN_DATA_LICENCE
        return f"{licence['name']} — {licence['url']}"

    def item_title(self, item: GoodPractice) -> str:
        return item.title

    def item_description(self, item: GoodPractice) -> str:
        return escape(item.summary)  # the summary is plain text; Atom's summary is typed html

    def item_link(self, item: GoodPractice) -> str:
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item: GoodPractice) -> str:
        """A tag URI on the practice's id: stable when its title or address changes."""
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},2025:practice:{item.pk}"

    def item_pubdate(self, item: GoodPractice) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: GoodPractice) -> datetime:
        return max(item.updated_at, item.published_at) if item.published_at else item.updated_at

    def item_categories(self, item: GoodPractice) -> list[str]:
        return [str(pillar.label) for pillar in item.get_pillars_display()] + [
            theme.label for theme in item.themes.all()
        ]

    def item_extra_kwargs(self, item: GoodPractice) -> dict[str, Any]:
        return {"language": item.language}


class PillarPracticeFeed(PracticeFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Pillar:
        for pillar in Pillar:
            if pillar.slug == kwargs["pillar"]:
                return pillar
        raise Http404

    def practices(self, obj: Pillar) -> QuerySet[GoodPractice]:
        return super().practices(obj).filter(pillars__contains=[obj.value])

    def title(self, obj: Pillar) -> str:
        return _("ONSE good practices — Pillar %(numeral)s: %(pillar)s") % {
            "numeral": obj.numeral,
            "pillar": obj.label,
        }

    def link(self, obj: Pillar) -> str:
        return absolute_url(f"{reverse('practices:list')}?pillar={obj.value}")


class ThemePracticeFeed(PracticeFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Theme:
        return get_object_or_404(Theme.objects.active(), slug=kwargs["theme"])

    def practices(self, obj: Theme) -> QuerySet[GoodPractice]:
        return super().practices(obj).filter(themes=obj)

    def title(self, obj: Theme) -> str:
        return _("ONSE good practices — %(theme)s") % {"theme": obj.label}

    def link(self, obj: Theme) -> str:
        return absolute_url(f"{reverse('practices:list')}?theme={obj.pk}")
