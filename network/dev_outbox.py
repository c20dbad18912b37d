"""Development outbox: every email becomes an .eml file under .data/outbox/, listed at /dev/outbox/."""

from __future__ import annotations

import email
import email.policy
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        outbox = Path(settings.EMAIL_OUTBOX_DIR)
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
            (outbox / name).write_bytes(message.message().as_bytes())
        return len(email_messages)


@dataclass(frozen=True)
class OutboxMessage:
    id: str
    sent_at: datetime
    to: str
    subject: str
    text: str
    html: str | None


def _parse(path: Path) -> OutboxMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    return OutboxMessage(
        id=path.stem,
        sent_at=datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone()),
        to=str(message["To"]),
        subject=str(message["Subject"]),
        text=text_part.get_content() if text_part else "",
        html=html_part.get_content() if html_part else None,
    )


def outbox_messages(limit: int = 200) -> list[OutboxMessage]:
    outbox = Path(settings.EMAIL_OUTBOX_DIR)
    if not outbox.is_dir():
        return []
    paths = sorted(outbox.glob("*.eml"), reverse=True)[:limit]
    return [_parse(path) for path in paths]


def outbox_message(message_id: str) -> OutboxMessage | None:
    if not message_id.replace("-", "").isalnum():
        return None
    path = Path(settings.EMAIL_OUTBOX_DIR) / f"{message_id}.eml"
    return _parse(path) if path.is_file() else None
