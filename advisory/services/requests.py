"""A request's life: the requester files, withdraws and rates it; staff triage, match, start, complete or decline it.

Every status change goes through the shared workflow (``transition_apply``: locked, checked, audited, the requester
emailed after commit when the step concerns them) and stamps ``status_changed_at`` (the queue's "waiting since").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory.models import AdvisoryRequest, RequestNote, RequestStatus
from network.markdown import markdown_render
from network.models import Theme, User
from network.permissions import is_member
from network.workflow import audit_record, transition_apply

# What the requester writes (the form's fields, themes apart).
REQUEST_FIELDS = (
    "on_behalf_of_institution",
    "institution",
    "country",
    "title",
    "need",
    "pillars",
    "languages",
    "modality",
    "timeframe",
    "confidentiality",
)


def _step(
    request: AdvisoryRequest,
    name: str,
    *,
    actor: User | None,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
    changes: Mapping[str, Any] | None = None,
) -> AdvisoryRequest:
    at = at or timezone.now()
    return transition_apply(
        instance=request,
        transition=name,
        actor=actor,
        note=note,
        at=at,
        notify=notify,
        changes={"status_changed_at": at, **(changes or {})},
    )


@transaction.atomic
def request_file(
    *,
    actor: User,
    fields: Mapping[str, Any],
    themes: Iterable[Theme] = (),
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """A member files a request; only a focal point may file on behalf of their institution."""
    if not is_member(actor):
        raise PermissionDenied
    if not str(fields.get("need", "")).strip():
        raise ValidationError({"need": _("Say what you need, in your own words.")})
    if fields.get("country") is None:
        raise ValidationError({"country": _("Choose the country that needs the help.")})
    if fields.get("on_behalf_of_institution") and not actor.membership.is_focal_point:
        raise ValidationError(
            {"on_behalf_of_institution": _("Only a focal point may file on behalf of their institution.")}
        )
    at = at or timezone.now()
    request = AdvisoryRequest(
        requested_by=actor,
        created_at=at,
        status_changed_at=at,
        **{name: value for name, value in fields.items() if name in REQUEST_FIELDS},
    )
    request.need_html = markdown_render(request.need)
    request.full_clean(exclude=["themes"])
    request.save()
    request.themes.set(themes)
    audit_record(
        instance=request, actor=actor, from_status="", to_status=RequestStatus.NEW, at=at, notify=notify
    )
    return request


def _requester_only(request: AdvisoryRequest, actor: User) -> None:
    if request.requested_by_id != actor.pk or not is_member(actor):
        raise PermissionDenied


def request_withdraw(
    *,
    request: AdvisoryRequest,
    actor: User,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """The requester takes back a request staff have not started on yet (their note is for staff)."""
    _requester_only(request, actor)
    return _step(request, "withdraw", actor=actor, note=note.strip(), at=at, notify=notify)


@transaction.atomic
def request_rate(
    *, request: AdvisoryRequest, actor: User, rating: int, what_changed: str, at: datetime | None = None
) -> AdvisoryRequest:
    """The requester rates a completed request once and says what changed (an audited details change)."""
    _requester_only(request, actor)
    locked = AdvisoryRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.can_be_rated:
        raise ValidationError(
            _("This request cannot be rated: it is not completed, or it was rated already.")
        )
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    at = at or timezone.now()
    locked.rating, locked.what_changed, locked.rated_at = int(rating), what_changed.strip(), at
    locked.save(update_fields=["rating", "what_changed", "rated_at"])
    audit_record(
        instance=locked,
        actor=actor,
        from_status=locked.status,
        to_status=locked.status,
        note=_("Rated %(rating)d/5.") % {"rating": locked.rating},
        at=at,
    )
    request.rating, request.what_changed, request.rated_at = locked.rating, locked.what_changed, at
    return locked


# --- Staff ------------------------------------------------------------------------------------------


def _staff_only(actor: User | None) -> None:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied


def request_triage(
    *,
    request: AdvisoryRequest,
    actor: User | None,
    owner: User | None = None,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """A staff member takes the request on (they own it unless they name another staff member)."""
    _staff_only(actor)
    owner = owner or request.owner or actor
    return _step(request, "triage", actor=actor, note=note, at=at, notify=notify, changes={"owner": owner})


def request_start_matching(
    *,
    request: AdvisoryRequest,
    actor: User | None,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    _staff_only(actor)
    return _step(request, "start_matching", actor=actor, note=note, at=at, notify=notify)


def request_start(
    *,
    request: AdvisoryRequest,
    actor: User | None,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """The work begins: at least one invited expert accepted (or staff handle it with a proposed offer)."""
    _staff_only(actor)
    if not request.invitations.accepted().exists() and not request.proposed_offers.exists():
        raise ValidationError(
            _("No expert has accepted and no offer was proposed yet: keep finding experts.")
        )
    return _step(request, "start", actor=actor, note=note, at=at, notify=notify)


def request_complete(
    *,
    request: AdvisoryRequest,
    actor: User | None,
    note: str = "",
    outcome_summary: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """Staff record what was delivered; the requester is asked to rate it."""
    _staff_only(actor)
    outcome = (outcome_summary or note).strip()
    if not outcome:
        raise ValidationError(_("Record the outcome: what was delivered, to whom."))
    at = at or timezone.now()
    return _step(
        request,
        "complete",
        actor=actor,
        note=note or outcome,
        at=at,
        notify=notify,
        changes={"outcome_summary": outcome, "completed_at": at},
    )


def request_decline(
    *,
    request: AdvisoryRequest,
    actor: User | None,
    note: str,
    at: datetime | None = None,
    notify: bool = True,
) -> AdvisoryRequest:
    """Declined with a reason the requester reads in the email."""
    _staff_only(actor)
    if not note.strip():
        raise ValidationError(_("Give the requester the reason."))
    return _step(request, "decline", actor=actor, note=note, at=at, notify=notify)


@transaction.atomic
def request_assign(
    *, request: AdvisoryRequest, actor: User, owner: User | None, note: str = ""
) -> AdvisoryRequest:
    """Hand the request to another staff member (audited with ``note``, nobody emailed); the same owner again
    changes nothing and writes nothing."""
    _staff_only(actor)
    if owner is not None and not (owner.is_active and owner.is_staff):
        raise ValidationError({"owner": _("The owner must be a member of the network's staff.")})
    locked = AdvisoryRequest.objects.select_for_update().get(pk=request.pk)
    if locked.owner_id == (owner.pk if owner else None):
        return locked
    locked.owner = owner
    locked.save(update_fields=["owner"])
    request.owner = owner
    summary = _("Owner: %(owner)s") % {"owner": owner.display_name if owner else "—"}
    audit_record(
        instance=locked,
        actor=actor,
        from_status=locked.status,
        to_status=locked.status,
        note=f"{summary}\n{note.strip()}" if note.strip() else summary,
    )
    return locked


# What staff may correct on a request: how it is classified for matching. What the requester wrote (title, need,
# institution, country) and who may read it (confidentiality: the requester's consent) stay as written.
STAFF_EDITABLE_FIELDS = ("themes", "pillars", "languages", "modality")


@transaction.atomic
def request_staff_edit(
    *,
    request: AdvisoryRequest,
    actor: User,
    changed: Collection[str],
    save_related: Callable[[], None] | None = None,
) -> AdvisoryRequest:
    """Save the classification fields named in ``changed`` (already set on ``request``), then ``save_related``
    (the admin's many-to-many fields), and audit the change by the fields' labels. Any other field named in
    ``changed`` is refused; nothing changed, nothing written."""
    _staff_only(actor)
    refused = [name for name in changed if name not in STAFF_EDITABLE_FIELDS]
    if refused:
        raise PermissionDenied(f"staff may not change {', '.join(refused)}")
    if not changed:
        if save_related is not None:
            save_related()  # the admin's inlines, read-only here: nothing to write, but saved as the admin expects
        return request
    concrete = [name for name in changed if name != "themes"]
    if concrete:
        request.save(update_fields=concrete)
    if save_related is not None:
        save_related()
    current = AdvisoryRequest.objects.values_list("status", flat=True).get(pk=request.pk)
    labels = ", ".join(
        str(getattr(AdvisoryRequest._meta.get_field(name), "verbose_name", name)) for name in changed
    )
    audit_record(
        instance=request,
        actor=actor,
        from_status=current,
        to_status=current,
        note=_("Classification corrected by staff: %(fields)s") % {"fields": labels},
    )
    return request


def request_note_add(*, request: AdvisoryRequest, actor: User, body: str) -> RequestNote:
    _staff_only(actor)
    if not body.strip():
        raise ValidationError({"body": _("Write the note.")})
    return RequestNote.objects.create(request=request, author=actor, body=body.strip())
