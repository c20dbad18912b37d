"""A member deletes their own account (the "Your data" page); see docs/decisions.md for what goes and what stays."""

from __future__ import annotations

import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.hooks import hooks_run
from network.models import AccountDeletion, Membership, User

logger = logging.getLogger(__name__)


class AccountDeletionError(ValidationError):
    pass


def sessions_end_for(*, user_id: int) -> int:
    """Remove every stored session signed in as this user (database and cache). One pass over live sessions:
    Django does not index sessions by user; at the network's size (thousands) that is a fraction of a second."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user_id):
            store_class(session.session_key).delete()
            ended += 1
    return ended


@transaction.atomic
def account_delete(*, user: User) -> AccountDeletion:
    """Delete the person's account and everything that names them, keep what abuse handling needs.

    Each app's hook (``ACCOUNT_DELETION_HOOKS``) runs first: it removes the person's content (the expert
    profile) and detaches what is kept (messages they sent, then shown as from a "deleted member"). Then the
    user row goes, taking the application, its audit trail, email addresses and second factors with it; audit
    rows the person wrote about others keep their place with an empty actor. The deletion is recorded without
    a name, and every session of the account ends once the transaction commits.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_staff or user.is_superuser:
        raise AccountDeletionError(
            _("Staff accounts are closed by an administrator, so that the admin's history stays complete."),
            code="staff",
        )
    status = Membership.objects.filter(user=user).values_list("status", flat=True).first() or ""
    summary: dict[str, int] = {}
    for counts in hooks_run("ACCOUNT_DELETION_HOOKS", user=user):
        summary.update(counts)
    user_id = user.pk
    user.delete()
    record = AccountDeletion.objects.create(membership_status=status, summary=summary)
    transaction.on_commit(lambda: sessions_end_for(user_id=user_id))
    logger.info("Account %s deleted by its owner (record %s): %s", user_id, record.pk, summary)
    return record
