"""Reading the discussions: the index of categories, a category's threads, a thread's posts, search, and
"mark all read". Members and staff only (``@members_only``); every list starts from ``visible_to``.

Each page runs a fixed number of queries whatever the number of threads, posts or pages
(tests/forums/test_reading_queries.py): unread markers come from ``Thread.objects.with_unread`` in the threads'
own query, a thread page is a range of post numbers (``Post.objects.page_of``), and reading a thread writes one
read-state row (``read_position_advance``) — never the thread's row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from forums.cards import cards_for_posts
from forums.forms import reply_form_blank
from forums.models import PAGE_SIZE, Category, Consultation, ForumSettings, Post, PostStatus, Thread
from forums.search import forum_search_query
from forums.services.consultations import consultation_can_summarise
from forums.services.following import thread_follow_level
from forums.services.posting import post_edit_refusal
from forums.services.reading import category_mark_read, read_position_advance
from network.pagination import CappedCountPaginator
from network.permissions import members_only
from network.search import SEARCH_MAX_LENGTH
from network.types import AuthenticatedHttpRequest

THREADS_PER_PAGE = 30
RESULTS_PER_PAGE = 20
# A search counts its posts up to this many; past it the page says "more than" (network/pagination.py).
SEARCH_COUNT_CAP = 1000


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@require_safe
@members_only
def forum_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """``/discussions/``: the categories with their counts, last post and whether something is unread."""
    unread_threads = (
        Thread.objects.visible_to(request.user)
        .with_unread(request.user, unread_only=True)
        .filter(category=models.OuterRef("pk"))
    )
    categories = (
        Category.objects.filter(is_active=True)
        .select_related("last_post__thread", "last_post__author__membership")
        .annotate(has_unread=models.Exists(unread_threads))
    )
    return render(request, "forums/index.html", {"categories": categories})


@require_safe
@members_only
def category_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """``/discussions/<slug>/``: pinned threads first, then by last activity, with unread markers."""
    category = get_object_or_404(Category, slug=slug, is_active=True)
    threads = (
        Thread.objects.visible_to(request.user)
        .filter(category=category)
        .with_unread(request.user)
        .select_related("author__membership", "last_post__author__membership")
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forums/category.html", {"category": category, "page": page})


@require_POST
@members_only
def category_mark_read_view(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug, is_active=True)
    category_mark_read(user=request.user, category=category)
    return redirect("forums:category", slug=category.slug)


@dataclass(frozen=True)
class ThreadPage:
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    @property
    def previous(self) -> int:
        return self.number - 1

    @property
    def next(self) -> int:
        return self.number + 1


def _page_of_number(number: int) -> int:
    return (max(number, 1) - 1) // PAGE_SIZE + 1


def _shown(posts: list[Post], user: Any) -> list[Post]:
    """The posts of a page as this reader may see them: pending ones only to their author and staff, hidden
    ones as a placeholder (``is_placeholder``) to members, in full to staff."""
    staff = bool(user.is_staff)
    shown = []
    for post in posts:
        if post.status == PostStatus.PENDING and not (staff or post.author_id == user.pk):
            continue
        post.is_placeholder = post.status == PostStatus.HIDDEN and not staff  # type: ignore[attr-defined]
        if post.quote_of is not None:
            post.quote_page = _page_of_number(post.quote_of.number)  # type: ignore[attr-defined]
        shown.append(post)
    return shown


@require_safe
@members_only
def thread_detail(request: AuthenticatedHttpRequest, pk: int, slug: str) -> HttpResponse:
    """``/discussions/t/<pk>/<slug>/?page=k``: the posts numbered in page k's range (first page by default);
    ``?unread=1`` goes to the first unread post. Records the reading up to the last post shown."""
    thread: Any = get_object_or_404(  # with the with_unread annotations
        Thread.objects.visible_to(request.user)
        .with_unread(request.user)
        .select_related("category", "consultation"),
        pk=pk,
    )
    url = thread.get_absolute_url()
    if slug != thread.slug:
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    last_page = _page_of_number(thread.last_number)
    if request.GET.get("unread"):
        target = min(thread.first_unread_number, max(thread.last_post_number, 1))
        return redirect(f"{url}?page={_page_of_number(target)}#post-{target}")
    number = _page_number(request.GET.get("page"))
    if number > last_page:
        raise Http404
    posts = _shown(
        list(
            Post.objects.page_of(thread, number)
            .select_related("author__membership", "quote_of")
            .prefetch_related("attachments")
        ),
        request.user,
    )
    consultation = None
    if getattr(thread, "consultation", None) is not None:  # loaded with the thread: no query for others
        consultation = Consultation.objects.with_header().filter(thread=thread).first()
    window = ForumSettings.current().edit_window_minutes
    for post in posts:
        post.thread = thread  # the page's thread, loaded once
        post.editable = post_edit_refusal(post, request.user, window_minutes=window) is None  # type: ignore[attr-defined]
    read_up_to = max((post.number for post in posts), default=0)
    if read_up_to > thread.read_number:
        read_position_advance(user=request.user, thread=thread, number=read_up_to)
    context = {
        "thread": thread,
        "category": thread.category,
        "posts": posts,
        "page": ThreadPage(number=number, count=last_page),
        "first_unread_url": (
            f"{url}?page={_page_of_number(thread.first_unread_number)}#post-{thread.first_unread_number}"
            if thread.is_unread
            else ""
        ),
        "cards_by_post": cards_for_posts(posts, request.user),
        "form": reply_form_blank(),
        "follow_level": thread_follow_level(user=request.user, thread=thread),
        "consultation": consultation,
        "now": timezone.now(),
        "can_summarise": consultation is not None and consultation_can_summarise(consultation, request.user),
    }
    return render(request, "forums/thread.html", context)


@require_safe
@members_only
def forum_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """``/discussions/search/?q=…``: visible posts (and thread titles) matching, newest first; hidden and
    pending posts are never returned, whoever asks."""
    search = request.GET.get("q", "").strip()
    query = forum_search_query(search)
    threads: Any = Thread.objects.none()
    posts: Any = Post.objects.none()
    if query is not None:
        visible_threads = Thread.objects.visible_to(request.user).filter(
            status__in=[Thread.Status.OPEN, Thread.Status.LOCKED, Thread.Status.CLOSED]
        )
        threads = (
            visible_threads.filter(search_vector=query)
            .select_related("category")
            .order_by("-last_post_at", "-pk")[:10]
        )
        posts = (
            Post.objects.visible_to(request.user)
            .filter(status=PostStatus.VISIBLE, thread__in=visible_threads, search_vector=query)
            .select_related("thread", "author__membership")
            .order_by("-created_at", "-pk")
        )
    # A common word matches a large share of the posts: counting them all would cost more than the page.
    page = CappedCountPaginator(posts, RESULTS_PER_PAGE, cap=SEARCH_COUNT_CAP).get_page(
        request.GET.get("page")
    )
    context = {
        "search": search,
        "threads": threads,
        "page": page,
        "page_query": urlencode({"q": search}) if search else "",
        "search_truncated": len(search) > SEARCH_MAX_LENGTH,
        "search_url": reverse("forums:search"),
    }
    return render(request, "forums/search.html", context)
