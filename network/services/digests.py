"""Email digests: plan a run, then send its deliveries in chunks, each once.

``digest_run_plan`` (the beat, or ``send_digests``) names the period (``2026-W48``), creates its ``DigestRun``
(once) and one ``DigestDelivery`` per member who receives that frequency (once: the unique constraint and
``ignore_conflicts``), each covering what is new since the end of that member's previous covered digest.
``digest_deliveries_send`` takes a chunk of delivery ids and sends them over one SMTP connection:

1. **claim** a row (``planned`` → ``sending``, committed before SMTP is touched): a retried task, a second worker
   or a re-run can never send it again; a row a dead worker left ``sending`` is not sent again either (the email
   may have left) — ``digest_deliveries_interrupted`` marks those failed for staff to resend;
2. **decide at sending time** (the chunk's members, settings and sections are read together just before): a member no longer in good standing, who changed frequency or whose address was
   refused is skipped; one seen on the site since the digest's start has seen it (``active``); nothing new
   (``empty``) sends nothing;
3. **send**: "try later" from SMTP (4xx, connection lost) puts the row back to ``planned`` and raises
   ``TemporaryEmailError`` so the task retries the rest of the chunk with backoff; a refusal (5xx) marks the row
   ``failed``, sets the member's address aside (``email_bounced_at``) and the chunk goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TypeVar

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from network.digest import DigestSection, digest_readers, digest_sections_for_readers
from network.emails import email_message, portal_email_render
from network.models import (
    DeliveryStatus,
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    EmailChoiceEvent,
    EmailChoiceSource,
    MemberPreferences,
    Membership,
    User,
)
from network.models.digests import COVERED_STATUSES, PERIOD_LENGTH, period_key
from network.notifications import TemporaryEmailError, smtp_error_is_temporary
from network.permissions import is_member
from network.unsubscribe import UnsubscribeKind, unsubscribe_headers, unsubscribe_path

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str
    start: datetime
    end: datetime


def digest_period(frequency: str, now: datetime | None = None) -> Period:
    """The period a run started ``now`` covers: it ends at the last ``DIGEST_HOUR_UTC`` o'clock reached (UTC)."""
    now = now or timezone.now()
    end = now.astimezone(UTC).replace(hour=settings.DIGEST_HOUR_UTC, minute=0, second=0, microsecond=0)
    if end > now:
        end -= timedelta(days=1)
    return Period(
        frequency=frequency, key=period_key(frequency, end), start=end - PERIOD_LENGTH[frequency], end=end
    )


def digest_recipients(frequency: str) -> models.QuerySet[User]:
    """Members in good standing who receive ``frequency`` (a member without saved settings gets the default)
    and whose address was not refused."""
    members = User.objects.filter(is_active=True, membership__status=Membership.Status.APPROVED)
    chosen = models.Q(preferences__digest_frequency=frequency)
    if MemberPreferences._meta.get_field("digest_frequency").default == frequency:
        chosen |= models.Q(preferences__isnull=True)
    return members.filter(chosen).exclude(preferences__email_bounced_at__isnull=False)


def digest_recipients_since(people: models.QuerySet[User], period: Period) -> models.QuerySet[User]:
    """``people`` annotated with ``since``: where the end of their previous covered digest (sent, nothing new,
    or active on the site) left them — the new one starts there, never earlier than two periods back. Reads
    only: planning stores it, ``send_digests --dry-run`` shows it."""
    covered_until = (
        DigestDelivery.objects.filter(member=models.OuterRef("pk"), status__in=COVERED_STATUSES)
        .exclude(frequency=period.frequency, period=period.key)
        .order_by("-run__period_end")
        .values("run__period_end")[:1]
    )
    earliest = period.end - 2 * PERIOD_LENGTH[period.frequency]
    return people.annotate(
        since=Greatest(
            Coalesce(models.Subquery(covered_until), models.Value(period.start)), models.Value(earliest)
        )
    )


