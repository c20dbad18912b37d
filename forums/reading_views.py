"""Reading the discussions: the index of categories, a category's threads, a thread's posts, search, and
"mark all read". Members and staff only (``@members_only``); every list starts from ``visible_to``.

Each page runs a fixed number of queries whatever the number of threads, posts or pages
(tests/forums/test_reading_queries.py): unread markers come from ``Thread.objects.with_unread`` in the threads'
own query, a thread page is a range of post numbers (``Post.objects.page_of``), and reading a thread writes one
read-state row (``read_position_advance``) — never the thread's row.

What is the same for every member is rendered once and cached (forums/caching.py: the index's categories, a page
of a category's threads, a page of a thread's posts); what is the reader's own — unread markers, their pending
posts, edit and flag links, link cards, forms and their tokens — is added per request, outside those pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_POST, require_safe

from forums.caching import FORUMS, PEOPLE, reader_namespace, thread_namespace
from forums.cards import cards_for_links, post_links
from forums.forms import reply_form_blank
from forums.models import PAGE_SIZE, Category, Consultation, ForumSettings, Post, PostStatus, Thread
from forums.search import forum_search_query
from forums.services.consultations import consultation_can_summarise
from forums.services.following import thread_follow_level
from forums.services.posting import post_edit_refusal
from forums.services.reading import category_mark_read, read_position_advance
from network.cache import namespace_cached, statement_key
from network.cache import timeout as cache_timeout
from network.pagination import CappedCountPaginator
from network.permissions import members_only
from network.search import SEARCH_MAX_LENGTH
from network.types import AuthenticatedHttpRequest

THREADS_PER_PAGE = 30
THREAD_ORDER = ("-is_pinned", "-last_post_at", "-pk")  # a category's threads: pinned first, then by activity
RESULTS_PER_PAGE = 20
# A search counts its posts up to this many; past it the page says "more than" (network/pagination.py).
SEARCH_COUNT_CAP = 1000


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _rendering() -> tuple[str, str]:
    """What a rendered piece depends on besides its data: the language and the time zone its dates are in."""
    return translation.get_language(), timezone.get_current_timezone_name()


@dataclass(frozen=True)
class CategoryRow:
    """A category on the index as every member sees it, rendered (forums/caching.py)."""

    pk: int
    link: str
    details: str


def _index_rows() -> list[CategoryRow]:
    def build() -> list[CategoryRow]:
        categories = Category.objects.filter(is_active=True).select_related(
            "last_post__thread", "last_post__author__membership"
        )
        return [
            CategoryRow(
                category.pk,
                render_to_string("forums/includes/category_link.html", {"category": category}),
                render_to_string("forums/includes/category_details.html", {"category": category}),
            )
            for category in categories
        ]

    return namespace_cached((FORUMS, PEOPLE), ("forum-index", *_rendering()), build)


def _unread_categories(user: Any) -> frozenset[int]:
    """The categories where this member has something unread (cached for them alone: forums/caching.py)."""

    def build() -> frozenset[int]:
        unread_threads = (
            Thread.objects.visible_to(user)
            .with_unread(user, unread_only=True)
            .filter(category=models.OuterRef("pk"))
        )
        return frozenset(
            Category.objects.filter(is_active=True)
            .filter(models.Exists(unread_threads))
            .values_list("pk", flat=True)
        )

    return namespace_cached(
        (FORUMS, PEOPLE, reader_namespace(user.pk)), ("forum-index-unread", user.pk), build
    )


@require_safe
@members_only
def forum_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """``/discussions/``: the categories with their counts, last post and whether something is unread."""
    unread = _unread_categories(request.user)
    categories = [(row, row.pk in unread) for row in _index_rows()]
    return render(request, "forums/index.html", {"categories": categories})


@dataclass(frozen=True)
class ThreadRow:
    """A thread in its category's list as its readers see it, rendered (forums/caching.py)."""

    pk: int
    url: str
    head: str
    meta: str


@dataclass(frozen=True)
class ThreadListing:
    rows: tuple[ThreadRow, ...]
    pagination: str


