"""Good practices in the scale data (``manage.py seed_scale``, setting ``SCALE_SEED_HOOKS``), as the practice
services leave them: mostly published (a few drafts, some waiting for or sent back from review, rejected,
archived), each in its own language (``TEXT_LANGUAGES``: English, French, Spanish, Arabic, Portuguese, Russian,
Chinese), some translated into another; one to three countries weighted like the members, themes on a long
tail, pillars from the themes. The address comes from ``practice_slug_base`` as ``practice_create`` numbers it,
the HTML from ``markdown_render``, the vector from ``practice_document`` and the shared vector SQL
(``search_vectors_bulk_write``); each submission has its frozen version and audit rows (marked as emailed, as
history recorded with ``notify=False`` is).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import connection

from experts.models import ExpertProfile, Organisation
from network.markdown import markdown_render
from network.models import Theme
from network.scale import (
    Paragraph,
    ScalePlan,
    Written,
    copy_rows,
    ids_reserve,
    mismatches_raise,
    moment_between,
    paragraph_of,
    recomputed,
    rows_by_id,
    sample_ids,
    tag_ids,
    tagged_items_write,
    written,
)
from network.scale_members import country_weights
from network.scale_text import RARE_TERM, TEXT_LANGUAGES, THEME_POPULARITY, TextPools
from network.search import search_vectors_bulk_write
from practices.models import (
    SEARCH_CONFIGS,
    Endorsement,
    GoodPractice,
    GoodPracticeEvent,
    PracticeLink,
    PracticeStatus,
    PracticeVersion,
    TargetGroup,
)
from practices.search import practice_document, practice_search_refresh
from practices.services.practices import RESERVED_SLUGS, practice_slug_base
from practices.services.workflow import SNAPSHOT_TEXT_FIELDS

S = PracticeStatus
STATUS_WEIGHTS = {
    S.PUBLISHED: 84,
    S.ARCHIVED: 2,
    S.DRAFT: 5,
    S.SUBMITTED: 3,
    S.IN_REVIEW: 2,
    S.CHANGES_REQUESTED: 2,
    S.REJECTED: 2,
}
# The transitions each status is reached by, after "submit" (none for a draft).
HISTORY: dict[str, list[tuple[str, str, str]]] = {
    S.DRAFT: [],
    S.SUBMITTED: [("", S.DRAFT, S.SUBMITTED)],
    S.IN_REVIEW: [("", S.DRAFT, S.SUBMITTED), ("", S.SUBMITTED, S.IN_REVIEW)],
    S.CHANGES_REQUESTED: [
        ("", S.DRAFT, S.SUBMITTED),
        ("Please add the results of the evaluation.", S.SUBMITTED, S.CHANGES_REQUESTED),
    ],
    S.REJECTED: [
        ("", S.DRAFT, S.SUBMITTED),
        ("This describes a training course rather than a practice.", S.SUBMITTED, S.REJECTED),
    ],
    S.PUBLISHED: [("", S.DRAFT, S.SUBMITTED), ("", S.SUBMITTED, S.PUBLISHED)],
    S.ARCHIVED: [("", S.DRAFT, S.SUBMITTED), ("", S.SUBMITTED, S.PUBLISHED), ("", S.PUBLISHED, S.ARCHIVED)],
}
OTHER_ORGANISATIONS = (
    "Local youth associations",
    "District councils",
    "Two community radio stations",
    "A national university",
    "Associations locales de femmes",
)
TRANSLATED_SHARE = 0.08
RARE_PRACTICES = 3


@dataclass
class _Practice:
    pk: int
    language: str
    status: str
    visibility: str
    submitter: int
    created_at: datetime
    title: str = ""
    summary: str = ""
    texts: dict[str, Written] = field(default_factory=dict)
    group: uuid.UUID = field(default_factory=uuid.uuid4)
    countries: list[str] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    pillars: list[int] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)
    other_organisations: str = ""
    keywords: list[int] = field(default_factory=list)
    years: tuple[int | None, int | None] = (None, None)
    submitted_at: datetime | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    events: list[tuple[int, str, str, str, datetime]] = field(default_factory=list)


def _moments(
    rng: random.Random, plan: ScalePlan, status: str
) -> tuple[datetime, datetime | None, datetime | None]:
    """created, submitted, published: published ones from the network's second month to two months ago."""
    if status in (S.PUBLISHED, S.ARCHIVED):
        created = moment_between(
            rng, plan.founded + timedelta(days=30), plan.now - timedelta(days=60), skew=0.8
        )
    else:
        created = moment_between(rng, plan.now - timedelta(days=90), plan.now - timedelta(days=2))
    submitted = None if status == S.DRAFT else created + timedelta(days=rng.uniform(0.5, 1.5))
    published = (
        submitted + timedelta(days=rng.uniform(2, 40))
        if submitted and status in (S.PUBLISHED, S.ARCHIVED)
        else None
    )
    return created, submitted, published


