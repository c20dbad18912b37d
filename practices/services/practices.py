"""What a member writes in a good practice: create the draft, update it, with its links, keywords and relations.

Status changes are elsewhere (practices/services/workflow.py); these two only write content, and only while the
practice is the submitter's to change (``GoodPractice.is_editable_by``). The Markdown fields' HTML is rendered
here, once; the search vector is refreshed in the same transaction. A practice written without a language gets
the one detected from its text (practices/language.py), which the form then shows for the member to confirm.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from experts.models import ExpertProfile, Organisation
from network.markdown import markdown_render
from network.models import Country, Theme, User
from network.permissions import is_member
from network.visibility import Visibility
from practices.language import language_detect
from practices.models import GoodPractice, PracticeLink
from practices.search import practice_search_refresh

# Path segments under /practices/ that are pages, not practices.
RESERVED_SLUGS = frozenset({"submit", "mine", "feed", "matrix", "export", "new", "edit", "handbook"})
SLUG_BASE_LENGTH = 100
SLUG_MAX_LENGTH = GoodPractice._meta.get_field("slug").max_length or 140
MARKDOWN_FIELDS = ("body", "outcomes", "lessons", "safeguards")


@dataclass(frozen=True)
class LinkData:
    title: str
    url: str


@dataclass(frozen=True)
class PracticeContent:
    """Everything the member writes; a draft may leave most of it empty (practice_submit checks completeness)."""

    title: str
    summary: str = ""
    body: str = ""
    outcomes: str = ""
    lessons: str = ""
    safeguards: str = ""
    language: str = ""
    visibility: str = Visibility.PUBLIC
    countries: Sequence[Country] = ()
    themes: Sequence[Theme] = ()
    pillars: Sequence[int] = ()
    target_groups: Sequence[str] = ()
    keywords: Sequence[str] = ()
    organisations: Sequence[Organisation] = ()
    other_organisations: str = ""
    start_year: int | None = None
    end_year: int | None = None
    contact_experts: Sequence[ExpertProfile] = ()
    links: Sequence[LinkData] = field(default_factory=tuple)
    translation_of: GoodPractice | None = None


def practice_slug_base(title: str) -> str:
    """ASCII from the title; empty for a title in a script slugify drops (Arabic, Chinese)."""
    return slugify(title)[:SLUG_BASE_LENGTH].strip("-")


def _slug_candidates(practice: GoodPractice) -> list[str]:
    base = practice_slug_base(practice.title)
    fallback = f"practice-{practice.pk}"
    if not base:
        return [fallback, f"{fallback}-{uuid.uuid4().hex[:6]}"]
    taken = set(GoodPractice.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        n += 1
        candidate = f"{base}-{n}"
    return [candidate, f"{base}-{practice.pk}", f"{base}-{practice.pk}-{uuid.uuid4().hex[:6]}"]


def _slug_assign(practice: GoodPractice, *, wanted: str | None = None) -> None:
    """Give a new practice its address; a concurrent practice taking the same one moves this one to the next.

    ``wanted`` is tried first when it is a valid, unreserved address; taken, the title's address is used."""
    asked = wanted or ""
    usable = 0 < len(asked) <= SLUG_MAX_LENGTH and slugify(asked) == asked and asked not in RESERVED_SLUGS
    first = [asked] if usable else []

    def candidates() -> Iterator[str]:
        yield from first
        yield from _slug_candidates(practice)  # its query only runs if the wanted address is taken

    for candidate in candidates():
        try:
            with transaction.atomic():  # a savepoint: the unique constraint's error leaves the rest intact
                GoodPractice.objects.filter(pk=practice.pk).update(slug=candidate)
        except IntegrityError:
            continue
        practice.slug = candidate
        return
    raise IntegrityError("no free address for the practice")  # pragma: no cover - three collisions in a row


