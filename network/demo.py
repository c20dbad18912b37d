"""Demo data grounded in the UNOCT/UNCCT South-South programme documents (shared/context)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from network.hooks import hooks_run
from network.models import Country, Membership, Theme, User
from network.services.membership import membership_apply, membership_approve, membership_suspend

Status = Membership.Status


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    country: str
    organisation: str
    position: str
    themes: tuple[str, ...]
    motivation: str
    status: str | None = Status.APPROVED
    days_ago: int = 60
    focal_point: bool = False
    note: str = ""
    language: str = "en"
    extra: dict[str, bool] = field(default_factory=dict)


STAFF = [
    ("admin@example.org", "ONSE Administrator", {"is_staff": True, "is_superuser": True}),
    ("moderator@example.org", "Amina Yusuf (UNCCT moderator)", {"is_staff": True}),
]

PEOPLE = [
    DemoPerson(
        "member@example.org",
        "Maria Santos",
        "PH",
        "Presidential Communications Office",
        "Strategic communications adviser",
        ("strategic-communications", "pcve", "national-strategies"),
        "I supported the technical workshops on strategic communications for the Philippines' National Action "
        "Plan on P/CVE and want to share what worked with peers in South East Asia and beyond.",
        days_ago=120,
    ),
    DemoPerson(
        "focal@example.org",
        "Dawit Bekele",
        "ET",
        "IGAD Centre of Excellence in Preventing and Countering Violent Extremism",
        "National focal point",
        ("pcve", "youth", "civil-society", "international-cooperation"),
        "As focal point I connect IGAD Member States with the network and co-design P/CVE communications "
        "with the Centre of Excellence; I can help peers from the Horn of Africa join the exchanges.",
        days_ago=200,
        focal_point=True,
    ),
    DemoPerson(
        "nurul@example.org",
        "Nurul Huda Rahman",
        "MY",
        "Southeast Asia Regional Centre for Counter-Terrorism (SEARCCT)",
        "Senior research officer",
        ("strategic-communications", "education", "cyber-new-tech"),
        "SEARCCT co-designs strategic communications programmes; I would like to exchange training curricula "
        "on online radicalisation with other regional centres.",
        days_ago=90,
    ),
    DemoPerson(
        "layla@example.org",
        "Layla Haddad",
        "JO",
        "Community Resilience Network",
        "Programme director",
        ("youth", "civil-society", "gender"),
        "We work with civil-society organisations supporting vulnerable young people in Jordan and want to "
        "learn from youth-engagement programmes in Africa and Latin America.",
        days_ago=75,
        language="ar",
    ),
    DemoPerson(
        "carlos@example.org",
        "Carlos Restrepo",
        "CO",
        "Agency for Reincorporation and Normalization",
        "Reintegration specialist",
        ("prisons-rehabilitation", "conflict-prevention", "victims"),
        "Colombia's experience in reintegrating former combatants may help countries facing the return of "
        "foreign terrorist fighters; I can share our community-based approaches.",
        days_ago=45,
        language="es",
    ),
    DemoPerson(
        "applicant@example.org",
        "Grace Wanjiku",
        "KE",
        "National Counter Terrorism Centre",
        "Programme officer, county action plans",
        ("pcve", "national-strategies", "civil-society"),
        "I coordinate county action plans for countering violent extremism in Kenya and would like to compare "
        "our county-level approach with local strategies elsewhere in the global South.",
        status=Status.APPLIED,
        days_ago=3,
    ),
    DemoPerson(
        "ibrahim@example.org",
        "Ibrahim Musa",
        "NG",
        "Office of the National Security Adviser",
        "Deputy director, counter-terrorism financing",
        ("cft", "law-enforcement", "criminal-justice"),
        "Nigeria's financial intelligence work against terrorist financing could benefit from exchanges with "
        "FATF-style regional bodies in Asia and Latin America.",
        status=Status.APPLIED,
        days_ago=19,
    ),
    DemoPerson(
        "youssef@example.org",
        "Youssef El Amrani",
        "MA",
        "Mohammed VI Institute for the Training of Imams",
        "Trainer",
        ("interfaith-dialogue", "education", "pcve"),
        "Morocco trains religious leaders from across Africa; I would like to share our curriculum and learn "
        "how others engage faith leaders in prevention.",
        status=Status.APPLIED,
        days_ago=40,
        language="fr",
    ),
    DemoPerson(
        "suspended@example.org",
        "Samuel Okello",
        "UG",
        "Independent consultant",
        "Consultant",
        ("border-security",),
        "I advise on border management programmes in East Africa and want to contribute to the network's "
        "exchanges on border security.",
        status=Status.SUSPENDED,
        days_ago=150,
        note="Shared members-only discussion content on a public website; suspended pending review.",
    ),
]


def _user(email: str, full_name: str, password: str, language: str, **flags: bool) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "preferred_language": language, **flags}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _enrol_totp(user: User) -> None:
    """Each demo staff account gets its own random secret; ``demo_staff_totp_secrets`` reads it back."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)


def demo_staff_totp_secrets() -> dict[str, str]:
    """email → TOTP secret of each seeded demo staff account (for ``make totp`` / ``demo_logins``)."""
    authenticators = Authenticator.objects.filter(
        user__email__in=[email for email, _name, _flags in STAFF], type=Authenticator.Type.TOTP
    ).select_related("user")
    secrets = {a.user.email: decrypt(a.data["secret"]) for a in authenticators}
    return {email: secrets[email] for email, _name, _flags in STAFF if email in secrets}


def _seed_membership(person: DemoPerson, user: User, moderator: User, now: datetime) -> None:
    """The person's history through the services, so Membership.TRANSITIONS is checked here too."""
    applied_at = now - timedelta(days=person.days_ago)
    membership = membership_apply(
        user=user,
        full_name=person.full_name,
        country=Country.objects.get(code=person.country),
        organisation=person.organisation,
        position=person.position,
        themes=Theme.objects.filter(slug__in=person.themes),
        motivation=person.motivation,
        at=applied_at,
    )
    if person.focal_point:  # a staff flag, not a status
        Membership.objects.filter(pk=membership.pk).update(is_focal_point=True)
    history: dict[str, list[Callable[..., Membership]]] = {
        Status.APPROVED: [membership_approve],
        Status.SUSPENDED: [membership_approve, membership_suspend],
    }
    for step, decide in enumerate(history.get(person.status or "", []), start=1):
        note = person.note if decide is membership_suspend else ""
        # Demo history happened "days ago": the member was told then, nothing is emailed now.
        decide(
            membership=membership,
            actor=moderator,
            note=note,
            at=applied_at + timedelta(days=5 * step),
            notify=False,
        )


@transaction.atomic
def seed_demo(password: str) -> dict[str, int]:
    """Create the demo accounts and memberships; running it again changes nothing."""
    moderators = Group.objects.get(name="Moderators")
    staff = {}
    for email, name, flags in STAFF:
        staff[email] = _user(email, name, password, "en", **flags)
        _enrol_totp(staff[email])
    staff["moderator@example.org"].groups.add(moderators)
    moderator = staff["moderator@example.org"]

    created = 0
    now = timezone.now()
    for person in PEOPLE:
        user = _user(person.email, person.full_name, password, person.language)
        if person.status is None or Membership.objects.filter(user=user).exists():
            continue
        _seed_membership(person, user, moderator, now)
        created += 1
    result = {"memberships_created": created}
    for counts in hooks_run("DEMO_SEED_HOOKS", password=password, moderator=moderator):
        result |= counts
    return result