def _texts(
    rng: random.Random, plan: ScalePlan, lang: str, *, complete: bool, extra: Paragraph | None
) -> dict[str, Written]:
    def some(low: int, high: int) -> Written:
        return written(plan.paragraphs.some(rng, lang, rng.randint(low, high)))

    empty = written([])
    body = plan.paragraphs.some(rng, lang, rng.randint(3, 5))
    return {
        "body": written([*body, extra] if extra else body),
        "outcomes": some(1, 2) if complete or rng.random() < 0.5 else empty,
        "lessons": some(1, 2) if complete or rng.random() < 0.5 else empty,
        "safeguards": some(1, 1) if complete or rng.random() < 0.5 else empty,
    }


def _history(rng: random.Random, plan: ScalePlan, p: _Practice) -> list[tuple[int, str, str, str, datetime]]:
    """(actor, from, to, note, when) of each transition that brought the practice to its status."""
    events: list[tuple[int, str, str, str, datetime]] = []
    at = p.submitted_at or p.created_at
    for step, (note, source, target) in enumerate(HISTORY[p.status]):
        if step:
            later = (
                p.published_at
                if target == S.PUBLISHED and p.published_at
                else at + timedelta(days=rng.uniform(1, 30))
            )
            at = min(later, plan.now - timedelta(hours=1))
        actor = p.submitter if target == S.SUBMITTED else plan.moderator_id
        events.append((actor, source, target, note, at))
    return events


