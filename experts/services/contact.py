"""Contact an expert: a member's message relayed by email without showing either address.

The message is stored (staff read it when someone reports abuse) and emailed once after commit through the
send-once machinery (network.notifications): From is the portal, Reply-To the sender, so only the recipient's
reply reveals an address. An expert switches contact off on their profile or blocks one sender.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from experts.models import ContactBlock, ContactMessage, ExpertProfile
from network.models import User
from network.notifications import notification_enqueue
from network.permissions import is_member

# Enough for real work, too few for a mailing campaign through the portal.
DAILY_LIMIT = 10
LIMIT_WINDOW = timedelta(hours=24)


class ContactRefused(ValidationError):
    """The message cannot be sent; the text says why, in the sender's language."""


class ContactLimitReached(ContactRefused):
    def __init__(self, retry_at: datetime) -> None:
        self.retry_at = retry_at
        when = formats.date_format(timezone.localtime(retry_at), "DATETIME_FORMAT")
        super().__init__(
            _(
                "You have sent %(limit)d messages in the last 24 hours, the most the portal relays in a day. "
                "You can write again from %(when)s (UTC)."
            )
            % {"limit": DAILY_LIMIT, "when": when},
            code="limit",
        )


def contact_retry_at(*, sender: User) -> datetime | None:
    """When ``sender`` may write again if they reached today's limit, else None."""
    recent = list(
        ContactMessage.objects.sent_by_since(sender, timezone.now() - LIMIT_WINDOW)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:DAILY_LIMIT]
    )
    if len(recent) < DAILY_LIMIT:
        return None
    return recent[-1] + LIMIT_WINDOW  # the oldest of the last ten leaves the window


def contact_messages_left(*, sender: User) -> int:
    return max(
        0, DAILY_LIMIT - ContactMessage.objects.sent_by_since(sender, timezone.now() - LIMIT_WINDOW).count()
    )


def contact_accepted(*, sender: User, profile: ExpertProfile) -> bool:
    """Whether the expert takes messages from ``sender``. A block reads like contact switched off: the sender
    is never told they were blocked."""
    return (
        profile.contact_enabled
        and not ContactBlock.objects.filter(blocker_id=profile.user_id, blocked=sender).exists()
    )


@transaction.atomic
def contact_send(*, sender: User, profile: ExpertProfile, subject: str, body: str) -> ContactMessage:
    """Store ``sender``'s message to the owner of ``profile`` and relay it by email once, after commit."""
    if not is_member(sender):
        raise ContactRefused(_("Only members of the network can write to experts."), code="not_member")
    # One sender's messages are counted one at a time: two tabs cannot both send the tenth.
    User.objects.select_for_update().filter(pk=sender.pk).first()
    visible = ExpertProfile.objects.visible_to(sender).select_related("user").filter(pk=profile.pk).first()
    if visible is None:
        raise ContactRefused(_("This profile is not available."), code="not_visible")
    recipient = visible.user
    if recipient.pk == sender.pk:
        raise ContactRefused(_("This is your own profile."), code="own_profile")
    if not contact_accepted(sender=sender, profile=visible):
        raise ContactRefused(
            _("%(name)s does not accept messages at the moment.") % {"name": recipient.display_name},
            code="unavailable",
        )
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ContactRefused(_("Write a subject and a message."), code="empty")
    retry_at = contact_retry_at(sender=sender)
    if retry_at is not None:
        raise ContactLimitReached(retry_at)
    message = ContactMessage.objects.create(sender=sender, recipient=recipient, subject=subject, body=body)
    transaction.on_commit(partial(notification_enqueue, ContactMessage, message.pk))
    return message


@transaction.atomic
def contact_block(*, blocker: User, blocked: User) -> ContactBlock:
    """``blocker`` receives no more messages from ``blocked``; blocking twice changes nothing."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    block, _created = ContactBlock.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


@transaction.atomic
def contact_unblock(*, blocker: User, blocked_id: int) -> bool:
    """True if a block was lifted."""
    deleted, _rows = ContactBlock.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()
    return bool(deleted)


@transaction.atomic
def contact_switch(*, profile: ExpertProfile, enabled: bool) -> ExpertProfile:
    """Let members write to the expert, or stop every message."""
    profile.contact_enabled = enabled
    profile.updated_at = timezone.now()
    profile.save(update_fields=["contact_enabled", "updated_at"])
    return profile
