"""Downloading a practice's file, and removing one, always after ``GoodPractice.objects.visible_to(user)``.

Anything the reader may not see — a members-only practice for a visitor, applicant or suspended member, an
unpublished one for anyone but its submitter and staff, a file number that belongs to another practice — is a
404, never a 403: the answer must not tell that it exists. The name in the download address is cosmetic (the
browser's "save as"); the number decides, and the file is served under its own safe name.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from network.attachments import attachment_response
from practices.models import GoodPractice, PracticeAttachment
from practices.services.attachments import practice_attachment_remove


def _visible_attachment(request: HttpRequest, slug: str, pk: int) -> PracticeAttachment:
    """One query: the file, if it belongs to this practice and the practice is visible to the reader."""
    visible = GoodPractice.objects.visible_to(request.user).filter(slug=slug)
    return get_object_or_404(
        PracticeAttachment.objects.select_related("practice").filter(practice__in=visible), pk=pk
    )


@require_GET
def attachment_download(request: HttpRequest, slug: str, pk: int, name: str = "") -> HttpResponseBase:
    return attachment_response(_visible_attachment(request, slug, pk))


@login_required
@require_POST
def attachment_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    """Remove one file (its submitter while the practice is editable, or staff; anyone else who can see it
    gets a 403 from the service), then go back where the button was."""
    attachment = _visible_attachment(request, slug, pk)
    practice = attachment.practice
    practice_attachment_remove(attachment=attachment, actor=request.user)  # type: ignore[arg-type]
    messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.original_name})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = practice.get_absolute_url()
    return HttpResponseRedirect(back)
