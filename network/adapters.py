from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from network import ratelimits
from network.emails import email_message, email_render
from network.models import User

# What a browser's <input type="email"> accepts (WHATWG HTML, "valid e-mail address"): an address outside it
# could sign up by a hand-made request but never type itself into the sign-in form.
WHATWG_EMAIL = re.compile(
    r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\Z"
)


def is_browser_valid_email(email: str) -> bool:
    """The WHATWG rule, after the browser's own step of writing an international domain in ASCII."""
    local, at, domain = email.rpartition("@")
    if not at:
        return False
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(WHATWG_EMAIL.match(f"{local}@{ascii_domain}"))


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

    def clean_email(self, email: str) -> str:
        """Sign-up, adding an address and password reset accept only what the sign-in form accepts."""
        if not is_browser_valid_email(email):
            raise ValidationError(
                _(
                    "This address could not be used to sign in. Before the @ use only unaccented letters, "
                    "digits and symbols such as . _ + - (no spaces, quotes or brackets)."
                ),
                code="invalid_email",
            )
        return super().clean_email(email)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Count a password attempt per account and per account-and-address (not per address alone)."""
        account_key = self._get_login_attempts_cache_key(request, **credentials)
        self._login_failed_rl_usage = ratelimits.sign_in_attempt_consume(request, account_key=account_key)
