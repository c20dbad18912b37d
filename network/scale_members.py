"""Network's part of the scale data: a staff moderator and the approved members, as the membership services
leave them — a verified primary email address (allauth), an application with its themes, the two audit rows
(applied, then approved by the moderator, the approval marked as emailed) — plus the organisations the experts
seeder will create (``plan.organisations``), so a member's organisation as they wrote it can be the name of the
one they are linked to.

Members come from the network's regions by weight (``REGION_WEIGHTS``), from a few active countries more than
from the rest (``HEAVY_COUNTRIES``); their names follow their country's naming traditions (``CULTURES``: Latin
script with accents, Arabic and Chinese script among them). About half of them write in the forums, a few a lot
(a Zipf law): ``ScaleMember.weight``.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django_countries import countries as country_names

from network.models import Country, Membership, MembershipEvent, Theme, User
from network.scale import (
    ScaleCheckError,
    ScaleMember,
    ScaleMembers,
    ScalePlan,
    copy_rows,
    ids_reserve,
    moment_between,
)
from network.scale_text import (
    CULTURES,
    HEAVY_COUNTRIES,
    INTERFACE_LANGUAGE,
    NAMES,
    ORG_THEMES,
    ORGANISATION_KIND_WEIGHTS,
    ORGANISATION_PATTERNS,
    REGION_CULTURE,
    REGION_NAMES,
    REGION_WEIGHTS,
    THEME_POPULARITY,
    UNINHABITED,
    TextPools,
    acronym,
)

EMAIL_DOMAIN = "scale.example.org"
MODERATOR_EMAIL = f"moderator@{EMAIL_DOMAIN}"
POSTER_SHARE = 0.45  # members who ever write in the forums


def member_email(number: int) -> str:
    """The address of the n-th seeded member (1-based): ``member00001@scale.example.org`` signs in with
    ``DEMO_PASSWORD``, like every seeded account."""
    return f"member{number:05d}@{EMAIL_DOMAIN}"


def country_weights() -> list[tuple[str, str, float]]:
    """(code, region, weight) of every country in the network's scope where people live."""
    rows = Country.objects.in_network().exclude(code__in=UNINHABITED).order_by("code")
    by_region: dict[str, list[str]] = {}
    for code, region in rows.values_list("code", "network_region"):
        by_region.setdefault(region, []).append(str(code))
    weights: list[tuple[str, str, float]] = []
    for region, codes in by_region.items():
        heavy = HEAVY_COUNTRIES.get(region, ())
        raw = {code: 12 / (heavy.index(code) + 1) ** 0.7 if code in heavy else 0.6 for code in codes}
        total = sum(raw.values())
        share = REGION_WEIGHTS.get(region, 0.0)
        weights.extend((code, region, share * value / total) for code, value in raw.items())
    return weights


def _culture(rng: random.Random, code: str, region: str) -> str:
    options = CULTURES.get(code) or REGION_CULTURE.get(region, (("anglophone_africa", 1.0),))
    names, shares = zip(*options, strict=True)
    return rng.choices(names, weights=shares)[0]


def _organisations(
    plan: ScalePlan, countries: list[tuple[str, str, float]]
) -> list[tuple[str, str, str, str | None]]:
    """(name, acronym, kind, country) of ``sizes.organisations`` organisations with distinct names."""
    rng = plan.rng("organisations")
    codes, regions, weights = zip(*countries, strict=True)
    region_of = dict(zip(codes, regions, strict=True))
    kinds, kind_weights = zip(*ORGANISATION_KIND_WEIGHTS.items(), strict=True)
    seen: set[str] = set()
    result: list[tuple[str, str, str, str | None]] = []
    while len(result) < plan.sizes.organisations:
        kind = rng.choices(kinds, weights=kind_weights)[0]
        code = rng.choices(codes, weights=weights)[0]
        name = rng.choice(ORGANISATION_PATTERNS[kind]).format(
            country=country_names.name(code),
            city=country_names.name(code),
            region=REGION_NAMES.get(region_of[code], "Regional"),
            theme=rng.choice(ORG_THEMES),
        )
        if name in seen:
            if rng.random() < 0.9:  # most combinations are taken by then: number a few more
                continue
            name = f"{name} {len(result)}"
        seen.add(name)
        result.append((name, acronym(name) if rng.random() < 0.5 else "", kind, code))
    return result


def _organisation_text(rng: random.Random, plan: ScalePlan, member: ScaleMember) -> str:
    """The organisation as the member wrote it: the name of the one staff linked, or their own words."""
    if member.organisation is not None:
        return plan.organisations[member.organisation][0]
    if rng.random() < 0.2:
        return "Independent consultant"
    return rng.choice(ORGANISATION_PATTERNS["government"]).format(country=country_names.name(member.country))[
        :200
    ]


