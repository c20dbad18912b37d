"""A member changes how the network writes to them (preferences, not audited)."""

from __future__ import annotations

from django.db import transaction

from network.models import MemberPreferences, User


@transaction.atomic
def member_preferences_update(*, user: User, email_immediately: bool) -> MemberPreferences:
    preferences, _created = MemberPreferences.objects.update_or_create(
        user=user, defaults={"email_immediately": email_immediately}
    )
    return preferences
