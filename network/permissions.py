"""The one place that says who may see members-only content.

Use ``MembersOnlyMixin`` on class-based views and ``@members_only`` on function views; querysets of
members-only content filter with ``visible_to(user)`` methods that call ``is_member`` too. An anonymous
visitor is sent to the login page; a signed-in applicant, rejected or suspended member gets the
"membership pending" page (HTTP 403) — never the content.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

R = TypeVar("R", bound=HttpResponseBase)


def is_member(user: Any) -> bool:
    return bool(getattr(user, "is_member", False))


def membership_required_response(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "network/membership_pending.html", status=403)


def members_only(view: Callable[..., R]) -> Callable[..., R | HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R | HttpResponse:
        if not is_member(request.user):
            return membership_required_response(request)
        return view(request, *args, **kwargs)

    wrapper.members_only = True  # type: ignore[attr-defined]  # lets tests find every gated URL
    return wrapper


class MembersOnlyMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_member(request.user):
            return membership_required_response(request)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