def _check(*, content: PracticeContent, actor: User) -> None:
    if content.start_year and content.end_year and content.end_year < content.start_year:
        raise ValidationError(_("The end year comes before the start year."), code="period")
    if content.visibility not in (Visibility.PUBLIC, Visibility.MEMBERS):
        raise ValidationError(_("Choose who may read the practice."), code="visibility")
    if any(not theme.is_active for theme in content.themes):
        raise ValidationError(_("A theme you chose is no longer offered."), code="theme")
    visible_experts = ExpertProfile.objects.visible_to(actor)
    expert_ids = {expert.pk for expert in content.contact_experts}
    if len(expert_ids) != visible_experts.filter(pk__in=expert_ids).count():
        raise ValidationError(_("Choose contact experts among the network's members."), code="experts")
    source = content.translation_of
    if source is not None and not GoodPractice.objects.visible_to(actor).filter(pk=source.pk).exists():
        raise ValidationError(_("Choose a practice you can read."), code="translation_of")


def _has_translations(practice: GoodPractice) -> bool:
    same_group = GoodPractice.objects.filter(translation_group=practice.translation_group)
    return same_group.exclude(pk=practice.pk).exists()


def _write(*, practice: GoodPractice, content: PracticeContent) -> None:
    """Copy ``content`` onto the (saved) practice and its relations; refresh its search vector."""
    practice.title = content.title.strip()
    practice.summary = content.summary.strip()
    for name in MARKDOWN_FIELDS:
        source = getattr(content, name)
        if source != getattr(practice, name) or (not getattr(practice, f"{name}_html") and source):
            setattr(practice, name, source)
            setattr(practice, f"{name}_html", markdown_render(source))
    practice.language = content.language or language_detect(
        "\n".join([content.title, content.summary, content.body])
    )
    practice.visibility = content.visibility
    practice.pillars = sorted(set(content.pillars))
    practice.target_groups = sorted(set(content.target_groups))
    practice.other_organisations = content.other_organisations.strip()
    practice.start_year = content.start_year
    practice.end_year = content.end_year
    if content.translation_of is not None and content.translation_of.pk != practice.pk:
        practice.translation_group = content.translation_of.translation_group
    elif content.translation_of is None and _has_translations(practice):
        practice.translation_group = uuid.uuid4()  # the member unlinked it from its translations
    practice.updated_at = timezone.now()
    practice.save()
    practice.countries.set(content.countries)
    practice.themes.set(content.themes)
    practice.organisations.set(content.organisations)
    practice.contact_experts.set(content.contact_experts)
    practice.keywords.set(sorted({k.strip() for k in content.keywords if k.strip()}))
    practice.links.all().delete()
    PracticeLink.objects.bulk_create(
        PracticeLink(practice=practice, title=link.title.strip(), url=link.url, position=n)
        for n, link in enumerate(content.links)
    )
    practice_search_refresh(practice_ids=[practice.pk])


@transaction.atomic
def practice_create(*, submitted_by: User, content: PracticeContent, slug: str | None = None) -> GoodPractice:
    """A member (or staff) starts a practice: a draft only they see until it is submitted and published.

    ``slug`` asks for a fixed address (the demo data's, so its URLs stay the same in every database); it is
    used only when free, valid and not a reserved page name. The submit form never passes one."""
    if not is_member(submitted_by):
        raise PermissionDenied
    _check(content=content, actor=submitted_by)
    # A unique placeholder address until the row has its number (the fallback address uses it).
    practice = GoodPractice(submitted_by=submitted_by, slug=f"new-{uuid.uuid4().hex}", title=content.title)
    practice.save()
    _write(practice=practice, content=content)
    _slug_assign(practice, wanted=slug)
    return practice


@transaction.atomic
def practice_update(*, practice: GoodPractice, actor: User, content: PracticeContent) -> GoodPractice:
    """The submitter changes their draft, or a practice sent back for changes; the address stays.

    Returns the updated row. ``content.translation_of=None`` takes the practice out of its translation group.
    """
    locked = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    if not locked.is_editable_by(actor) or not is_member(actor):
        raise PermissionDenied
    _check(content=content, actor=actor)
    _write(practice=locked, content=content)
    return locked


__all__ = [
    "LinkData",
    "PracticeContent",
    "practice_create",
    "practice_slug_base",
    "practice_update",
]
