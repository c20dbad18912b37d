"""The member's own practices: write one (/practices/submit/), change it (/practices/<slug>/edit/), send it to the
moderators or take it back, see them all with the moderators' notes (/practices/mine/) and a practice's history.

Members and staff only (network.permissions); an applicant or a suspended member gets the "membership pending"
page. A practice is changed only by its submitter while ``GoodPractice.is_editable_by`` says so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts.models import SPOKEN_LANGUAGES
from network.idempotency import FormOnce, form_token_new
from network.permissions import members_only
from network.types import AuthenticatedHttpRequest
from network.workflow import TransitionNotAllowed
from practices.attachment_forms import PracticeAttachmentsForm
from practices.forms import LinkFormSet, PracticeForm, practice_initial
from practices.history import practice_history
from practices.models import GoodPractice, GoodPracticeEvent, PracticeStatus
from practices.services.practices import practice_create, practice_update
from practices.services.workflow import practice_submit, practice_withdraw

DETECTED_KEY = "practices:detected:%s"


def _render_form(
    request: AuthenticatedHttpRequest,
    form: PracticeForm,
    links: Any,
    attachments: PracticeAttachmentsForm,
    practice: GoodPractice | None,
) -> HttpResponse:
    if practice is not None and request.method == "GET":
        detected = request.session.pop(DETECTED_KEY % practice.pk, "")
        if detected:
            form.fields["language"].help_text = _("Detected: %(language)s — change if wrong.") % {
                "language": dict(SPOKEN_LANGUAGES).get(detected, detected)
            }
    context = {
        "form": form,
        "links": links,
        "attachments_form": attachments,
        "practice": practice,
        "history": practice_history(practice) if practice is not None else [],
    }
    return render(request, "practices/form.html", context)


def _attachments_form(
    request: AuthenticatedHttpRequest, practice: GoodPractice | None
) -> PracticeAttachmentsForm:
    """The files part of the page: bound on a POST, so a refused file is reported beside everything kept."""
    if request.method == "POST":
        return PracticeAttachmentsForm(request.POST, request.FILES, practice=practice, prefix="attachments")
    return PracticeAttachmentsForm(practice=practice, prefix="attachments")


def _save(
    request: AuthenticatedHttpRequest,
    form: PracticeForm,
    links: Any,
    attachments: PracticeAttachmentsForm,
    practice: GoodPractice | None,
) -> HttpResponse:
    """Save what the form holds, then submit it if asked; every outcome keeps what the member typed."""
    content = form.content(links.links())
    if practice is None:
        once = FormOnce(
            scope="practices:create", user_id=request.user.pk, token=form.cleaned_data.get("form_token")
        )
        if not once.claim():
            existing = once.earlier()
            messages.info(request, _("This form had already been sent: here is the practice it saved."))
            created = GoodPractice.objects.filter(pk=existing or 0, submitted_by=request.user).first()
            if created is None or not created.is_editable_by(request.user):
                return redirect("practices:mine")
            return redirect("practices:edit", slug=created.slug)
        try:
            with transaction.atomic():
                practice = practice_create(submitted_by=request.user, content=content)
                attachments.save(practice=practice, actor=request.user)
        except BaseException:
            once.release()
            raise
        once.done(practice.pk)
    else:
        with transaction.atomic():
            practice = practice_update(practice=practice, actor=request.user, content=content)
            attachments.save(practice=practice, actor=request.user)

    if not content.language and practice.language:
        request.session[DETECTED_KEY % practice.pk] = practice.language
        if request.POST.get("action") == "submit":
            messages.warning(
                request, _("Your draft is saved. Check the language we detected, then submit it again.")
            )
            return redirect("practices:edit", slug=practice.slug)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Your draft is saved. Only you can see it until it is published."))
        return redirect("practices:edit", slug=practice.slug)
    try:
        practice_submit(practice=practice, actor=request.user)
    except ValidationError as error:
        messages.warning(request, _("Your draft is saved, but it cannot be submitted yet."))
        for problem in error.messages:
            form.add_error(None, problem)
        return _render_form(
            request, form, links, PracticeAttachmentsForm(practice=practice, prefix="attachments"), practice
        )
    messages.success(request, _("Thank you: your practice is with the moderators. We will email you."))
    return redirect("practices:mine")


@members_only
def practice_submit_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    attachments = _attachments_form(request, None)
    if request.method == "POST":
        form = PracticeForm(request.POST, user=request.user)
        links = LinkFormSet(request.POST, prefix="links")
        if all([form.is_valid(), links.is_valid(), attachments.is_valid()]):
            return _save(request, form, links, attachments, None)
        return _render_form(request, form, links, attachments, None)
    form = PracticeForm(user=request.user, initial={"form_token": form_token_new()})
    return _render_form(request, form, LinkFormSet(prefix="links"), attachments, None)


def _own_practice(request: AuthenticatedHttpRequest, slug: str) -> GoodPractice:
    practice = get_object_or_404(GoodPractice.objects.visible_to(request.user), slug=slug)
    if practice.submitted_by_id != request.user.pk:
        raise PermissionDenied
    return practice


@members_only
def practice_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    practice = _own_practice(request, slug)
    if not practice.is_editable_by(request.user):
        messages.error(
            request,
            _("“%(title)s” is with the moderators (%(status)s): it cannot be changed now.")
            % {"title": practice.title, "status": practice.get_status_display()},
        )
        return redirect("practices:mine")
    attachments = _attachments_form(request, practice)
    if request.method == "POST":
        form = PracticeForm(request.POST, user=request.user, practice=practice)
        links = LinkFormSet(request.POST, prefix="links")
        if all([form.is_valid(), links.is_valid(), attachments.is_valid()]):
            return _save(request, form, links, attachments, practice)
        return _render_form(request, form, links, attachments, practice)
    form = PracticeForm(
        user=request.user, practice=practice, initial=practice_initial(practice, request.user)
    )
    links = LinkFormSet(
        prefix="links", initial=[{"title": x.title, "url": x.url} for x in practice.links.all()]
    )
    return _render_form(request, form, links, attachments, practice)


@members_only
@require_POST
def practice_submit_existing(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """ "Submit" from the list of one's practices, for a draft already complete."""
    practice = _own_practice(request, slug)
    try:
        practice_submit(practice=practice, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, error.messages[0])
        return redirect("practices:mine")
    except ValidationError as error:
        messages.error(request, " ".join([_("It cannot be submitted yet."), *error.messages]))
        return redirect("practices:edit", slug=practice.slug)
    messages.success(request, _("Thank you: your practice is with the moderators. We will email you."))
    return redirect("practices:mine")


@members_only
@require_POST
def practice_withdraw_page(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    practice = _own_practice(request, slug)
    try:
        practice_withdraw(practice=practice, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your practice is back in your drafts: change it and submit it again."))
    return redirect("practices:mine")


@members_only
def practice_mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    notes = GoodPracticeEvent.objects.filter(practice=OuterRef("pk")).exclude(note="")
    notes = notes.exclude(actor=request.user).order_by("-created_at", "-pk")
    practices = (
        GoodPractice.objects.submitted_by(request.user)
        .annotate(
            last_note=Subquery(notes.values("note")[:1]),
            last_note_at=Subquery(notes.values("created_at")[:1]),
        )
        .order_by("-updated_at", "-pk")
    )
    context = {"practices": practices, "waiting": {PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW}}
    return render(request, "practices/mine.html", context)


@members_only
def practice_history_page(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The versions and notes of a practice, for its submitter and staff only."""
    practice = get_object_or_404(GoodPractice.objects.visible_to(request.user), slug=slug)
    if practice.submitted_by_id != request.user.pk and not request.user.is_staff:
        raise Http404
    context = {"practice": practice, "history": practice_history(practice)}
    return render(request, "practices/history.html", context)
