"""News (public): the list, an item's page and the Atom feed. A draft, or an item whose publication time has
not come, answers 404 to everyone but staff, who preview it under a "Not published" banner."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from forums.models import NewsItem

PAGE_SIZE = 10
FEED_SIZE = 20


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _is_staff(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_staff)


def news_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(NewsItem.objects.published().order_by("-published_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "forums/news_list.html", {"page": page})


def news_detail(request: HttpRequest, slug: str) -> HttpResponse:
    items = NewsItem.objects.all() if _is_staff(request) else NewsItem.objects.published()
    item = items.filter(slug=slug).first()
    if item is None:
        raise Http404
    published = NewsItem.objects.published().filter(pk=item.pk).exists() if _is_staff(request) else True
    return render(request, "forums/news_detail.html", {"item": item, "published": published})


class NewsFeed(Feed):
    """The 20 newest published items, absolute links on ``settings.SITE_URL``."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def title(self) -> str:
        return _("ONSE news")

    def subtitle(self) -> str:
        return _("News of the Online Network of Southern Experts (UN Office of Counter-Terrorism).")

    def link(self) -> str:
        return _absolute(reverse("news:list"))

    def feed_url(self) -> str:
        return _absolute(reverse("news:feed"))

    def items(self) -> list[NewsItem]:
        return list(NewsItem.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.body_html

    def item_link(self, item: NewsItem) -> str:
        return _absolute(item.get_absolute_url())

    def item_pubdate(self, item: NewsItem) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime | None:
        return item.published_at