def seed(*, plan: ScalePlan) -> dict[str, int]:
    rng = plan.rng("practices")
    text = TextPools(plan.rng("practices-text"))
    count = plan.sizes.practices
    first = ids_reserve(GoodPractice, count)
    codes, _regions, weights = zip(*country_weights(), strict=True)
    themes = dict(Theme.objects.active().values_list("slug", "pk"))
    ordered_themes = [themes[s] for s in THEME_POPULARITY if s in themes]
    theme_pillars = dict(Theme.objects.values_list("pk", "pillars"))
    organisations: list[tuple[int, str, str, str | None]] = list(
        Organisation.objects.order_by("pk").values_list("pk", "name", "acronym", "country")
    )
    orgs_by_country: dict[str | None, list[int]] = {}
    for index, (_pk, _name, _acronym, code) in enumerate(organisations):
        orgs_by_country.setdefault(code, []).append(index)
    contactable = list(
        ExpertProfile.objects.exclude(visibility="hidden").order_by("pk").values_list("pk", flat=True)
    )
    languages, language_weights = zip(*TEXT_LANGUAGES.items(), strict=True)
    statuses, status_weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    keyword_names = {
        lang: text.keywords[lang] + (text.keywords["en"] if lang != "en" else ()) for lang in languages
    }
    keyword_ids = tag_ids(name for names in keyword_names.values() for name in names)
    rare = set(rng.sample(range(count), min(RARE_PRACTICES, count)))

    practices: list[_Practice] = []
    with plan.step("practices (text)"):
        for n in range(count):
            status = rng.choices(statuses, weights=status_weights)[0]
            created, submitted, published = _moments(rng, plan, status)
            submitter = plan.members.pick(rng, created)
            original = practices[rng.randrange(n)] if n and rng.random() < TRANSLATED_SHARE else None
            lang = (
                submitter.text_language
                if rng.random() < 0.6
                else rng.choices(languages, weights=language_weights)[0]
            )
            if original is not None and lang == original.language:
                lang = rng.choice([code for code in languages if code != original.language])
            practice = _Practice(
                first + n,
                lang,
                status,
                "",
                submitter.id,
                created,
                submitted_at=submitted,
                published_at=published,
            )
            practice.title = text.practice_title(lang)
            practice.summary = text.paragraph(lang, sentences=2)[:600]
            extra = paragraph_of(text.rare_paragraph(lang)) if n in rare else None
            practice.texts = _texts(rng, plan, lang, complete=status != S.DRAFT, extra=extra)
            practice.visibility = "public" if rng.random() < 0.7 else "members"
            if original is not None:
                practice.group = original.group
                practice.countries, practice.themes = original.countries, original.themes
                practice.pillars, practice.target_groups = original.pillars, original.target_groups
                practice.organisations, practice.years = original.organisations, original.years
            else:
                practice.group = uuid.UUID(int=rng.getrandbits(128), version=4)
                home = [submitter.country] if rng.random() < 0.6 else []
                practice.countries = sorted(
                    set(home + rng.choices(codes, weights=weights, k=rng.randint(1, 3) - len(home) or 1))
                )
                practice.themes = sorted(
                    set(
                        rng.choices(
                            ordered_themes,
                            weights=[1 / (r + 1) for r in range(len(ordered_themes))],
                            k=rng.randint(1, 3),
                        )
                    )
                )
                practice.pillars = sorted({p for t in practice.themes for p in theme_pillars.get(t, [])})
                practice.target_groups = sorted(
                    set(rng.choices([g.value for g in TargetGroup], k=rng.randint(1, 3)))
                )
                local = [i for c in practice.countries for i in orgs_by_country.get(c, [])]
                chosen = {rng.choice(local) if local and rng.random() < 0.6 else rng.randrange(len(organisations))
                          for _ in range(rng.choice((0, 1, 1, 1, 2)))} if organisations else set()  # fmt: skip
                practice.organisations = sorted(chosen)
                start = rng.randint(2008, plan.now.year - 1)
                practice.years = (
                    start,
                    None if rng.random() < 0.4 else min(start + rng.randint(0, 5), plan.now.year),
                )
            practice.other_organisations = rng.choice(OTHER_ORGANISATIONS) if rng.random() < 0.2 else ""
            practice.keywords = sorted(
                {keyword_ids[k] for k in text.keyword_choices(lang, rng.randint(2, 5))}
            )
            practice.events = _history(rng, plan, practice)
            practice.updated_at = practice.events[-1][4] if practice.events else created
            practices.append(practice)

    names = {pk: name for name, pk in keyword_ids.items()}
    with plan.step("practices (rows)"):
        _write(plan, practices, organisations, contactable, names)
    with plan.step("practice search vectors"):
        search_vectors_bulk_write(
            table=GoodPractice._meta.db_table,
            weights="ABC",
            rows=(
                (p.pk, SEARCH_CONFIGS.get(p.language, "simple"), practice_document(
                    title=p.title,
                    summary=p.summary,
                    texts=[*(p.texts[f].text for f in ("body", "outcomes", "lessons", "safeguards")), p.other_organisations],
                    organisations=sorted((organisations[i][1], organisations[i][2]) for i in p.organisations),
                    keywords=[names[k] for k in p.keywords],
                ))
                for p in practices
            ),
        )  # fmt: skip
    return {"practices": count, "published_practices": sum(p.status == S.PUBLISHED for p in practices)}


