"""A member changes what the network emails them: digest frequency and sections, immediate notification emails,
"my address works again", or one click on an email's unsubscribe link.

Every change goes through ``email_choices_update`` (or the two small services built on it), which records one
``EmailChoiceEvent`` per value that actually changed, with how it was made (the settings page, the one-click link,
staff). Saving the same choices again records nothing, so a repeated POST does nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from network.models import DigestFrequency, EmailChoiceEvent, EmailChoiceSource, MemberPreferences, User
from network.unsubscribe import UnsubscribeKind


class EmailChoiceKind:
    """What an ``EmailChoiceEvent`` changed (its ``kind``)."""

    DIGEST_FREQUENCY = "digest_frequency"
    DIGEST_SECTIONS_OFF = "digest_sections_off"
    EMAIL_IMMEDIATELY = "email_immediately"
    ADDRESS = "address"  # "refused" (a bounce, network/services/digests.py) → "works" (the member says so)


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list | tuple):
        return ",".join(value)
    return str(value)


def _preferences_locked(user: User) -> MemberPreferences:
    """The member's row, created with the defaults if needed, locked until the transaction ends: a one-click
    unsubscribe and a settings page saved at the same moment each record what they changed."""
    preferences, _created = MemberPreferences.objects.get_or_create(user=user)
    return MemberPreferences.objects.select_for_update().get(pk=preferences.pk)


@transaction.atomic
def email_choices_update(
    *,
    user: User,
    source: str,
    actor: User | None = None,
    digest_frequency: str | None = None,
    digest_sections_off: Iterable[str] | None = None,
    email_immediately: bool | None = None,
) -> list[EmailChoiceEvent]:
    """Set the given choices (``None``: leave as it is); returns the events recorded, one per changed value."""
    if digest_frequency is not None and digest_frequency not in DigestFrequency.values:
        raise ValueError(f"Unknown digest frequency {digest_frequency!r}.")
    preferences = _preferences_locked(user)
    wanted: dict[str, object] = {}
    if digest_frequency is not None:
        wanted[EmailChoiceKind.DIGEST_FREQUENCY] = str(digest_frequency)
    if digest_sections_off is not None:
        wanted[EmailChoiceKind.DIGEST_SECTIONS_OFF] = sorted(set(digest_sections_off))
    if email_immediately is not None:
        wanted[EmailChoiceKind.EMAIL_IMMEDIATELY] = bool(email_immediately)
    events = []
    for field, new in wanted.items():
        old = getattr(preferences, field)
        if isinstance(old, list):
            old = sorted(old)
        if old == new:
            continue
        setattr(preferences, field, new)
        events.append(
            EmailChoiceEvent(
                member=user,
                kind=field,
                old_value=_as_text(old)[:200],
                new_value=_as_text(new)[:200],
                source=source,
                actor=actor,
            )
        )
    if events:
        preferences.save(update_fields=[event.kind for event in events])
        EmailChoiceEvent.objects.bulk_create(events)
    return events


def email_unsubscribe(*, user: User, kind: str, source: str = EmailChoiceSource.ONE_CLICK) -> bool:
    """Turn one kind of email off (an email's unsubscribe link): the digest, or each notification's email.
    True if something changed (a second click changes nothing)."""
    if kind == UnsubscribeKind.DIGEST:
        events = email_choices_update(user=user, source=source, digest_frequency=DigestFrequency.OFF)
    elif kind == UnsubscribeKind.NOTIFICATIONS:
        events = email_choices_update(user=user, source=source, email_immediately=False)
    else:
        raise ValueError(f"Unknown kind of email {kind!r}.")
    return bool(events)


def email_unsubscribed(*, user: User, kind: str) -> bool:
    """Whether that kind of email is already off for the member (the unsubscribe page says so)."""
    preferences = MemberPreferences.for_user(user)
    if kind == UnsubscribeKind.DIGEST:
        return preferences.digest_frequency == DigestFrequency.OFF
    return not preferences.email_immediately


@transaction.atomic
def email_address_works(
    *, user: User, source: str = EmailChoiceSource.SETTINGS, actor: User | None = None
) -> bool:
    """The member (or staff) says the address that was refused works again: digests resume. True if it was
    set aside."""
    preferences = _preferences_locked(user)
    if preferences.email_bounced_at is None:
        return False
    preferences.email_bounced_at = None
    preferences.email_bounce_reason = ""
    preferences.save(update_fields=["email_bounced_at", "email_bounce_reason"])
    EmailChoiceEvent.objects.create(
        member=user,
        kind=EmailChoiceKind.ADDRESS,
        old_value="refused",
        new_value="works",
        source=source,
        actor=actor,
    )
    return True
