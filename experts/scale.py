"""Experts' part of the scale data (``manage.py seed_scale``, setting ``SCALE_SEED_HOOKS``): the organisations
network planned (``plan.organisations``) and one profile per approved member, as ``profile_create_for`` and
``profile_update`` leave them — the slug from the name (``profile_slug_base``, numbered when taken), the
biography rendered once, the name keys from ``name_key`` / ``name_latin`` and the vectors from
``profile_search_vector_refresh``, the services' own functions. Profiles are public, members-only or hidden
about 40/50/10; most speak two or three languages; a few link publications.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

from django.db import connection
from django.utils.text import slugify

from experts.models import Availability, ExpertProfile, Organisation, ProfileLanguage, ProfileLink
from experts.search import name_key, name_latin, profile_search_refresh, profile_search_vector_refresh
from experts.services.profiles import RESERVED_SLUGS, profile_slug_base
from network.markdown import markdown_render
from network.models import Pillar, Theme
from network.scale import (
    Paragraph,
    ScaleMember,
    ScalePlan,
    copy_rows,
    ids_reserve,
    mismatches_raise,
    moment_between,
    paragraph_of,
    recomputed,
    rows_by_id,
    sample_ids,
    written,
)
from network.scale_text import RARE_TERM, TextPools, words

# Besides the language they write in, what members of a country often speak (ISO 639-1, SPOKEN_LANGUAGES).
LOCAL_LANGUAGES = {
    **dict.fromkeys(words("KE TZ UG RW"), "sw"),
    **dict.fromkeys(words("NG NE"), "ha"),
    "ET": "am",
    "SO": "so",
    "DJ": "so",
    "IN": "hi",
    "PK": "ur",
    "BD": "bn",
    "ID": "id",
    "MY": "ms",
    "PH": "tl",
    "TR": "tr",
    "UZ": "uz",
    "IR": "fa",
    "AF": "fa",
    "KZ": "ru",
    "KG": "ru",
    "TJ": "ru",
}
RARE_PROFILES = 3  # biographies that name ``RARE_TERM``


def _unique_slug(base: str, taken: set[str], reserved: frozenset[str]) -> str:
    """``base``, else ``base-2``, ``base-3``… as the services number a taken address."""
    candidate, n = base, 1
    while candidate in taken or candidate in reserved:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _organisations(plan: ScalePlan) -> int:
    rng = plan.rng("experts-organisations")
    first = ids_reserve(Organisation, len(plan.organisations))
    taken = set(Organisation.objects.values_list("slug", flat=True))
    rows = []
    for n, (name, acronym, kind, country) in enumerate(plan.organisations):
        slug = _unique_slug(slugify(name)[:110].strip("-") or "organisation", taken, frozenset())
        description = written(plan.paragraphs.some(rng, "en", rng.choice((0, 1, 1, 2))))
        centre = rng.random() < (0.15 if kind == "regional" else 0.005)
        rows.append(
            [first + n, slug, name, acronym, kind, f"https://{slug[:40]}.example.org" if rng.random() < 0.3 else "",
             description.text, description.html, centre, moment_between(rng, plan.founded, plan.now), country]
        )  # fmt: skip
    copy_rows(
        Organisation,
        ["id", "slug", "name", "acronym", "kind", "website", "description", "description_html",
         "is_centre_of_excellence", "created_at", "country_id"],
        rows,
    )  # fmt: skip
    return first


def _pillars(rng: random.Random, theme_ids: list[int], theme_pillars: dict[int, list[int]]) -> list[int]:
    roll = rng.random()
    if roll < 0.1:
        return []
    if roll < 0.85:
        return sorted({p for t in theme_ids for p in theme_pillars.get(t, [])})
    return sorted(set(rng.choices([p.value for p in Pillar], weights=[45, 30, 15, 10], k=rng.randint(1, 2))))


def _languages(rng: random.Random, member: ScaleMember) -> list[tuple[str, str]]:
    """(code, level) pairs, the first their own language, most with English too."""
    own = member.text_language
    spoken = [(own, "native")]
    local = LOCAL_LANGUAGES.get(member.country)
    if local and local != own:
        spoken.insert(0, (local, "native"))
        spoken[1] = (own, "fluent")
    if own != "en" and rng.random() < 0.7:
        spoken.append(("en", rng.choice(("fluent", "working", "working", "basic"))))
    if rng.random() < 0.2:
        other = rng.choice(("fr", "es", "ar", "pt", "ru"))
        if other not in {code for code, _level in spoken}:
            spoken.append((other, rng.choice(("working", "basic"))))
    return spoken


def seed(*, plan: ScalePlan) -> dict[str, int]:
    rng = plan.rng("experts")
    text = TextPools(plan.rng("experts-text"))
    with plan.step("organisations"):
        organisation_first = _organisations(plan)

    members = plan.members.all
    first = ids_reserve(ExpertProfile, len(members))
    theme_pillars = dict(Theme.objects.values_list("pk", "pillars"))
    taken = set(ExpertProfile.objects.values_list("slug", flat=True))
    rare = set(rng.sample(range(len(members)), min(RARE_PROFILES, len(members))))
    availability = [a.value for a in Availability]
    profiles: list[list[Any]] = []
    languages: list[tuple[int, str, str]] = []
    links: list[tuple[Any, ...]] = []
    with plan.step("profiles"):
        for n, member in enumerate(members):
            lang = member.text_language
            slug = _unique_slug(profile_slug_base(member.name), taken, RESERVED_SLUGS)
            paragraphs: list[Paragraph] = plan.paragraphs.some(rng, lang, rng.choice((0, 1, 1, 2)))
            if n in rare:
                paragraphs = [*paragraphs, paragraph_of(text.rare_paragraph(lang))]
            bio = written(paragraphs)
            visibility = rng.choices(("public", "members", "hidden"), weights=(40, 50, 10))[0]
            updated = moment_between(rng, member.decided_at, plan.now, skew=0.7)
            profiles.append(
                [first + n, visibility, slug, text.headline(lang) if rng.random() < 0.8 else "", bio.text,
                 bio.html, _pillars(rng, member.theme_ids, theme_pillars),
                 rng.randint(2, 35) if rng.random() < 0.85 else None,
                 sorted(rng.sample(availability, rng.randint(0, 3))), "", "", rng.random() < 0.9,
                 member.last_seen_at, member.decided_at, updated, name_key(member.name), name_latin(member.name),
                 member.id,
                 organisation_first + member.organisation if member.organisation is not None else None]
            )  # fmt: skip
            languages.extend((first + n, code, level) for code, level in _languages(rng, member))
            if rng.random() < 0.3:
                links.extend(
                    (first + n, rng.choice(("link", "publication")), text.headline("en"), f"https://example.org/{slug}/{k}",
                     rng.randint(2005, plan.now.year) if rng.random() < 0.7 else None)
                    for k in range(rng.randint(1, 2))
                )  # fmt: skip
        copy_rows(
            ExpertProfile,
            ["id", "visibility", "slug", "headline", "bio", "bio_html", "pillars", "years_of_experience",
             "availability", "phone", "photo", "contact_enabled", "last_active_at", "created_at", "updated_at",
             "name_key", "name_latin", "user_id", "organisation_id"],
            profiles,
        )  # fmt: skip
        language_first = ids_reserve(ProfileLanguage, len(languages))
        copy_rows(
            ProfileLanguage,
            ["id", "profile_id", "language", "level"],
            ([language_first + k, *row] for k, row in enumerate(languages)),
        )
        link_first = ids_reserve(ProfileLink, len(links))
        copy_rows(
            ProfileLink,
            ["id", "profile_id", "kind", "title", "url", "year"],
            ([link_first + k, *row] for k, row in enumerate(links)),
        )
        through = ExpertProfile.themes.through
        counter = itertools.count(ids_reserve(through, sum(len(m.theme_ids) for m in members)))
        copy_rows(
            through,
            ["id", "expertprofile_id", "theme_id"],
            ([next(counter), first + n, t] for n, m in enumerate(members) for t in m.theme_ids),
        )
    with plan.step("profile search vectors"):
        profile_search_vector_refresh(profile_ids=range(first, first + len(members)))
    return {
        "organisations": len(plan.organisations),
        "profiles": len(members),
        "profile_languages": len(languages),
    }


def check(*, plan: ScalePlan) -> None:
    """Sampled profiles: the name keys and vector ``profile_search_refresh`` computes, the biography's HTML
    ``markdown_render`` makes; sampled organisations' descriptions."""
    rng = plan.rng("experts-check")
    rare = ExpertProfile.objects.filter(bio__contains=RARE_TERM).values_list("pk", flat=True)[:2]
    ids = sample_ids(rng, ExpertProfile, extra=rare)

    def read() -> dict[int, tuple[Any, ...]]:
        return rows_by_id(
            "SELECT id, name_key, name_latin, search_vector::text FROM experts_expertprofile WHERE id = ANY(%s)",
            ids,
        )

    mismatches_raise(
        "profile search columns", recomputed(read, lambda: profile_search_refresh(profile_ids=ids))
    )
    html = {pk: (stored, markdown_render(bio)) for pk, bio, stored in
            ExpertProfile.objects.filter(pk__in=ids).values_list("pk", "bio", "bio_html")}  # fmt: skip
    mismatches_raise("profile biographies", {pk: pair for pk, pair in html.items() if pair[0] != pair[1]})
    organisations = sample_ids(rng, Organisation)
    html = {pk: (stored, markdown_render(text)) for pk, text, stored in
            Organisation.objects.filter(pk__in=organisations).values_list("pk", "description", "description_html")}  # fmt: skip
    mismatches_raise(
        "organisation descriptions", {pk: pair for pk, pair in html.items() if pair[0] != pair[1]}
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM experts_expertprofile WHERE search_vector IS NULL")
        (missing,) = cursor.fetchone()
    mismatches_raise("profiles without a search vector", {"count": (missing, 0)} if missing else {})
