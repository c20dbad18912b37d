"""Focal points endorse published practices: one endorsement each (a unique constraint), withdrawn at will."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from network.models import User
from practices.models import Endorsement, GoodPractice, PracticeStatus, can_endorse


@transaction.atomic
def practice_endorse(*, practice: GoodPractice, user: User) -> Endorsement:
    """The focal point's endorsement of a published practice; endorsing twice keeps the first one."""
    if not can_endorse(user):
        raise PermissionDenied(_("Only focal points of the network endorse practices."))
    if practice.status != PracticeStatus.PUBLISHED:
        raise ValidationError(_("Only published practices can be endorsed."))
    # get_or_create catches the unique constraint's error, so two quick clicks still make one row.
    endorsement, _created = Endorsement.objects.get_or_create(practice=practice, endorser=user)
    return endorsement


@transaction.atomic
def practice_unendorse(*, practice: GoodPractice, user: User) -> bool:
    """Withdraw the user's endorsement; True if there was one."""
    deleted, _rows = Endorsement.objects.filter(practice=practice, endorser=user).delete()
    return deleted > 0
