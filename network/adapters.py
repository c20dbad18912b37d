from __future__ import annotations

import re
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from network import ratelimits

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


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's emails carry the same link home and Reply-To as the portal's own."""
        context = {"site_url": settings.SITE_URL, **context}
        msg = self.render_mail(template_prefix, email, context)
        msg.reply_to = [settings.SUPPORT_EMAIL]
        msg.send()

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
