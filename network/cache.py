"""Caches that are never stale: versioned namespaces, on a cache that fails open.

Some parts of a page cost much to build and change rarely: the directory's facet counts, a page of practice
cards, the forum index. They are cached under keys that carry the **version** of every namespace they read
("experts", "practices", "forums"); any change to that data **bumps** the namespace's version once the transaction
commits, so everything built from the old data becomes unreachable at once — no key is listed or deleted (the
pattern of pretix's and Zulip's caches). Old entries simply expire.

::

    # apps.py: what changes a namespace
    namespace_bump_on_change(ExpertProfile, "experts")

    # a view: facet counts and the number of results, keyed by the statement that computes them
    facets = facet_counts(filterset, facets=FACETS, cache_namespaces=("experts",))
    page = CountCachedPaginator(profiles, 20, cache_namespaces=("experts",)).get_page(number)  # network/pagination

    # anything else: a value under explicit key parts
    value = namespace_cached(("experts",), ("my-piece", statement_key(rows), language), build=lambda: ...)

**Who sees what** stays the visibility rule's: counts are keyed by the very SQL statement and parameters that
compute them, so the reader's visibility (public only, members' rows, their own rows) and the filter state are
in the key — a count built for members is never served to a visitor. A key given explicitly must name
what its value depends on in the same way (the statement of the rows it shows, the language).

**A visitor's page, whole** (``cache_for_visitors``): everything a visitor reads is the same for every visitor
(the visibility rule gives them public rows only), so a public page rendered for one visitor is stored — under
its URL, language and the versions of the namespaces it reads — and sent to the next visitor without running the
view. Members, applicants and staff never read or fill it. A page that used a form token, set a cookie, touched
the session or carries a flash message is not stored; entries live ``VISITOR_CACHE_TIMEOUT`` seconds (one minute
by default), which bounds what no namespace tracks (a news item whose publication time arrives, a taxonomy label).

**When Redis is away** nothing fails: the ``pages`` cache (``FailOpenRedisCache``) answers "not cached" and
forgets writes, so pages are built each time. A bump lost that way is bounded by the entries' timeout
(``PAGE_CACHE_TIMEOUT``, ten minutes by default). Versions are kept without expiry: run Redis with an eviction
policy that spares keys without a timeout (``volatile-lru``, or no eviction), or an evicted version would start
again at 1.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.exceptions import EmptyResultSet
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

T = TypeVar("T")
ALIAS = "pages"
_VERSION_KEY = "namespace-version:{}"


class _ReusedRedisClients(RedisCacheClient):
    """Django's Redis client, but one ``redis.Redis`` per connection pool rather than one per cache call: redis-py
    fills its table of some 170 response callbacks each time one is built, ~0.15 ms of Python per call — a page
    reading five fragments paid more for that than for Redis itself. ``redis.Redis`` is safe to share between
    threads (each command takes a connection from the pool)."""

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # private in the stubs
        clients: dict[int, Any] = self.__dict__.setdefault("_reused_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class SharedClientRedisCache(RedisCache):
    """Django's Redis cache with one client per connection pool (``_ReusedRedisClients``): the ``default`` cache
    (sessions, rate limits) and the ``pages`` cache, so every page — and the member's session read on each
    request — skips building a client per call."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedRedisClients


