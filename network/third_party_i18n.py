"""Django's and allauth's texts, translated (or retranslated) in our own catalogues.

Our catalogues come first (LOCALE_PATHS), so an entry there replaces the package's. Two kinds of gaps:

* strings the packages' catalogues lack, or translate wrongly, in one of our languages (Django's Arabic has none
  of 5.x's password-authentication texts; allauth's Arabic calls MFA "وزارة الخارجية" and breaks a placeholder);
  they are listed below so that ``makemessages`` keeps them in our catalogues, where they are translated in all
  six languages. Drop an entry once the package's own catalogue is right.
* allauth's ``Authenticator`` model has no verbose names, so the admin said "اختر authenticator لتغييره";
  ``label_third_party_models`` gives it translatable ones at start-up.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext_lazy

UPSTREAM_STRINGS = [
    # django.contrib.auth: the admin's user pages and the password validators.
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),  # noqa: RUF001 (Django's msgid)
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be "
        "able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Conflicting form data submitted. Please try again."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    # django core: a model constraint's default message (the admin's country form checks one).
    gettext_noop("Constraint “%(name)s” is violated."),
    # django.contrib.admin, missing in Simplified Chinese and Portuguese.
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),  # noqa: RUF001
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),  # noqa: RUF001
    # allauth's MFA pages, wrong in Arabic.
    gettext_noop("MFA"),
    gettext_noop("Incorrect code."),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Code"),
    gettext_noop("Authenticator code"),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Cancel"),
    gettext_noop("Generate"),
    gettext_noop("Enter your password:"),
    gettext_noop("Authenticator secret"),
    gettext_noop("You can store this secret and use it to reinstall your authenticator app at a later time."),
    gettext_noop("Deactivate Authenticator App"),
    ngettext_lazy(
        "There is %(unused_count)s out of %(total_count)s recovery codes available.",
        "There are %(unused_count)s out of %(total_count)s recovery codes available.",
    ),
]


def label_third_party_models() -> None:
    """Translatable names for allauth's Authenticator, shown in the admin.

    Only the display attributes change: migrations read ``Meta``'s original options and each field's
    constructor arguments, so no migration is due for allauth's app.
    """
    from allauth.mfa.models import Authenticator

    opts = Authenticator._meta
    opts.verbose_name = _("authenticator")
    opts.verbose_name_plural = _("authenticators")
    labels = {
        "user": _("user"),
        "type": _("type"),
        "data": _("data"),
        "created_at": _("created at"),
        "last_used_at": _("last used at"),
    }
    for name, label in labels.items():
        opts.get_field(name).verbose_name = label