@transaction.atomic
def digest_run_plan(
    *, frequency: str, now: datetime | None = None, members: Iterable[User] | None = None
) -> tuple[DigestRun, list[int]]:
    """The run of the current period (created once) and the ids of its deliveries still to send.

    Planning again (a second beat, a re-run) adds only members who were not planned yet. ``members`` limits the
    run to those people (``send_digests --member``)."""
    if frequency not in PERIOD_LENGTH:
        raise ValueError(f"No digest is scheduled {frequency!r}.")
    period = digest_period(frequency, now)
    run, _created = DigestRun.objects.get_or_create(
        frequency=frequency,
        period=period.key,
        defaults={"period_start": period.start, "period_end": period.end},
    )
    recipients = digest_recipients(frequency)
    if members is not None:
        recipients = recipients.filter(pk__in=[member.pk for member in members])
    rows = digest_recipients_since(recipients, period).values_list("pk", "since")  # type: ignore[misc]
    DigestDelivery.objects.bulk_create(
        (
            DigestDelivery(run=run, member_id=pk, frequency=frequency, period=period.key, since=since)
            for pk, since in rows.iterator(chunk_size=2000)
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )
    planned = list(run.deliveries.planned().order_by("pk").values_list("pk", flat=True))
    return run, planned


def chunks(items: Iterable[_T], size: int | None = None) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (``DIGEST_CHUNK_SIZE`` by default), read as they come: a run's delivery ids,
    or a streamed queryset (``itertools.batched`` arrives with Python 3.12)."""
    size = size or settings.DIGEST_CHUNK_SIZE
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- Sending ------------------------------------------------------------------------------------------------


@dataclass
class ChunkOutcome:
    """What one call did, by delivery status (``sent``, ``empty``…), for logs, the command and the benchmark."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        key = str(status)
        self.counts[key] = self.counts.get(key, 0) + 1


def _claim(delivery_id: int) -> bool:
    """``planned`` → ``sending``, committed at once (autocommit): only one worker ever holds a row."""
    return bool(
        DigestDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PLANNED).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=models.F("attempts") + 1
        )
    )


def _finish(delivery: DigestDelivery, status: str, **fields: object) -> None:
    DigestDelivery.objects.filter(pk=delivery.pk).update(status=status, **fields)


def _preferences(member: User) -> MemberPreferences:
    """The member's saved settings (loaded with ``select_related("member__preferences")``) or the defaults."""
    try:
        return member.preferences  # type: ignore[attr-defined, no-any-return]
    except MemberPreferences.DoesNotExist:
        return MemberPreferences(user=member)


def digest_sections_chosen(
    people: Sequence[tuple[User, datetime, MemberPreferences]],
) -> dict[int, list[DigestSection]]:
    """Each member's non-empty sections (by pk), without those they turned off: built for all of them at once
    (network/digest.py), in a number of queries that does not depend on how many they are."""
    readers = digest_readers(
        ((member, since) for member, since, _preferences in people),
        sections_off={member.pk: preferences.digest_sections_off for member, _since, preferences in people},
    )
    return digest_sections_for_readers(readers)


def digest_email(delivery: DigestDelivery, sections: Sequence[DigestSection]) -> tuple[str, object]:
    """The rendered digest for ``delivery`` (subject, message), in the member's language, with the one-click
    unsubscribe headers (RFC 8058)."""
    member = delivery.member
    rendered = portal_email_render(
        template="digest",
        context={
            "user": member,
            "delivery": delivery,
            "sections": sections,
            "frequency": delivery.frequency,
            "unsubscribe_path": unsubscribe_path(member, UnsubscribeKind.DIGEST),
            "settings_path": reverse("network:notification_settings"),
        },
        language=member.preferred_language,
    )
    message = email_message(
        to=member.email, rendered=rendered, headers=unsubscribe_headers(member, UnsubscribeKind.DIGEST)
    )
    return rendered.subject, message


def _skip_reason(delivery: DigestDelivery, preferences: MemberPreferences) -> str | None:
    member = delivery.member
    if not is_member(member) or preferences.email_bounced_at is not None:
        return DeliveryStatus.SKIPPED
    if (preferences.digest_frequency or DigestFrequency.WEEKLY) != delivery.frequency:
        return DeliveryStatus.SKIPPED
    if member.last_seen_at is not None and member.last_seen_at >= delivery.since:
        return DeliveryStatus.ACTIVE
    return None


@dataclass(frozen=True)
class DigestPreview:
    """What sending would do for one member now, without writing anything (``send_digests --dry-run``): a
    ``DeliveryStatus`` saying why not (``skipped``, ``active``, ``empty``), or ``None`` and the sections."""

    member: User
    since: datetime
    not_sent: str | None
    sections: Sequence[DigestSection] = ()


def digest_previews(people: Iterable[tuple[User, datetime]], *, frequency: str) -> list[DigestPreview]:
    """What sending would do now for each ``(member, since)``, without writing anything: the same decisions
    (``_skip_reason``, the members' chosen sections), built together as a chunk is."""
    people = list(people)
    saved = {
        p.user_id: p for p in MemberPreferences.objects.filter(user__in=[member.pk for member, _ in people])
    }
    decided = []
    for member, since in people:
        preferences = saved.get(member.pk) or MemberPreferences(user=member)
        delivery = DigestDelivery(member=member, frequency=frequency, since=since)
        decided.append((member, since, preferences, _skip_reason(delivery, preferences)))
    sections = digest_sections_chosen(
        [(m, since, prefs) for m, since, prefs, reason in decided if reason is None]
    )
    previews = []
    for member, since, _saved, reason in decided:
        chosen = sections.get(member.pk, []) if reason is None else []
        if reason is None and not chosen:
            reason = DeliveryStatus.EMPTY
        previews.append(DigestPreview(member=member, since=since, not_sent=reason, sections=chosen))
    return previews