class FailOpenRedisCache(SharedClientRedisCache):
    """Redis, but an unreachable server means a miss on read and nothing on write: a cache, not a dependency.

    Only for what can always be rebuilt (page fragments, counts, namespace versions); rate limits and form
    tokens stay on the ``default`` cache, where an outage must be seen."""

    def _quiet(self, method: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(super(), method)(*args, **kwargs)
        except Exception as error:  # redis.exceptions.ConnectionError, TimeoutError, …
            logger.warning("Cache %s unavailable (%s): %s", ALIAS, method, error)
            return default

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._quiet("get", default, key, default, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._quiet("get_many", {}, keys, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        self._quiet("set", None, key, value, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return bool(self._quiet("add", False, key, value, timeout, version))

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return list(self._quiet("set_many", [], data, timeout, version) or [])

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return int(self._quiet("incr", 0, key, delta, version) or 0)

    def delete(self, key: Any, version: Any = None) -> bool:
        return bool(self._quiet("delete", False, key, version))


def _cache() -> Any:
    return caches[ALIAS]


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 600))


def namespace_versions(namespaces: Sequence[str]) -> str:
    """``"experts:4|practices:12"``: the current version of each namespace (1 when never bumped), read in one
    round trip. Part of every key built from those namespaces."""
    keys = [_VERSION_KEY.format(name) for name in namespaces]
    found = _cache().get_many(keys)
    return "|".join(f"{name}:{found.get(key, 1)}" for name, key in zip(namespaces, keys, strict=True))


def namespace_bump(*namespaces: str) -> None:
    """The data of these namespaces changed: whatever was cached from it is stale (its keys name an old
    version). Bumped now — so nobody reads a stale piece while the change is being made — and again once the
    transaction commits, so a piece built meanwhile from the data before the commit is dropped too."""
    _bump(namespaces)
    transaction.on_commit(lambda: _bump(namespaces))


def _bump(namespaces: Iterable[str]) -> None:
    cache = _cache()
    for name in namespaces:
        key = _VERSION_KEY.format(name)
        # A version never expires: it only grows (an entry of an old version must stay unreachable).
        if not cache.add(key, 2, timeout=None):
            cache.incr(key)


def namespace_bump_on_change(
    model: type[models.Model], *namespaces: str, ignore_fields: Iterable[str] = ()
) -> None:
    """Bump ``namespaces`` whenever a ``model`` row is saved or deleted, or its many-to-many links change —
    except a save of ``ignore_fields`` only (``save(update_fields=["last_login"])`` changes nothing anyone
    lists). Writes that bypass signals (``QuerySet.update``, ``bulk_create``) call ``namespace_bump``."""
    ignored = frozenset(ignore_fields)

    def saved(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
        if update_fields and ignored and set(update_fields) <= ignored:
            return
        namespace_bump(*namespaces)

    def changed(sender: Any, **kwargs: Any) -> None:
        namespace_bump(*namespaces)

    uid = f"namespace-bump:{model._meta.label}:{','.join(namespaces)}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        through = field.remote_field.through  # type: ignore[attr-defined]
        m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"{uid}:{field.name}")


def cache_key(namespaces: Sequence[str], parts: Iterable[Any]) -> str:
    """A short key for ``parts`` (audience, language, query…) under the namespaces' current versions."""
    raw = "\x1f".join([namespace_versions(namespaces), *(str(part) for part in parts)])
    return hashlib.sha256(raw.encode()).hexdigest()


def namespace_cached(namespaces: Sequence[str], parts: Iterable[Any], build: Callable[[], T]) -> T:
    """The value cached for ``parts`` under the namespaces' versions, or ``build()`` stored for next time."""
    key = "value:" + cache_key(namespaces, parts)
    missing = object()
    value = _cache().get(key, missing)
    if value is missing:
        value = build()
        _cache().set(key, value, timeout())
    return value  # type: ignore[return-value]


def statement_key(queryset: models.QuerySet[Any]) -> str:
    """The SQL and parameters a queryset runs: who may see what and every filter are in it."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a statement that can match nothing (``pk__in=[]``, ``.none()``) is never run
        return f"{queryset.db}\x1f{queryset.model._meta.label}\x1fempty"
    return f"{queryset.db}\x1f{sql}\x1f{[str(param) for param in params]!r}"


def query_key(query: Any) -> str:
    """A query string's parameters as a key part, whatever their order (``?b=1&a=2`` is ``?a=2&b=1``)."""
    return repr(sorted((str(key), str(value)) for key, values in query.lists() for value in values))


def fragment_key(namespaces: Sequence[str], queryset: Any, *parts: Any) -> str:
    """The ``vary_on`` of a template fragment showing ``queryset``'s rows (``{% cache fragment_timeout "name"
    key using="pages" %}``): its statement (who may see what, filters, order, page), the active language and the
    namespaces' versions. The rows are not read when the fragment is in the cache: iterate the queryset inside."""
    return cache_key(namespaces, [statement_key(queryset), translation.get_language(), *parts])


View = Callable[..., HttpResponse]
_UNSHARED = ("private", "no-store", "no-cache")
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")  # as django.middleware.gzip


def cache_for_visitors(*namespaces: str) -> Callable[[View], View]:
    """A public view whose page a visitor (signed out) gets from the cache, built from ``namespaces``: the data
    it shows. Whoever is signed in gets the view itself, each time."""

    def decorator(view: View) -> View:
        name = f"{view.__module__}.{view.__qualname__}"

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _is_visitor_read(request):
                return view(request, *args, **kwargs)
            gzip = bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
            parts = [
                name,
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                translation.get_language(),
            ]
            key = "visitor:" + cache_key(namespaces, [*parts, gzip])
            stored = _cache().get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content, headers=headers)
                patch_vary_headers(response, ["Accept-Encoding"])
                return response
            response = view(request, *args, **kwargs)
            if _is_shareable(request, response):
                _cache().set(key, _stored(response, gzip), visitor_timeout())
            return response

        return wrapped

    return decorator


def _stored(response: HttpResponse, gzip: bool) -> tuple[bytes, dict[str, str]]:
    """The page as it is sent: compressed once here rather than by GZipMiddleware on every hit (which leaves a
    response with a Content-Encoding alone). No random bytes against BREACH: a visitor's page holds no secret."""
    content = response.content
    # Its length is the stored body's, set again on the way out (CommonMiddleware).
    headers = {name: value for name, value in response.headers.items() if name.lower() != "content-length"}
    if gzip and len(content) >= 200:
        content, headers["Content-Encoding"] = compress_string(content), "gzip"
    return content, headers


def visitor_timeout() -> int:
    return int(getattr(settings, "VISITOR_CACHE_TIMEOUT", 60))


def _is_visitor_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))  # a flash message is this visitor's alone (read, not consumed)
    )


def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Nothing in the page is this visitor's: no form token (``get_token`` marks the request), no cookie, no
    session write, no header asking caches to keep out."""
    control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Content-Encoding")  # an encoded body would reach clients without gzip
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not any(word in control for word in _UNSHARED)
    )
