"""Members' notification pages and the follow / mute buttons (POST, back to where the member was)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forums.context_processors import unread_count_forget
from forums.models import Category, Notification, NotificationKind, Post, Thread
from forums.services import following
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest

NOTIFICATIONS_PER_PAGE = 30


def _back(request: AuthenticatedHttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return HttpResponseRedirect(target)


def _visible_notifications(request: AuthenticatedHttpRequest) -> QuerySet[Notification]:
    """The member's notifications about what they may still see (a post hidden since is left out; a
    moderation decision about their own post always shows)."""
    user = request.user
    return (
        Notification.objects.for_user(user)
        .filter(
            Q(kind=NotificationKind.MODERATION)
            | Q(post__in=Post.objects.visible_to(user).filter(status="visible"))
            | Q(post__isnull=True, thread__in=Thread.objects.visible_to(user))
        )
        .select_related("actor", "thread", "thread__consultation", "post")
    )


@members_only
@require_GET
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(_visible_notifications(request), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "forums/notifications.html", {"page": page, "notifications": page.object_list})


@members_only
@require_GET
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Following a notification marks it read and goes to its post (or thread)."""
    notification = _visible_notifications(request).filter(pk=pk).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        unread_count_forget([request.user.pk])
    post = notification.post
    if notification.kind == NotificationKind.MODERATION and post is not None and post.status != "visible":
        return redirect(notification.thread.get_absolute_url())
    return redirect(notification.get_absolute_url())


@members_only
@require_POST
def notifications_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    unread_count_forget([request.user.pk])
    messages.success(request, _("All your notifications are marked read."))
    return redirect("forums:notifications")


@members_only
@require_POST
def follow(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """``?level=following`` (default), ``muted`` or ``none`` for a thread the member may read."""
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    level = request.POST.get("level") or request.GET.get("level") or "following"
    if level == "muted":
        following.thread_mute(user=request.user, thread=thread)
        messages.success(request, _("Muted: you will not be notified of new posts in this thread."))
    elif level == "none":
        following.thread_unfollow(user=request.user, thread=thread)
        messages.success(request, _("You no longer follow this thread."))
    elif level == "following":
        following.thread_follow(user=request.user, thread=thread)
        if hasattr(thread, "consultation") and thread.consultation.opens_at > timezone.now():
            messages.success(request, _("You follow this e-discussion. You will be told when it opens."))
        else:
            messages.success(request, _("You follow this thread: you will be notified of new posts."))
    else:
        return HttpResponse(status=400)
    return _back(request, thread.get_absolute_url())


@members_only
@require_POST
def category_follow(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """``?level=following`` (told of each new thread), ``muted`` or ``none``."""
    category = get_object_or_404(Category.objects.filter(is_active=True), slug=slug)
    level = request.POST.get("level") or request.GET.get("level") or "following"
    if level == "muted":
        following.category_mute(user=request.user, category=category)
        messages.success(request, _("Muted: you will not be notified of new threads in this category."))
    elif level == "none":
        following.category_unfollow(user=request.user, category=category)
        messages.success(request, _("You no longer follow this category."))
    elif level == "following":
        following.category_follow(user=request.user, category=category)
        messages.success(request, _("You follow this category: you will be notified of each new thread."))
    else:
        return HttpResponse(status=400)
    fallback = reverse("forums:category", args=[category.slug])
    return _back(request, fallback)
