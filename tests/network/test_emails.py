"""Every email the portal can send, in every language: no blank placeholder, the site's name, a working link.

allauth's emails are sent through the adapter the way allauth's own flows call it (same context), ours
through the membership services; each message is then read as a member would read it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.signup import send_unknown_account_mail
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.core import context as allauth_context
from django.conf import settings
from django.core import mail
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from network.models import Membership
from network.services.membership import (
    membership_approve,
    membership_reinstate,
    membership_reject,
    membership_suspend,
)

pytestmark = pytest.mark.django_db
Status = Membership.Status
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MISSING = "MISSING-VARIABLE"
PASSWORD_RESET_URL = "http://testserver/accounts/password/reset/key/1-set-password/"


@pytest.fixture(autouse=True)
def _loud_missing_variables() -> Iterator[None]:
    """A variable a template expects but the context lacks prints a marker instead of nothing."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    engine.string_if_invalid = MISSING
    yield
    engine.string_if_invalid = ""


@pytest.fixture
def request_context(rf: RequestFactory) -> Iterator[object]:
    request = rf.post("/accounts/signup/", HTTP_USER_AGENT="Firefox/140")
    with allauth_context.request_context(request):
        yield request


def _account_emails(user, request) -> dict[str, Callable[[], None]]:
    """Each allauth email the portal can trigger, called as allauth's flows call it."""
    adapter = get_adapter(request)
    address = EmailAddress.objects.get(user=user)
    notification = adapter.send_notification_mail
    return {
        "email_confirmation_signup": lambda: adapter.send_confirmation_mail(
            request, EmailConfirmationHMAC(address), signup=True
        ),
        "email_confirmation": lambda: adapter.send_confirmation_mail(
            request, EmailConfirmationHMAC(address), signup=False
        ),
        "account_already_exists": lambda: adapter.send_account_already_exists_mail(user.email),
        "unknown_account": lambda: send_unknown_account_mail(request, "nobody@example.org"),
        "password_reset_key": lambda: adapter.send_password_reset_mail(
            user,
            user.email,
            {
                "user": user,
                "password_reset_url": PASSWORD_RESET_URL,
                "uid": "1",
                "key": "k",
                "request": request,
            },
        ),
        "password_changed": lambda: notification("account/email/password_changed", user),
        "password_set": lambda: notification("account/email/password_set", user),
        "password_reset": lambda: notification("account/email/password_reset", user),
        "email_changed": lambda: notification(
            "account/email/email_changed", user, {"from_email": user.email, "to_email": "new@example.org"}
        ),
        "email_confirm": lambda: notification("account/email/email_confirm", user),
        "email_deleted": lambda: notification(
            "account/email/email_deleted", user, {"deleted_email": "o@x.org"}
        ),
        "totp_activated": lambda: notification("mfa/email/totp_activated", user),
        "totp_deactivated": lambda: notification("mfa/email/totp_deactivated", user),
        "recovery_codes_generated": lambda: notification("mfa/email/recovery_codes_generated", user),
    }


EXPECTED_LINK = {
    "email_confirmation_signup": "/accounts/confirm-email/",
    "email_confirmation": "/accounts/confirm-email/",
    "account_already_exists": "/accounts/password/reset/",
    "unknown_account": "/accounts/signup/",
    "password_reset_key": PASSWORD_RESET_URL,
}


def _assert_reads_well(message, language: str, link: str) -> None:
    html = message.alternatives[0][0]
    with translation.override(language):
        site_name = translation.gettext("Online Network of Southern Experts")
    for part in (message.subject, message.body, html):
        assert MISSING not in part
        assert "{{" not in part and "{%" not in part
        assert not re.search(r"\s[.,]", re.sub(r"<[^>]+>", "", part)), part  # "an account on ."
        assert not re.search(r"\w {2,}\w", part), part  # a value missing between two words
        assert "“”" not in part and "()" not in part
    assert message.subject.startswith("[ONSE] ") and len(message.subject) > len("[ONSE] ") + 3
    assert site_name in html
    assert link in message.body and link in html
    assert "<style" not in html and 'style="' in html  # CSS inlined for mail clients
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    assert message.reply_to == [settings.SUPPORT_EMAIL]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_account_email_reads_well_in_every_language(make_user, request_context, settings, language):
    user = make_user(preferred_language=language, full_name="Grace Wanjiku")
    with translation.override(language):  # the unknown address has no account: the page's language
        for name, send in _account_emails(user, request_context).items():
            mail.outbox.clear()
            send()
            assert len(mail.outbox) == 1, name
            _assert_reads_well(mail.outbox[0], language, EXPECTED_LINK.get(name, "http://"))


def test_account_email_names_the_site_and_the_address(make_user, request_context):
    """The bug: "register an account on ." and blank "Account Already Exists" / "Unknown Account" texts."""
    user = make_user(email="grace@example.org", preferred_language="en")
    adapter = get_adapter(request_context)
    adapter.send_confirmation_mail(
        request_context, EmailConfirmationHMAC(EmailAddress.objects.get(user=user)), signup=True
    )
    adapter.send_account_already_exists_mail(user.email)
    send_unknown_account_mail(request_context, "nobody@example.org")
    confirmation, exists, unknown = (m.body for m in mail.outbox)
    assert "register an account on testserver." in confirmation
    assert "grace@example.org" in exists and "/accounts/password/reset/" in exists
    assert "nobody@example.org" in unknown and "/accounts/signup/" in unknown


def test_account_email_is_written_in_the_recipients_language_not_the_pages(make_user, request_context):
    user = make_user(preferred_language="fr")
    with translation.override("ar"):
        get_adapter(request_context).send_account_already_exists_mail(user.email)
    assert 'lang="fr"' in mail.outbox[0].alternatives[0][0]


DECISIONS = {
    "membership_approved": (Status.APPLIED, [membership_approve]),
    "membership_rejected": (Status.APPLIED, [membership_reject]),
    "membership_suspended": (Status.APPROVED, [membership_suspend]),
    "membership_reinstated": (Status.APPROVED, [membership_suspend, membership_reinstate]),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", DECISIONS)
def test_every_membership_email_reads_well_in_every_language(
    make_membership, moderator, django_capture_on_commit_callbacks, language, template
):
    start, decisions = DECISIONS[template]
    membership = make_membership(status=start, user__preferred_language=language)
    for decide in decisions:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            decide(membership=membership, actor=moderator, note="Note from UNCCT")
    assert len(mail.outbox) == 1
    _assert_reads_well(mail.outbox[0], language, settings.SITE_URL)
    assert "Note from UNCCT" in mail.outbox[0].body
