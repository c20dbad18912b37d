"""Contact an expert: the form on a profile, the recipient's block page and their contact settings."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from experts.contact_forms import ContactForm, ContactSwitchForm
from experts.models import ContactBlock, ContactMessage, ExpertProfile
from experts.services.contact import (
    ContactRefused,
    contact_accepted,
    contact_block,
    contact_messages_left,
    contact_retry_at,
    contact_send,
    contact_switch,
    contact_unblock,
)
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest


@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    profile = get_object_or_404(
        ExpertProfile.objects.visible_to(request.user).select_related("user", "user__membership"), slug=slug
    )
    own = profile.user_id == request.user.pk
    accepted = not own and contact_accepted(sender=request.user, profile=profile)
    form = ContactForm(request.POST if request.method == "POST" and accepted else None)
    if form.is_bound and form.is_valid():
        try:
            contact_send(sender=request.user, profile=profile, **form.cleaned_data)
        except ContactRefused as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your message was sent to %(name)s. If they reply, the answer comes to your email address.")
                % {"name": profile.user.display_name},
            )
            return redirect("experts:contact", slug=profile.slug)
    context = {
        "profile": profile,
        "form": form,
        "own": own,
        "accepted": accepted,
        "retry_at": contact_retry_at(sender=request.user) if accepted else None,
        "messages_left": contact_messages_left(sender=request.user),
    }
    return render(request, "experts/contact.html", context, status=400 if form.errors else 200)


@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def contact_block_page(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    """Opened from the "block this sender" link in a relayed email; only its recipient can use it."""
    try:
        message_id = signing.loads(token, salt=ContactMessage.BLOCK_TOKEN_SALT)
    except signing.BadSignature:
        raise Http404 from None
    message = get_object_or_404(
        ContactMessage.objects.select_related("sender"), pk=message_id, recipient=request.user
    )
    sender = message.sender
    if request.method == "POST" and sender is not None:
        if request.POST.get("action") == "unblock":
            contact_unblock(blocker=request.user, blocked_id=sender.pk)
            messages.success(request, _("%(name)s can write to you again.") % {"name": sender.display_name})
        else:
            contact_block(blocker=request.user, blocked=sender)
            messages.success(
                request,
                _("%(name)s can no longer write to you. They are not told.") % {"name": sender.display_name},
            )
        return redirect("experts:contact_block", token=token)
    blocked = (
        sender is not None and ContactBlock.objects.filter(blocker=request.user, blocked=sender).exists()
    )
    return render(
        request, "experts/contact_block.html", {"message": message, "sender": sender, "blocked": blocked}
    )


@members_only
@require_http_methods(["GET", "HEAD", "POST"])
def contact_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Switch contact on or off and lift blocks."""
    profile = get_object_or_404(ExpertProfile, user=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "unblock":
            blocked_id = request.POST.get("member", "")
            if blocked_id.isdigit() and contact_unblock(blocker=request.user, blocked_id=int(blocked_id)):
                messages.success(request, _("The member can write to you again."))
            else:
                messages.error(request, _("That member was not blocked."))
        else:
            switch = ContactSwitchForm(request.POST)
            switch.is_valid()  # a checkbox: always valid, absent means off
            contact_switch(profile=profile, enabled=switch.cleaned_data["contact_enabled"])
            if profile.contact_enabled:
                messages.success(request, _("Members can write to you again."))
            else:
                messages.success(request, _("Contact is off: nobody can write to you through the portal."))
        return redirect("experts:contact_settings")
    blocks = (
        ContactBlock.objects.filter(blocker=request.user).select_related("blocked").order_by("-created_at")
    )
    context = {
        "profile": profile,
        "switch_form": ContactSwitchForm(initial={"contact_enabled": profile.contact_enabled}),
        "blocks": blocks,
    }
    return render(request, "experts/contact_settings.html", context)
