from __future__ import annotations

import redis
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_safe

from network import dev_outbox, ratelimits
from network.cache import cache_for_visitors, cache_key
from network.cache import timeout as cache_timeout
from network.forms import EmailSettingsForm, MemberDetailsForm, MembershipApplicationForm
from network.hooks import hooks_run
from network.models import EmailChoiceSource, MemberPreferences, Membership, Pillar, Theme, User
from network.permissions import members_only
from network.services.members import member_details_update
from network.services.membership import MembershipTransitionError, membership_apply
from network.services.preferences import email_address_works, email_choices_update
from network.types import AuthenticatedHttpRequest


@cache_for_visitors("news")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "network/home.html", {"pillars": list(Pillar)})


def about(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.active()
    return render(request, "network/about.html", {"pillars": list(Pillar), "themes": themes})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "network/privacy.html")


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where a signed-in person lands: the members' home, or the next step of their application."""
    if request.user.is_member:
        return redirect("network:members_home")
    if request.user.membership_status is None:
        return redirect("network:apply")
    return redirect("network:membership_status")


@login_required
def apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    existing = Membership.objects.filter(user=request.user).prefetch_related("themes").first()
    if request.user.is_member or (existing and not existing.accepts_application):
        return redirect("network:dashboard")
    initial: dict[str, object] = {"full_name": request.user.full_name}
    if existing:
        initial |= {
            "country": existing.country_id,
            "organisation": existing.organisation,
            "position": existing.position,
            "themes": list(existing.themes.all()),
            "motivation": existing.motivation,
        }
    form = MembershipApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership_apply(user=request.user, **form.cleaned_data)
        except MembershipTransitionError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your application has been received."))
            return redirect("network:membership_status")
    editing = existing is not None and existing.status == Membership.Status.APPLIED
    return render(request, "network/apply.html", {"form": form, "editing": editing})


@login_required
def membership_status(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.user.is_member:
        return redirect("network:members_home")
    return render(request, "network/membership_pending.html")


NEWEST_MEMBERS = 8


@members_only
def members_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member's own things (their profile's gaps, requests, unread threads, forms) and what every member
    sees alike — the newest members, the quick updates — as cached fragments under the versions of their data
    (network/cache.py): read only when the fragment is not in the cache."""
    newest = Membership.objects.approved().select_related("user", "country").order_by("-decided_at")
    new_members = newest[:NEWEST_MEMBERS]
    # The same for every member: named by the language and the people's version ("experts").
    newest_key = cache_key(("experts",), ["home-newest-members", NEWEST_MEMBERS, translation.get_language()])
    sections = [section for section in hooks_run("MEMBERS_HOME_SECTIONS", user=request.user) if section]
    context = {
        "new_members": new_members,
        "new_members_key": newest_key,
        "fragment_timeout": cache_timeout(),
        "has_two_factor": is_mfa_enabled(request.user),
        "home_sections": sections,
    }
    return render(request, "network/members_home.html", context)


@members_only
def notification_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Email settings: the digest (how often, which parts), each notification at once, and a refused address."""
    preferences = MemberPreferences.for_user(request.user)
    if request.method == "POST" and "address_works" in request.POST:
        if email_address_works(user=request.user, actor=request.user):
            messages.success(request, _("Thank you: we will email your address again."))
        return redirect("network:notification_settings")
    # A POST with every box unticked is still a submitted form (``request.POST or None`` would ignore it).
    form = EmailSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=EmailSettingsForm.initial_for(preferences),
    )
    if request.method == "POST" and form.is_valid():
        email_choices_update(
            user=request.user,
            actor=request.user,
            source=EmailChoiceSource.SETTINGS,
            digest_frequency=form.cleaned_data["digest_frequency"],
            digest_sections_off=form.sections_off(preferences.digest_sections_off),
            email_immediately=form.cleaned_data["email_immediately"],
        )
        messages.success(request, _("Your email settings are saved."))
        return redirect("network:notification_settings")
    return render(request, "network/notification_settings.html", {"form": form, "preferences": preferences})


@members_only
def member_details(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A member edits the name, position, organisation and country other members see."""
    membership = Membership.objects.filter(user=request.user).first()
    if membership is None:  # staff without a membership have no member details to edit
        raise Http404
    initial = {
        "full_name": request.user.full_name,
        "position": membership.position,
        "organisation": membership.organisation,
        "country": membership.country_id,
    }
    form = MemberDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        member_details_update(user=request.user, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your details have been saved."))
        return redirect("network:member_details")
    return render(request, "network/member_details.html", {"form": form})


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch. A form without a token — a visitor's, whose pages carry none so they can be
    shared from the cache (network/cache.py, ``cache_for_visitors``), or one on a page opened before signing in —
    switches the language cookie and nothing more: at worst another site switches someone's language. A signed-in
    person's form carries a token, checked here, and their choice also becomes their language for emails."""
    if request.user.is_authenticated and "csrfmiddlewaretoken" in request.POST:
        return _set_account_language(request)  # type: ignore[arg-type]  # signed in: an AuthenticatedHttpRequest
    return i18n.set_language(request)


@csrf_protect
def _set_account_language(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(preferred_language=language)
    return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, bool] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["postgres"] = True
    except Exception:
        checks["postgres"] = False
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        with client:
            checks["redis"] = bool(client.ping())
    except Exception:
        checks["redis"] = False
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages; members-only, account and staff paths are not for indexing."""
    private = [
        reverse("network:dashboard"),
        reverse("network:members_home"),
        reverse("network:membership_status"),
        "/accounts/",
        reverse("admin:index"),
        "/dev/",
        reverse("set_language"),
    ]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in private)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says: send them to the SVG icon."""
    return redirect(static("favicon.svg"))


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    retry_after = getattr(request, ratelimits.RETRY_AFTER_ATTRIBUTE, 60)  # allauth's per-minute limits
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _require_dev_outbox(request: HttpRequest) -> None:
    if not settings.DEBUG:
        raise Http404


@staff_member_required
def outbox_list(request: HttpRequest) -> HttpResponse:
    _require_dev_outbox(request)
    return render(request, "network/outbox_list.html", {"messages_": dev_outbox.outbox_messages()})


@staff_member_required
def outbox_detail(request: HttpRequest, message_id: str) -> HttpResponse:
    _require_dev_outbox(request)
    message = dev_outbox.outbox_message(message_id)
    if message is None:
        raise Http404
    return render(request, "network/outbox_detail.html", {"message_": message})
