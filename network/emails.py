"""Templated, translated emails: one function renders subject + plain text + HTML in the recipient's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(
    *, to: str, template: str, context: dict[str, Any], language: str, headers: dict[str, str] | None = None
) -> None:
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` in ``language`` and send them."""
    context = {"site_url": settings.SITE_URL, "support_email": settings.SUPPORT_EMAIL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=text,
        to=[to],
        reply_to=[settings.SUPPORT_EMAIL],
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