def _category_listing(category: Category, user: Any, *, own: bool, number: int) -> ThreadListing:
    """A page of the category's threads, rendered once for every reader of the same statement: the threads
    every member reads, or — ``own`` — the reader's ``visible_to`` (staff; a member with a thread of theirs
    waiting for approval here)."""

    def build() -> ThreadListing:
        visible = Thread.objects.visible_to(user) if own else Thread.objects.visible_to_every_member()
        threads = (
            visible.filter(category=category)
            .select_related("author__membership", "last_post__author__membership")
            .order_by(*THREAD_ORDER)
        )
        page = Paginator(threads, THREADS_PER_PAGE).get_page(number)
        rows = tuple(
            ThreadRow(
                thread.pk,
                thread.get_absolute_url(),
                render_to_string("forums/includes/thread_row_head.html", {"thread": thread}),
                render_to_string("forums/includes/thread_row_meta.html", {"thread": thread}),
            )
            for thread in page.object_list
        )
        return ThreadListing(rows, render_to_string("experts/_pagination.html", {"page": page}))

    # The statement every member reads depends on the category alone: compiled once per process. A reader's own
    # list (``visible_to`` them) is keyed by that statement and who they are, without compiling theirs each time.
    key = (
        "forum-category",
        _every_member_statement(category),
        user.pk if own else "every member",
        number,
        *_rendering(),
    )
    return namespace_cached((FORUMS, PEOPLE), key, build)


_statements: dict[int, str] = {}


def _every_member_statement(category: Category) -> str:
    if category.pk not in _statements:
        _statements[category.pk] = statement_key(
            Thread.objects.visible_to_every_member().filter(category=category).order_by(*THREAD_ORDER)
        )
    return _statements[category.pk]


def _category_reader(category: Category, user: Any, number: int) -> tuple[bool, dict[int, int]]:
    """(whether the reader's list is their own — see ``_category_listing`` —, ``{thread id: unread count}`` of
    the unread threads of the page), cached for this member alone."""

    def build() -> tuple[bool, dict[int, int]]:
        own = bool(user.is_staff) or (
            Thread.objects.filter(category=category, author=user, status=Thread.Status.PENDING).exists()
        )
        listing = _category_listing(category, user, own=own, number=number)
        unread = (
            Thread.objects.visible_to(user)
            .filter(pk__in=[row.pk for row in listing.rows])
            .with_unread(user, unread_only=True)
            .values_list("pk", "unread_count")  # type: ignore[misc]  # an annotation of with_unread
        )
        return own, dict(unread)

    key = ("forum-category-reader", user.pk, category.pk, number)
    return namespace_cached((FORUMS, PEOPLE, reader_namespace(user.pk)), key, build)


@require_safe
@members_only
def category_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """``/discussions/<slug>/``: pinned threads first, then by last activity, with unread markers."""
    category = get_object_or_404(Category, slug=slug, is_active=True)
    number = _page_number(request.GET.get("page"))
    own, unread = _category_reader(category, request.user, number)
    listing = _category_listing(category, request.user, own=own, number=number)
    context = {
        "category": category,
        "threads": [(row, unread.get(row.pk, 0)) for row in listing.rows],
        "pagination": listing.pagination,
    }
    return render(request, "forums/category.html", context)


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


@dataclass(frozen=True)
class PostRow:
    """A post of a thread page as every reader of its audience sees it, rendered up to the reader's own part
    (forums/includes/post_head.html; cached: forums/caching.py), with what deciding that part needs."""

    pk: int
    number: int
    status: str
    author_id: int | None
    created_at: datetime
    is_placeholder: bool
    html: str
    links: tuple[tuple[str, str], ...]
    # Its quote, edit and flag links, rendered for each reader it may have: ``actions[2 * editable + flaggable]``.
    actions: tuple[str, ...]

    def actions_for(self, *, editable: bool, flaggable: bool) -> str:
        return self.actions[2 * editable + flaggable] if self.actions else ""


def _post_actions(post: Post, thread: Thread) -> tuple[str, ...]:
    return tuple(
        render_to_string(
            "forums/includes/post_actions.html",
            {"post": post, "thread": thread, "editable": editable, "flaggable": flaggable},
        )
        for editable in (False, True)
        for flaggable in (False, True)
    )


def _post_rows(thread: Thread, number: int, *, staff: bool) -> tuple[PostRow, ...]:
    """Every post numbered in page ``number``'s range, rendered for staff (hidden posts in full) or for members
    (hidden ones as a placeholder). Pending posts are in it: ``_shown`` keeps them for their author only."""

    def build() -> tuple[PostRow, ...]:
        posts = (
            Post.objects.page_of(thread, number)
            .select_related("author__membership", "quote_of")
            .prefetch_related("attachments")
        )
        rows = []
        for post in posts:
            placeholder = post.status == PostStatus.HIDDEN and not staff
            post.is_placeholder = placeholder  # type: ignore[attr-defined]
            if post.quote_of is not None:
                post.quote_page = _page_of_number(post.quote_of.number)  # type: ignore[attr-defined]
            rows.append(
                PostRow(
                    pk=post.pk,
                    number=post.number,
                    status=post.status,
                    author_id=post.author_id,
                    created_at=post.created_at,
                    is_placeholder=placeholder,
                    html=render_to_string("forums/includes/post_head.html", {"post": post}),
                    links=() if placeholder else tuple(post_links(post.body_html)),
                    actions=() if placeholder else _post_actions(post, thread),
                )
            )
        return tuple(rows)

    key = (
        "forum-thread-page",
        thread.pk,
        thread.created_at.isoformat(),
        thread.last_number,
        thread.last_post_at,
        thread.status,  # whether posts may be quoted
        number,
        "staff" if staff else "member",
        *_rendering(),
    )
    return namespace_cached((thread_namespace(thread.pk), PEOPLE), key, build)


