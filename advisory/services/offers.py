"""An offer's life: the offerer writes and submits it; staff publish it, ask for changes, reject or close it;
members register interest. Every status change goes through the shared workflow (audited, the offerer emailed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from advisory.models import Offer, OfferInterest, OfferStatus
from network.markdown import markdown_render
from network.models import Theme, User
from network.permissions import is_member
from network.workflow import audit_record, transition_apply

OFFER_FIELDS = (
    "title",
    "summary",
    "description",
    "kind",
    "delivery",
    "pillars",
    "languages",
    "organisation",
    "starts_on",
    "ends_on",
    "on_request",
    "capacity",
    "eligibility",
    "visibility",
)


def _slug_for(title: str) -> str:
    base = (slugify(title, allow_unicode=False) or "offer")[:120]
    slug, n = base, 2
    while Offer.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def offer_submission_problems(offer: Offer) -> list[str]:
    """What an offer still lacks before it can go to review (empty when complete)."""
    problems = []
    if not offer.summary.strip():
        problems.append(_("Write a short summary."))
    if not offer.description.strip():
        problems.append(_("Describe the offer."))
    if not offer.themes.exists():
        problems.append(_("Choose at least one theme."))
    if not offer.languages:
        problems.append(_("Say in which languages it is offered."))
    if not offer.on_request and offer.starts_on is None:
        problems.append(_("Give the dates, or say they are on request."))
    return problems


@transaction.atomic
def offer_create(
    *, actor: User, fields: Mapping[str, Any], themes: Iterable[Theme] = (), at: datetime | None = None
) -> Offer:
    if not is_member(actor):
        raise PermissionDenied
    at = at or timezone.now()
    offer = Offer(
        offered_by=actor,
        created_at=at,
        updated_at=at,
        slug=_slug_for(str(fields.get("title", ""))),
        **{name: value for name, value in fields.items() if name in OFFER_FIELDS},
    )
    offer.description_html = markdown_render(offer.description)
    offer.full_clean(exclude=["themes"])
    offer.save()
    offer.themes.set(themes)
    return offer


@transaction.atomic
def offer_update(
    *, offer: Offer, actor: User, fields: Mapping[str, Any], themes: Iterable[Theme] | None = None
) -> Offer:
    if not offer.is_editable_by(actor):
        raise PermissionDenied
    for name, value in fields.items():
        if name in OFFER_FIELDS:
            setattr(offer, name, value)
    offer.description_html = markdown_render(offer.description)
    offer.updated_at = timezone.now()
    offer.full_clean(exclude=["themes", "slug"])
    offer.save()
    if themes is not None:
        offer.themes.set(themes)
    return offer


def offer_submit(*, offer: Offer, actor: User, at: datetime | None = None, notify: bool = True) -> Offer:
    if offer.offered_by_id != actor.pk or not is_member(actor):
        raise PermissionDenied
    problems = offer_submission_problems(offer)
    if problems:
        raise ValidationError(problems)
    at = at or timezone.now()
    return transition_apply(
        instance=offer, transition="submit", actor=actor, at=at, notify=notify, changes={"submitted_at": at}
    )


def offer_withdraw(*, offer: Offer, actor: User) -> Offer:
    if offer.offered_by_id != actor.pk:
        raise PermissionDenied
    return transition_apply(instance=offer, transition="withdraw", actor=actor)


def _moderate(
    offer: Offer,
    name: str,
    *,
    actor: User | None,
    note: str,
    at: datetime | None,
    notify: bool,
    **changes: Any,
) -> Offer:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied
    return transition_apply(
        instance=offer, transition=name, actor=actor, note=note, at=at, notify=notify, changes=changes
    )


def offer_publish(
    *, offer: Offer, actor: User | None, note: str = "", at: datetime | None = None, notify: bool = True
) -> Offer:
    at = at or timezone.now()
    return _moderate(
        offer, "publish", actor=actor, note=note, at=at, notify=notify, published_at=offer.published_at or at
    )


def offer_request_changes(
    *, offer: Offer, actor: User | None, note: str, at: datetime | None = None, notify: bool = True
) -> Offer:
    if not note.strip():
        raise ValidationError(_("Say what should change."))
    return _moderate(offer, "request_changes", actor=actor, note=note, at=at, notify=notify)


def offer_reject(
    *, offer: Offer, actor: User | None, note: str, at: datetime | None = None, notify: bool = True
) -> Offer:
    if not note.strip():
        raise ValidationError(_("Give the offerer the reason."))
    return _moderate(offer, "reject", actor=actor, note=note, at=at, notify=notify)


def offer_close(
    *, offer: Offer, actor: User | None, note: str = "", at: datetime | None = None, notify: bool = True
) -> Offer:
    """Staff close a published offer (full, past); the offerer may close their own."""
    if actor is not None and offer.offered_by_id == actor.pk and not actor.is_staff:
        return transition_apply(
            instance=offer, transition="close", actor=actor, note=note, at=at, notify=False
        )
    return _moderate(offer, "close", actor=actor, note=note, at=at, notify=notify)


def offer_reopen(*, offer: Offer, actor: User | None, note: str = "") -> Offer:
    return _moderate(offer, "reopen", actor=actor, note=note, at=None, notify=True)


def interest_register(
    *, offer: Offer, member: User, message: str = "", at: datetime | None = None
) -> OfferInterest:
    """A member registers interest in a published offer they can see (once; again updates the message)."""
    if not is_member(member):
        raise PermissionDenied
    if (
        offer.status != OfferStatus.PUBLISHED
        or not Offer.objects.visible_to(member).filter(pk=offer.pk).exists()
    ):
        raise ValidationError(_("This offer is not open for registrations."))
    if offer.offered_by_id == member.pk:
        raise ValidationError(_("This is your own offer."))
    interest, created = OfferInterest.objects.get_or_create(
        offer=offer, member=member, defaults={"message": message.strip(), "created_at": at or timezone.now()}
    )
    if not created and message.strip() and interest.message != message.strip():
        interest.message = message.strip()
        interest.save(update_fields=["message"])
    return interest


def interest_withdraw(*, offer: Offer, member: User) -> None:
    OfferInterest.objects.filter(offer=offer, member=member).delete()


@transaction.atomic
def offer_staff_edit(
    *,
    offer: Offer,
    actor: User,
    changed: Iterable[str],
    save_related: Callable[[], None] | None = None,
) -> None:
    """Staff corrected an offer in the admin: save the changed fields (already set on ``offer``), then
    ``save_related`` (the admin's themes), re-render the Markdown and record the change in the offer's history
    (a details change, nobody emailed). Nothing changed, nothing written."""
    names = sorted(set(changed))
    if not names:
        return
    concrete = {field.name for field in Offer._meta.concrete_fields}
    offer.description_html = markdown_render(offer.description)
    offer.updated_at = timezone.now()
    fields = [name for name in names if name in concrete]
    offer.save(update_fields=[*fields, "description_html", "updated_at"])
    if save_related is not None:
        save_related()
    current = Offer.objects.values_list("status", flat=True).get(pk=offer.pk)
    audit_record(
        instance=offer,
        actor=actor,
        from_status=current,
        to_status=current,
        note=_("Edited by staff: %(fields)s") % {"fields": ", ".join(_label(name) for name in names)},
    )


def _label(name: str) -> str:
    try:
        return str(Offer._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return name