def seed(plan: ScalePlan) -> dict[str, int]:
    """The moderator, the members and their applications; fills ``plan.members`` and ``plan.organisations``."""
    rng = plan.rng("members")
    text = TextPools(plan.rng("members-text"))
    password = make_password(settings.DEMO_PASSWORD)  # hashed once: every seeded account shares it

    moderator = User.objects.create_user(
        MODERATOR_EMAIL, settings.DEMO_PASSWORD, full_name="Scale Moderator", is_staff=True
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    EmailAddress.objects.create(user=moderator, email=MODERATOR_EMAIL, verified=True, primary=True)
    plan.moderator_id = moderator.pk

    countries = country_weights()
    plan.organisations = _organisations(plan, countries)
    orgs_by_country: dict[str | None, list[int]] = {}
    for index, (_name, _acronym, _kind, code) in enumerate(plan.organisations):
        orgs_by_country.setdefault(code, []).append(index)

    themes = {slug: pk for pk, slug in Theme.objects.active().values_list("pk", "slug")}
    ordered_themes = [themes[s] for s in THEME_POPULARITY if s in themes] + sorted(
        pk for s, pk in themes.items() if s not in THEME_POPULARITY
    )
    theme_weights = [1 / (rank + 1) for rank in range(len(ordered_themes))]

    count = plan.sizes.experts
    first = ids_reserve(User, count)
    codes, regions, weights = zip(*countries, strict=True)
    activity = list(range(count))
    rng.shuffle(activity)
    members = []
    for n in range(count):
        code = rng.choices(codes, weights=weights)[0]
        region = regions[codes.index(code)]
        pool = NAMES[_culture(rng, code, region)]
        decided_at = moment_between(rng, plan.founded, plan.now - timedelta(days=1), skew=1.3)
        is_poster = rng.random() < POSTER_SHARE
        weight = 1 / (activity[n] + 1) ** 0.8 if is_poster else 0.0
        if n == 0:  # member00001: the benchmark's signed-in member, approved early and active
            decided_at, weight, is_poster = plan.founded + timedelta(days=10), 0.05, True
        chosen_themes = sorted(
            set(rng.choices(ordered_themes, weights=theme_weights, k=rng.choice((1, 2, 2, 3, 3, 4, 5))))
        )
        local = orgs_by_country.get(code, [])
        organisation = None
        if plan.organisations and rng.random() < 0.6:
            organisation = (
                rng.choice(local) if local and rng.random() < 0.8 else rng.randrange(len(plan.organisations))
            )
        seen: datetime | None
        if is_poster:
            seen = plan.now - timedelta(days=min(rng.expovariate(1 / 7), 300))
        else:
            seen = moment_between(rng, decided_at, plan.now) if rng.random() < 0.6 else None
        members.append(
            ScaleMember(
                id=first + n,
                name=pool.name(rng),
                country=code,
                region=region,
                text_language=pool.text_language,
                decided_at=decided_at,
                weight=weight,
                focal_point=rng.random() < 0.02,
                theme_ids=chosen_themes,
                organisation=organisation,
                last_seen_at=max(seen, decided_at) if seen else None,
            )
        )
    plan.members = ScaleMembers(members)

    applied = {
        m.id: m.decided_at - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 23)) for m in members
    }
    copy_rows(
        User,
        [
            "id", "password", "is_superuser", "is_staff", "is_active", "date_joined", "email", "full_name",
            "preferred_language", "last_seen_at",
        ],
        (
            [m.id, password, False, False, True, applied[m.id], member_email(m.id - first + 1), m.name,
             INTERFACE_LANGUAGE[m.text_language], m.last_seen_at]
            for m in members
        ),
    )  # fmt: skip
    email_first = ids_reserve("account_emailaddress", count)
    copy_rows(
        "account_emailaddress",
        ["id", "email", "verified", "primary", "user_id"],
        ([email_first + n, member_email(m.id - first + 1), True, True, m.id] for n, m in enumerate(members)),
    )

    membership_first = ids_reserve(Membership, count)
    copy_rows(
        Membership,
        [
            "id", "status", "organisation", "position", "motivation", "applied_at", "decided_at",
            "decision_note", "is_focal_point", "country_id", "decided_by_id", "user_id",
        ],
        (
            [membership_first + n, "approved", _organisation_text(rng, plan, m), text.position(m.text_language),
             text.sentence(m.text_language), applied[m.id], m.decided_at, "", m.focal_point, m.country,
             plan.moderator_id, m.id]
            for n, m in enumerate(members)
        ),
    )  # fmt: skip
    themes_first = ids_reserve(Membership.themes.through, sum(len(m.theme_ids) for m in members))
    counter = itertools.count(themes_first)
    copy_rows(
        Membership.themes.through,
        ["id", "membership_id", "theme_id"],
        ([next(counter), membership_first + n, t] for n, m in enumerate(members) for t in m.theme_ids),
    )
    events_first = ids_reserve(MembershipEvent, 2 * count)
    copy_rows(
        MembershipEvent,
        ["id", "membership_id", "actor_id", "from_status", "to_status", "note", "created_at", "notified_at"],
        itertools.chain.from_iterable(
            (
                [events_first + 2 * n, membership_first + n, m.id, "", "applied", "", applied[m.id], None],
                # notify=False history (network.workflow.audit_record): the approval counts as emailed
                [
                    events_first + 2 * n + 1,
                    membership_first + n,
                    plan.moderator_id,
                    "applied",
                    "approved",
                    "",
                    m.decided_at,
                    m.decided_at,
                ],
            )
            for n, m in enumerate(members)
        ),
    )
    return {"members": count, "organisations_planned": len(plan.organisations)}


def check(plan: ScalePlan) -> None:
    """Every seeded member is approved, active and has a verified primary address."""
    seeded = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}", is_staff=False)
    wrong = seeded.exclude(is_active=True, membership__status=Membership.Status.APPROVED).count()
    unverified = seeded.exclude(emailaddress__verified=True, emailaddress__primary=True).count()
    if wrong or unverified:
        raise ScaleCheckError(
            f"members: {wrong} not approved and active, {unverified} without a verified address"
        )
