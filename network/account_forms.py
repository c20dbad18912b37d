"""allauth form overrides: the portal's wording (``ACCOUNT_FORMS``: sentence-case labels, no placeholder echoing
the label) and the second sign-in step limited like the password step (``MFA_FORMS``)."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.core import context
from allauth.mfa.base import forms as mfa_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from network import ratelimits

NEW_PASSWORD = {"password1": _("New password"), "password2": _("New password (again)")}


def _portal_wording(form: forms.Form, labels: dict[str, Any]) -> None:
    for name, field in form.fields.items():
        field.widget.attrs.pop(
            "placeholder", None
        )  # the label says it already; placeholders vanish on typing
        if name in labels:
            field.label = labels[name]


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {"remember": _("Keep me signed in on this device")})
        if "remember" in self.fields:
            self.fields["remember"].help_text = _("Leave this unticked on a shared or public computer.")


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {"oldpassword": _("Current password"), **NEW_PASSWORD})


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {})


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {})


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, NEW_PASSWORD)


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _portal_wording(self, {"email": _("New email address")})


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
