"""Every email the portal sends, ours and allauth's, is rendered and built here: subject + plain text + HTML
(CSS inlined, right-to-left for Arabic) in the recipient's language, with Reply-To to the support address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string, select_template
from django.utils import translation

# Mail clients drop <style> blocks; the branded layout keeps its CSS in one place and it is inlined here.
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)
# The branded layout around an email that only has a plain-text body (allauth's account emails).
TEXT_AS_HTML_TEMPLATE = "emails/text_message.html"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def email_context(context: dict[str, Any]) -> dict[str, Any]:
    """What every email template may use, under whatever the caller passes."""
    return {"site_url": settings.SITE_URL, "support_email": settings.SUPPORT_EMAIL, **context}


def email_render(
    *,
    subject_template: str,
    text_template: str,
    html_template: str | None,
    context: dict[str, Any],
    language: str,
) -> RenderedEmail:
    """Render the three parts in ``language``; without an HTML template, the text goes in the branded layout."""
    context = email_context(context)
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        text = render_to_string(text_template, context).strip() + "\n"
        try:
            html = select_template([html_template] if html_template else []).render(context)
        except TemplateDoesNotExist:
            html = render_to_string(TEXT_AS_HTML_TEMPLATE, {**context, "text": text})
    return RenderedEmail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        text=text,
        html=_INLINER.inline(html),
    )


def email_message(
    *,
    to: str,
    rendered: RenderedEmail,
    headers: dict[str, str] | None = None,
    reply_to: str | None = None,
) -> EmailMultiAlternatives:
    """From the portal; replies go to the support address unless ``reply_to`` says otherwise."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        to=[to],
        reply_to=[reply_to or settings.SUPPORT_EMAIL],
        headers=headers or {},
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def portal_email_render(*, template: str, context: dict[str, Any], language: str) -> RenderedEmail:
    """``emails/<template>_subject.txt``, ``.txt`` and ``.html``."""
    return email_render(
        subject_template=f"emails/{template}_subject.txt",
        text_template=f"emails/{template}.txt",
        html_template=f"emails/{template}.html",
        context=context,
        language=language,
    )


def send_templated_email(
    *, to: str, template: str, context: dict[str, Any], language: str, headers: dict[str, str] | None = None
) -> None:
    """Render ``emails/<template>_subject.txt``, ``.txt`` and ``.html`` in ``language`` and send them now.

    ``headers`` carries e.g. ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` for digests. An email that must
    go exactly once after a state change is not sent from here but through network.notifications.
    """
    rendered = portal_email_render(template=template, context=context, language=language)
    email_message(to=to, rendered=rendered, headers=headers).send()