def _write(
    plan: ScalePlan,
    practices: list[_Practice],
    organisations: list[tuple[int, str, str, str | None]],
    contactable: list[int],
    keyword_names: dict[int, str],
) -> None:
    rng = plan.rng("practices-relations")
    theme_names = dict(Theme.objects.values_list("pk", "name"))
    copy_rows(
        GoodPractice,
        ["id", "visibility", "translation_group", "slug", "title", "summary", "body", "body_html", "pillars",
         "other_organisations", "start_year", "end_year", "target_groups", "outcomes", "outcomes_html", "lessons",
         "lessons_html", "safeguards", "safeguards_html", "language", "status", "created_at", "updated_at",
         "submitted_at", "published_at", "submitted_by_id"],
        _practice_rows(practices, set(GoodPractice.objects.values_list("slug", flat=True))),
    )  # fmt: skip
    for name, values in (
        ("countries", lambda p: p.countries),
        ("themes", lambda p: p.themes),
        ("organisations", lambda p: [organisations[i][0] for i in p.organisations]),
        (
            "contact_experts",
            lambda p: sorted(set(rng.sample(contactable, min(len(contactable), rng.choice((0, 0, 1, 2)))))),
        ),
    ):
        through = getattr(GoodPractice, name).through
        rows = [(p.pk, value) for p in practices for value in values(p)]
        column = {"countries": "country_id", "themes": "theme_id", "organisations": "organisation_id",
                  "contact_experts": "expertprofile_id"}[name]  # fmt: skip
        start = ids_reserve(through, len(rows))
        copy_rows(
            through, ["id", "goodpractice_id", column], ([start + k, *row] for k, row in enumerate(rows))
        )
    tagged_items_write(GoodPractice, [(p.pk, p.keywords) for p in practices])

    links = [(p.pk, "Evaluation report", f"https://example.org/practices/{p.pk}/report-{k}", k)
             for p in practices for k in range(rng.choice((0, 0, 1, 2)))]  # fmt: skip
    start = ids_reserve(PracticeLink, len(links))
    copy_rows(
        PracticeLink,
        ["id", "practice_id", "title", "url", "position"],
        ([start + k, *row] for k, row in enumerate(links)),
    )

    events = [(p.pk, *event) for p in practices for event in p.events]
    start = ids_reserve(GoodPracticeEvent, len(events))
    copy_rows(
        GoodPracticeEvent,
        ["id", "practice_id", "actor_id", "from_status", "to_status", "note", "created_at", "notified_at"],
        # history recorded with notify=False: every one of these transitions emails, so each is stamped
        ([start + k, pk, actor, source, target, note, at, at] for k, (pk, actor, source, target, note, at) in enumerate(events)),
    )  # fmt: skip
    submitted = [p for p in practices if p.submitted_at]
    start = ids_reserve(PracticeVersion, len(submitted))
    copy_rows(
        PracticeVersion,
        ["id", "practice_id", "number", "created_at", "created_by_id", "data"],
        ([start + k, p.pk, 1, p.submitted_at, p.submitter, _snapshot(p, organisations, theme_names, keyword_names)]
         for k, p in enumerate(submitted)),
    )  # fmt: skip
    _endorsements(plan, practices)


def _practice_rows(practices: list[_Practice], taken: set[str]) -> Any:
    """The practices' rows (read while COPY holds the connection: no query in here)."""
    for p in practices:
        base = practice_slug_base(p.title)
        if base:
            slug, n = base, 1
            while slug in taken or slug in RESERVED_SLUGS:
                n += 1
                slug = f"{base}-{n}"
        else:  # a title in Arabic or Chinese script: the service's fallback address
            slug = f"practice-{p.pk}"
        taken.add(slug)
        t = p.texts
        yield [
            p.pk, p.visibility, p.group, slug, p.title, p.summary, t["body"].text,
            t["body"].html, p.pillars, p.other_organisations, p.years[0], p.years[1], p.target_groups,
            t["outcomes"].text, t["outcomes"].html, t["lessons"].text, t["lessons"].html, t["safeguards"].text,
            t["safeguards"].html, p.language, p.status, p.created_at, p.updated_at, p.submitted_at, p.published_at,
            p.submitter,
        ]  # fmt: skip


