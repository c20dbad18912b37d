"""Sign-in limits that slow a guesser; a stranger at one address cannot lock a member out, and one with
several addresses for 10 minutes at most (docs/security.md).

allauth counts failures per account (``login_failed``, its own key); we add a second, stricter count per
account *and* client address (``login_failed_from_address``), so one person's mistakes slow that person at
that address only. Neither count is per address alone: colleagues behind one NAT never share a lock.
When a count is full the form error says how long to wait, and ``RateLimitedStatusMiddleware`` turns the
page into a 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import time

from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

APP = "allauth.account"  # allauth reads every action's rates from ACCOUNT_RATE_LIMITS
ACCOUNT_ACTION = "login_failed"
ADDRESS_ACTION = "login_failed_from_address"
# The request attribute RateLimitedStatusMiddleware reads: seconds until the next attempt is counted.
RETRY_AFTER_ATTRIBUTE = "onse_retry_after"


def seconds_until_allowed(request: HttpRequest, *, action: str, key: str) -> int:
    """How long until every rate of ``action`` for ``key`` accepts one more attempt (0 if it already does)."""
    now = time.time()
    wait = 0.0
    for rate in ratelimit.get_rates(app=APP, action=action):
        cache_key = ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key)
        recent = sorted(ts for ts in cache.get(cache_key, []) if ts > now - rate.duration)
        if len(recent) >= rate.amount:
            # The oldest counted attempts must age out until one slot is free.
            wait = max(wait, recent[len(recent) - rate.amount] + rate.duration - now)
    return math.ceil(wait)


def too_many_attempts(request: HttpRequest, seconds: int) -> ValidationError:
    seconds = max(seconds, 1)
    setattr(request, RETRY_AFTER_ATTRIBUTE, seconds)
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "Too many failed attempts for this account. Try again in %(minutes)d minute.",
        "Too many failed attempts for this account. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    return ValidationError(message, code="too_many_login_attempts")


def consume_or_raise(request: HttpRequest, *, action: str, key: str) -> ratelimit.RateLimitUsage:
    """Count one attempt against ``action`` for ``key``; raise a form error that says how long to wait."""
    usage = ratelimit.consume(request, app=APP, action=action, key=key)
    if usage is None:
        raise too_many_attempts(request, seconds_until_allowed(request, action=action, key=key))
    return usage


def address_key(request: HttpRequest, account_key: str) -> str:
    return f"{account_key}|{ratelimit.get_ip(request)}"


def sign_in_attempt_consume(request: HttpRequest, *, account_key: str) -> ratelimit.RateLimitUsage:
    """Count one password attempt for an account from this address and overall; roll back on success."""
    from_address = consume_or_raise(request, action=ADDRESS_ACTION, key=address_key(request, account_key))
    try:
        overall = consume_or_raise(request, action=ACCOUNT_ACTION, key=account_key)
    except ValidationError:
        from_address.rollback()  # the attempt was refused, so it counts nowhere
        raise
    return ratelimit.RateLimitUsage(usage=[*from_address.usage, *overall.usage])
