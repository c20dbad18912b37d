from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import unquote_to_bytes, urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network import ratelimits
from network.hooks import hooks_run
from network.models import User

GetResponse = Callable[[HttpRequest], HttpResponse]

# The methods the portal's pages and forms use; anything else (TRACE, PUT, DELETE, ...) is refused.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")


class AllowedMethodsMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from settings.PERMISSIONS_POLICY: browser features no page of ours uses stay off."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _wsgi_bytes(value: str) -> bytes:
    """WSGI hands over the raw bytes of the path and query string as ISO-8859-1 text."""
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:  # a str that never came from the wire (tests): judge its UTF-8 form
        return value.encode("utf-8", "surrogatepass")


def _is_clean_text(raw: bytes) -> bool:
    """Valid UTF-8 (so no lone surrogates) without NUL, which PostgreSQL text cannot hold."""
    try:
        return "\x00" not in raw.decode("utf-8")
    except UnicodeDecodeError:
        return False


def _is_clean_urlencoded(raw: bytes) -> bool:
    for pair in raw.split(b"&"):
        name, _sep, value = pair.partition(b"=")
        for part in (name, value):
            if not _is_clean_text(unquote_to_bytes(part.replace(b"+", b" "))):
                return False
    return True


def _has_nul(values: Iterable[str]) -> bool:
    return any("\x00" in value for value in values)


class RejectInvalidTextMiddleware:
    """One place that answers 400 to NUL bytes and invalid UTF-8 in a path, query string, form or cookie.

    Such text can never be a real name, search or address, and reaching PostgreSQL it would be a 500. Placed
    early, before sessions and views; the page is the branded 400 in the visitor's language.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self._is_clean(request):
            return self._bad_request(request)
        return self.get_response(request)

    def _is_clean(self, request: HttpRequest) -> bool:
        # Django has already re-percent-encoded invalid UTF-8 in the path ("%ED%A0%80"): decode once more.
        if not _is_clean_urlencoded(request.path_info.encode("utf-8", "surrogatepass")):
            return False
        if not _is_clean_urlencoded(_wsgi_bytes(request.META.get("QUERY_STRING", ""))):
            return False
        if _has_nul([*request.COOKIES.keys(), *request.COOKIES.values()]):
            return False
        if request.method == "POST":
            if request.content_type == "application/x-www-form-urlencoded":
                return _is_clean_urlencoded(request.body)
            if request.content_type == "multipart/form-data":
                # The multipart parser already replaced invalid UTF-8; NUL bytes survive it.
                texts: list[str] = [*request.POST.keys(), *request.FILES.keys()]
                for _name, values in request.POST.lists():
                    texts += [str(value) for value in values]
                for _name, files in request.FILES.lists():
                    texts += [str(upload.name or "") for upload in files]
                return not _has_nul(texts)
        return True

    def _bad_request(self, request: HttpRequest) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            return render(request, "400.html", status=400)


class RateLimitedStatusMiddleware:
    """A form refused by a sign-in limit (network/ratelimits.py) is answered 429 with ``Retry-After``."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        retry_after = getattr(request, ratelimits.RETRY_AFTER_ATTRIBUTE, None)
        if retry_after is not None and response.status_code == 200:
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
        return response


class StaffMFARequiredMiddleware:
    """The Django admin opens only for staff who have set up two-factor authentication (TOTP)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith(reverse("admin:index"))
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request, _("Staff must set up two-factor authentication before opening the administration.")
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


# A member is stamped "seen" at most once per this many seconds: one cache ``add`` per signed-in request, one
# ``UPDATE`` (plus the hooks) per member per hour.
SEEN_STAMP_SECONDS = 3600


def seen_cache_key(user_id: int) -> str:
    return f"network:last-seen:{user_id}"


class LastSeenMiddleware:
    """Stamps ``User.last_seen_at`` after a successful signed-in request, at most once an hour, and calls
    ``settings.MEMBER_SEEN_HOOKS`` (``f(*, user, at)``: the directory's "last active", for one) with the same
    moment. A member seen during a digest's period gets no digest for it (network/services/digests.py)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and response.status_code < 400
            and cache.add(seen_cache_key(user.pk), 1, timeout=SEEN_STAMP_SECONDS)
        ):
            now = timezone.now()
            User.objects.filter(pk=user.pk).update(last_seen_at=now)
            hooks_run("MEMBER_SEEN_HOOKS", user=user, at=now)
        return response
