"""allauth form overrides (``MFA_FORMS``): the second sign-in step is limited like the password step."""

from __future__ import annotations

from allauth.core import context
from allauth.mfa.base import forms as mfa_forms

from network import ratelimits


class CodeAttemptLimitMixin:
    """Count each code per account and address before allauth counts it per account (same rates as passwords).

    allauth's own count (``login_failed`` keyed ``mfa-auth-user-<pk>``) refuses without saying how long to
    wait, so it is checked here first, without counting, to give the same message and 429 as the password step.
    """

    user: object

    def clean_code(self) -> str:
        request = context.request
        account_key = f"mfa-auth-user-{self.user.pk}"  # type: ignore[attr-defined]  # allauth's own key
        from_address = ratelimits.consume_or_raise(
            request,
            action=ratelimits.ADDRESS_ACTION,
            key=ratelimits.address_key(request, account_key),
        )
        wait = ratelimits.seconds_until_allowed(request, action=ratelimits.ACCOUNT_ACTION, key=account_key)
        if wait:
            from_address.rollback()
            raise ratelimits.too_many_attempts(request, wait)
        code: str = super().clean_code()  # type: ignore[misc]  # a wrong code raises and stays counted
        from_address.rollback()
        return code


class AuthenticateForm(CodeAttemptLimitMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(CodeAttemptLimitMixin, mfa_forms.ReauthenticateForm):
    pass
