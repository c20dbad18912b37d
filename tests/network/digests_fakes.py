"""Fakes shared by the digest sending, command and admin tests: a section with news for every member (but those
listed as having nothing new), a mail backend that answers from a script, and a plain digest email (the real
templates are tested in test_digest_email.py; here only what is sent, to whom and how often matters)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from network.digest import DigestItem, DigestSection
from network.models import DigestDelivery

NOTHING_NEW: set[str] = set()  # addresses whose section is empty


def news_section(user: Any, since: datetime) -> DigestSection | None:
    if user.email in NOTHING_NEW:
        return None
    item = DigestItem(title="Youth engagement in Mombasa", url="https://onse.example/practices/1/")
    return DigestSection(key="news", title="News", items=[item], total=3, more_url="https://onse.example/p/")


class WorkerKilled(BaseException):
    """What a worker killed mid-send looks like to the code after it: nothing runs any more."""


class ScriptedBackend(BaseEmailBackend):
    """Records what was sent; ``script[address]`` is a list of errors raised, in turn, for that address."""

    sent: list[EmailMessage] = []
    script: dict[str, list[BaseException]] = {}
    connections = 0

    def open(self) -> bool:
        type(self).connections += 1
        return True

    def close(self) -> None:
        pass

    def send_messages(self, email_messages: Any) -> int:
        for message in email_messages:
            for address in message.to:
                errors = self.script.get(address)
                if errors:
                    raise errors.pop(0)
            type(self).sent.append(message)
        return len(email_messages)


def sent_to() -> list[str]:
    return [address for message in ScriptedBackend.sent for address in message.to]


def plain_digest_email(delivery: DigestDelivery, sections: Any) -> tuple[str, EmailMessage]:
    subject = f"{len(sections)} section(s) — your digest"
    return subject, EmailMessage(subject=subject, body="news", to=[delivery.member.email])


@pytest.fixture
def digests(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[ScriptedBackend]]:
    """Digests with one section of news, sent through ``ScriptedBackend``; yields it."""
    settings.DIGEST_SECTIONS = [f"{__name__}.news_section"]
    settings.EMAIL_BACKEND = f"{__name__}.ScriptedBackend"
    monkeypatch.setattr("network.services.digests.digest_email", plain_digest_email)
    ScriptedBackend.sent = []
    ScriptedBackend.script = {}
    ScriptedBackend.connections = 0
    NOTHING_NEW.clear()
    yield ScriptedBackend
    NOTHING_NEW.clear()
