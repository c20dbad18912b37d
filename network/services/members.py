"""What an approved member changes about themselves: their name and the details other members see."""

from __future__ import annotations

from django.db import transaction

from network.hooks import hooks_run
from network.models import Country, Membership, User
from network.workflow import audit_record


@transaction.atomic
def member_details_update(
    *,
    user: User,
    actor: User,
    full_name: str,
    position: str,
    organisation: str,
    country: Country,
) -> Membership:
    """Save the member's name, position, organisation and country and audit what changed.

    The audit row keeps the membership's status (``from_status == to_status``): a details change, never
    emailed and never picked up by the notification sweep. Nothing changed, nothing written.
    """
    membership = Membership.objects.select_for_update().get(user=user)
    changes: list[str] = []

    def track(label: str, old: str, new: str) -> None:
        if old != new:
            changes.append(f"{label}: {old or '—'} → {new or '—'}")

    track("full name", user.full_name, full_name)
    track("position", membership.position, position)
    track("organisation", membership.organisation, organisation)
    track("country", str(membership.country_id), str(country.pk))
    if not changes:
        return membership

    if user.full_name != full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    membership.position = position
    membership.organisation = organisation
    membership.country = country
    membership.save(update_fields=["position", "organisation", "country"])
    audit_record(
        instance=membership,
        actor=actor,
        from_status=membership.status,
        to_status=membership.status,
        note="Details changed:\n" + "\n".join(changes),
    )
    hooks_run("MEMBER_DETAILS_CHANGED_HOOKS", user=user)
    return membership