def _shown(rows: tuple[PostRow, ...], user: Any) -> list[PostRow]:
    """The posts of a page this reader may see: pending ones only to their author and staff."""
    staff = bool(user.is_staff)
    return [row for row in rows if row.status != PostStatus.PENDING or staff or row.author_id == user.pk]


def _editable(rows: list[PostRow], thread: Thread, user: Any) -> list[bool]:
    """Whether the reader may edit each post: staff always; a member their own, within the edit window
    (``post_edit_refusal``; the settings are read only when the page has posts of theirs)."""
    if user.is_staff:
        return [True] * len(rows)
    window: int | None = None
    editable = []
    for row in rows:
        if row.author_id != user.pk:
            editable.append(False)
            continue
        if window is None:
            window = ForumSettings.current().edit_window_minutes
        post = Post(
            pk=row.pk, thread=thread, author_id=row.author_id, status=row.status, created_at=row.created_at
        )
        editable.append(post_edit_refusal(post, user, window_minutes=window) is None)
    return editable


_NOTHING_READ = {"read_number": 0, "is_unread": False, "unread_count": 0, "first_unread_number": 1}


def _thread_reader(thread: Thread, user: Any) -> dict[str, Any]:
    """``read_number``, ``is_unread``, ``unread_count``, ``first_unread_number`` of the thread for this member
    (``with_unread``), cached for them alone until they read or the thread changes."""

    def build() -> dict[str, Any]:
        found = (
            Thread.objects.visible_to(user)
            .filter(pk=thread.pk)
            .with_unread(user)
            .values("read_number", "is_unread", "unread_count", "first_unread_number")  # type: ignore[misc]
            .first()
        )
        return found or _NOTHING_READ

    key = (
        "forum-thread-reader",
        user.pk,
        thread.pk,
        thread.category_id,
        thread.last_post_number,
        thread.last_post_at,
    )
    return namespace_cached((PEOPLE, reader_namespace(user.pk)), key, build)


@require_safe
@members_only
def thread_detail(request: AuthenticatedHttpRequest, pk: int, slug: str) -> HttpResponse:
    """``/discussions/t/<pk>/<slug>/?page=k``: the posts numbered in page k's range (first page by default);
    ``?unread=1`` goes to the first unread post. Records the reading up to the last post shown."""
    user = request.user
    thread: Any = get_object_or_404(
        Thread.objects.visible_to(user).select_related("category", "consultation"), pk=pk
    )
    url = thread.get_absolute_url()
    if slug != thread.slug:
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    for name, value in _thread_reader(thread, user).items():
        setattr(thread, name, value)
    last_page = _page_of_number(thread.last_number)
    if request.GET.get("unread"):
        target = min(thread.first_unread_number, max(thread.last_post_number, 1))
        return redirect(f"{url}?page={_page_of_number(target)}#post-{target}")
    number = _page_number(request.GET.get("page"))
    if number > last_page:
        raise Http404
    rows = _shown(_post_rows(thread, number, staff=bool(user.is_staff)), user)
    cards = cards_for_links({row.pk: list(row.links) for row in rows if row.links}, user)
    posts = [
        (row, row.actions_for(editable=editable, flaggable=row.author_id != user.pk), cards.get(row.pk, []))
        for row, editable in zip(rows, _editable(rows, thread, user), strict=True)
    ]
    consultation = None
    if getattr(thread, "consultation", None) is not None:  # loaded with the thread: no query for others
        consultation = Consultation.objects.with_header().filter(thread=thread).first()
    read_up_to = max((row.number for row in rows), default=0)
    if read_up_to > thread.read_number:
        read_position_advance(user=user, thread=thread, number=read_up_to)
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
        "form": reply_form_blank(),
        "form_fields_timeout": cache_timeout(),
        "follow_level": thread_follow_level(user=user, thread=thread),
        "consultation": consultation,
        "now": timezone.now(),
        "can_summarise": consultation is not None and consultation_can_summarise(consultation, user),
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