def _snapshot(
    p: _Practice,
    organisations: list[tuple[int, str, str, str | None]],
    theme_names: dict[int, str],
    keyword_names: dict[int, str],
) -> Any:
    """What ``practice_snapshot`` freezes at submission."""
    from psycopg.types.json import Jsonb

    values = {"title": p.title, "summary": p.summary, "other_organisations": p.other_organisations,
              "language": p.language, "visibility": p.visibility, "start_year": p.years[0], "end_year": p.years[1],
              "pillars": p.pillars, "target_groups": p.target_groups,
              **{name: p.texts[name].text for name in ("body", "outcomes", "lessons", "safeguards")}}  # fmt: skip
    data: dict[str, Any] = {name: values[name] for name in SNAPSHOT_TEXT_FIELDS}
    data["countries"] = sorted(p.countries)
    data["themes"] = sorted(theme_names[t] for t in p.themes)
    data["organisations"] = sorted(organisations[i][1] for i in p.organisations)
    data["keywords"] = sorted(keyword_names[k] for k in p.keywords)
    data["links"] = []
    data["attachments"] = []
    return Jsonb(data)


def _endorsements(plan: ScalePlan, practices: list[_Practice]) -> None:
    rng = plan.rng("practices-endorsements")
    focal = [m for m in plan.members.all if m.focal_point]
    rows = []
    for p in practices:
        if p.status != S.PUBLISHED or not focal or rng.random() > 0.12 or p.published_at is None:
            continue
        eligible = [m for m in focal if m.decided_at < p.published_at]
        for member in rng.sample(eligible, min(len(eligible), rng.randint(1, 3))):
            rows.append((p.pk, member.id, moment_between(rng, p.published_at, plan.now)))
    start = ids_reserve(Endorsement, len(rows))
    copy_rows(
        Endorsement,
        ["id", "practice_id", "endorser_id", "created_at"],
        ([start + k, *row] for k, row in enumerate(rows)),
    )


def check(*, plan: ScalePlan) -> None:
    """Sampled practices: the vector ``practice_search_refresh`` computes and the HTML ``markdown_render``
    makes of every Markdown field."""
    rng = plan.rng("practices-check")
    rare = GoodPractice.objects.filter(body__contains=RARE_TERM).values_list("pk", flat=True)[:2]
    ids = sample_ids(rng, GoodPractice, extra=rare)

    def read() -> dict[int, tuple[Any, ...]]:
        return rows_by_id(
            "SELECT id, search_vector::text FROM practices_goodpractice WHERE id = ANY(%s)", ids
        )

    mismatches_raise(
        "practice search vectors", recomputed(read, lambda: practice_search_refresh(practice_ids=ids))
    )
    html: dict[Any, tuple[str, str]] = {}
    fields = ("body", "outcomes", "lessons", "safeguards")
    columns = [column for name in fields for column in (name, f"{name}_html")]
    for pk, *values in GoodPractice.objects.filter(pk__in=ids).values_list("pk", *columns):
        for name, source, stored in zip(fields, values[::2], values[1::2], strict=True):
            if stored != markdown_render(source):
                html[(pk, name)] = (stored, markdown_render(source))
    mismatches_raise("practice HTML", html)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM practices_goodpractice WHERE search_vector IS NULL")
        (missing,) = cursor.fetchone()
    mismatches_raise("practices without a search vector", {"count": (missing, 0)} if missing else {})
