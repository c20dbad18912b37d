from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import translation

from network.emails import email_message, email_render
from network.models import User


def account_email_language(email: str, context: dict[str, Any]) -> str:
    """The language of the person who owns the address; for an address nobody owns, the page's language."""
    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.preferred_language:
        return user.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


def _current_site(request: HttpRequest | None) -> Any:
    """allauth's ``current_site``; outside a request (a management command), the host of SITE_URL."""
    if request is not None:
        return get_current_site(request)
    host = urlsplit(settings.SITE_URL).netloc
    return SimpleNamespace(domain=host, name=host)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's emails go out like the portal's own: allauth's context (``email``, ``current_site``,
        ``request``) plus ours, HTML in the branded layout + text, the recipient's language, Reply-To."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": _current_site(request), **context}
        rendered = email_render(
            subject_template=f"{template_prefix}_subject.txt",
            text_template=f"{template_prefix}_message.txt",
            html_template=f"{template_prefix}_message.html",
            context=ctx,
            language=account_email_language(email, context),
        )
        email_message(to=email, rendered=rendered).send()

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """Remember the language the person signed up in: their emails will be written in it."""
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit)
