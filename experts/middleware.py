"""Stamps a member's profile "last active", at most once an hour, so the directory can sort by it."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from experts.models import ExpertProfile

ACTIVE_STAMP_SECONDS = 3600


class LastActiveMiddleware:
    """One cache ``add`` per signed-in request; one ``UPDATE`` per member per hour (when the key was absent)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and response.status_code < 400
            and cache.add(f"experts:last-active:{user.pk}", 1, timeout=ACTIVE_STAMP_SECONDS)
        ):
            ExpertProfile.objects.filter(user_id=user.pk).update(last_active_at=timezone.now())
        return response