def digest_preview(member: User, *, frequency: str, since: datetime) -> DigestPreview:
    """``digest_previews`` for one member."""
    (preview,) = digest_previews([(member, since)], frequency=frequency)
    return preview


def digest_deliveries_send(delivery_ids: Sequence[int], *, connection: object | None = None) -> ChunkOutcome:
    """Send these deliveries (a chunk) over one SMTP connection, each at most once; see the module docstring.

    The chunk's members, their settings and every section are read together first (a fixed number of queries);
    then each delivery is claimed, decided, written and sent in turn (two writes each)."""
    outcome = ChunkOutcome()
    deliveries = list(
        DigestDelivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PLANNED).order_by("pk")
    )
    # Their standing read with them, as it is now (``User.membership_status``), and their settings.
    people = (
        User.objects.filter(pk__in=[delivery.member_id for delivery in deliveries])
        .annotate(membership_status=models.F("membership__status"))  # type: ignore[no-redef]
        .select_related("preferences")
    )
    members = {member.pk: member for member in people}
    for delivery in deliveries:
        delivery.member = members[delivery.member_id]
    decided = [(delivery, _preferences(delivery.member)) for delivery in deliveries]
    reasons = {delivery.pk: _skip_reason(delivery, preferences) for delivery, preferences in decided}
    sections = digest_sections_chosen(
        [
            (delivery.member, delivery.since, preferences)
            for delivery, preferences in decided
            if reasons[delivery.pk] is None
        ]
    )
    for _missing in range(len(delivery_ids) - len(deliveries)):
        outcome.add("already")
    connection = connection or get_connection(fail_silently=False)
    opened = connection.open()  # type: ignore[attr-defined]
    try:
        for delivery in deliveries:
            if not _claim(delivery.pk):
                outcome.add("already")
                continue
            reason = reasons[delivery.pk]
            if reason is not None:
                _finish(delivery, reason)
                outcome.add(reason)
                continue
            outcome.add(_send_one(delivery, sections.get(delivery.member_id, []), connection))
    finally:
        if opened:
            connection.close()  # type: ignore[attr-defined]
    return outcome


def _send_one(delivery: DigestDelivery, sections: Sequence[DigestSection], connection: object) -> str:
    if not sections:
        _finish(delivery, DeliveryStatus.EMPTY)
        return DeliveryStatus.EMPTY
    try:
        subject, message = digest_email(delivery, sections)
    except Exception as error:  # a template or section bug: recorded for staff, the chunk goes on
        logger.exception("Digest %s could not be written", delivery.pk)
        _finish(delivery, DeliveryStatus.FAILED, error=f"Could not be written: {error!r}"[:2000])
        return DeliveryStatus.FAILED
    try:
        connection.send_messages([message])  # type: ignore[attr-defined]
    except Exception as error:
        if smtp_error_is_temporary(error):
            # Not sent: give the row back; the task retries this and the rest of the chunk later.
            _finish(delivery, DeliveryStatus.PLANNED, claimed_at=None, error=str(error)[:2000])
            raise TemporaryEmailError(str(error)) from error
        _finish(delivery, DeliveryStatus.FAILED, error=str(error)[:2000], subject=subject[:255])
        digest_address_refused(member=delivery.member, reason=str(error))
        logger.warning("Digest %s refused for member %s: %s", delivery.pk, delivery.member_id, error)
        return DeliveryStatus.FAILED
    _finish(
        delivery,
        DeliveryStatus.SENT,
        sent_at=timezone.now(),
        error="",
        subject=subject[:255],
        sections=[{"key": s.key, "total": s.total} for s in sections],
    )
    return DeliveryStatus.SENT


@transaction.atomic
def digest_address_refused(*, member: User, reason: str) -> None:
    """A permanent refusal: no digest to this address until it is cleared (recorded)."""
    preferences, _created = MemberPreferences.objects.get_or_create(user=member)
    if preferences.email_bounced_at is not None:
        return
    preferences.email_bounced_at = timezone.now()
    preferences.email_bounce_reason = reason[:2000]
    preferences.save(update_fields=["email_bounced_at", "email_bounce_reason"])
    EmailChoiceEvent.objects.create(
        member=member, kind="address", old_value="", new_value="refused", source=EmailChoiceSource.BOUNCE
    )


def digest_deliveries_interrupted(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Rows a dead worker left ``sending``: marked failed ("may have been sent") for staff to look at and resend."""
    return DigestDelivery.objects.filter(
        status=DeliveryStatus.SENDING, claimed_at__lt=timezone.now() - older_than
    ).update(
        status=DeliveryStatus.FAILED, error="Interrupted while sending: the email may or may not have left."
    )


def digest_delivery_resend(*, delivery: DigestDelivery) -> bool:
    """Staff send a failed delivery again: back to ``planned`` (the caller queues it)."""
    return bool(
        DigestDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PLANNED, claimed_at=None
        )
    )
