"""allauth's forms, worded like the rest of the portal: sentence-case labels, no placeholder echoing the label."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

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
