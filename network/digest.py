"""What is new for members since a moment: the sections a digest is made of, built for a chunk of members at once.

A digest run sends hundreds of emails a minute, so a section does its database work **once for a chunk of
members**, then picks and ranks each member's items in Python. Each feature app that has news for members writes
one *builder*, e.g. ``practices/digest.py``::

    @digest_section("practices", _("New good practices in my themes or region"))
    def section(readers: Sequence[DigestReader]) -> ReaderSection:
        new = list(GoodPractice.objects.visible_to_every_member().filter(published_at__gte=earliest(readers)))

        def for_reader(reader: DigestReader) -> DigestSection | None:
            mine = [p for p in new if p.published_at >= reader.since and p.submitted_by_id != reader.pk]
            ...

        return for_reader

and lists its dotted path in the ``DIGEST_SECTIONS`` setting. ``network`` looks builders up by name
(``import_string``), so it never imports a feature app, and composes whatever is configured:
``digest_sections_for_readers(readers)`` (a chunk) or ``digest_sections_for(user, since)`` (one member).

The rules every section keeps:

- **who**: only members in good standing are readers (the composer drops anyone else: applicants, suspended
  members, deactivated accounts get nothing);
- **what**: the builder reads rows with ``visible_to_every_member()`` — the shared visibility rule for any member
  (``visible_to(member)`` without the member's own rows) — and ``for_reader`` leaves out the reader's own items,
  so each member gets exactly what ``visible_to`` gives them, minus their own; staff get what members get;
- **language**: the builder's work is language-free (ids, titles, dates, codes); ``for_reader`` runs in the
  reader's language (``translation.override``), so a title, a country's name or "3 new posts" come out in it.

A decorated builder can also be called for one member, ``section(user, since)`` (tests, previews).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext, ngettext, pgettext

from .hooks import hooks_load
from .permissions import is_member


@dataclass(frozen=True)
class DigestItem:
    """One new thing: its title, an absolute URL (the digest is read in a mail client), and optionally a
    line of context and when it happened."""

    title: str
    url: str
    summary: str = ""
    when: datetime | None = None


@dataclass(frozen=True)
class DigestSection:
    """A titled list of the newest items of one kind. ``total`` counts all new items, of which ``items`` may
    show only the first few; ``more_url`` leads to the rest."""

    key: str
    title: str
    items: Sequence[DigestItem] = field(default_factory=tuple)
    total: int | None = None
    more_url: str = ""

    def __post_init__(self) -> None:
        if self.total is None:
            object.__setattr__(self, "total", len(self.items))

    @property
    def is_empty(self) -> bool:
        return not self.items and not self.total

    @property
    def not_shown(self) -> int:
        """How many new items the section counts but does not list ("and 12 more")."""
        return max((self.total or 0) - len(self.items), 0)


@dataclass(frozen=True)
class DigestReader:
    """A member about to get a digest, with what sections rank by: news from ``since`` on, their themes (of
    their profile and of their membership application), their country and its network region, the section
    keys they turned off."""

    user: Any
    since: datetime
    theme_ids: frozenset[int] = frozenset()
    country: str = ""
    region: str = ""
    sections_off: frozenset[str] = frozenset()

    @cached_property
    def pk(self) -> int:
        return int(self.user.pk)

    @property
    def language(self) -> str:
        return getattr(self.user, "preferred_language", "") or settings.LANGUAGE_CODE


ReaderSection = Callable[[DigestReader], DigestSection | None]
SectionBuilder = Callable[[Sequence[DigestReader]], ReaderSection]


def earliest(readers: Iterable[DigestReader]) -> datetime:
    """Where the readers' news start, the earliest of them: what a builder reads from the database."""
    return min(reader.since for reader in readers)


def section_limit() -> int:
    """How many items a section lists (the rest is counted: "and 12 more")."""
    return int(settings.DIGEST_SECTION_LIMIT)


class DigestSectionSource:
    """A section builder with its ``key`` (what a member turns off, stored in
    ``MemberPreferences.digest_sections_off``) and ``title`` (the settings page's label). Calling it with one
    member, ``section(user, since)``, gives that member's section (or None)."""

    def __init__(self, key: str, title: str | Promise, builder: SectionBuilder) -> None:
        self.digest_key = key
        self.digest_title = title
        self.builder = builder
        self.__doc__ = builder.__doc__
        self.__name__ = getattr(builder, "__name__", key)

    def __call__(self, user: Any, since: datetime) -> DigestSection | None:
        readers = digest_readers([(user, since)])
        found = digest_sections_for_readers(readers, [self])
        return next(iter(found.get(readers[0].pk, [])), None) if readers else None


def digest_section(key: str, title: str | Promise) -> Callable[[SectionBuilder], DigestSectionSource]:
    """Names a section builder::

    @digest_section("practices", _("New good practices in my themes or region"))
    def section(readers): ...
    """

    def mark(builder: SectionBuilder) -> DigestSectionSource:
        return DigestSectionSource(key, title, builder)

    return mark


def digest_section_functions() -> list[Any]:
    """The sections named by ``settings.DIGEST_SECTIONS``, in that order: ``DigestSectionSource`` builders, or
    plain ``function(user, since)`` (called once per member; fine for a test, too dear for a run)."""
    return hooks_load("DIGEST_SECTIONS")


def digest_section_choices() -> list[tuple[str, str | Promise]]:
    """(key, title) of every configured section, for the member's settings page."""
    return [(f.digest_key, f.digest_title) for f in digest_section_functions() if hasattr(f, "digest_key")]


def digest_readers(
    people: Iterable[tuple[Any, datetime]], *, sections_off: dict[int, Iterable[str]] | None = None
) -> list[DigestReader]:
    """Readers for ``(user, since)`` pairs, members in good standing only, with their themes, country and
    region: three queries whatever the number of people."""
    from experts.models import ExpertProfile

    from .models import Membership

    pairs = [(user, since) for user, since in people if is_member(user)]
    for _user, since in pairs:
        if timezone.is_naive(since):
            raise ValueError("since must be an aware datetime")
    if not pairs:
        return []
    pks = [user.pk for user, _since in pairs]
    themes: dict[int, set[int]] = defaultdict(set)
    profile_themes = ExpertProfile.themes.through.objects.filter(expertprofile__user__in=pks)
    for user_id, theme_id in profile_themes.values_list("expertprofile__user_id", "theme_id"):
        themes[user_id].add(theme_id)
    membership_themes = Membership.themes.through.objects.filter(membership__user__in=pks)
    for user_id, theme_id in membership_themes.values_list("membership__user_id", "theme_id"):
        themes[user_id].add(theme_id)
    places = {
        user_id: (country or "", region or "")
        for user_id, country, region in Membership.objects.filter(user__in=pks).values_list(
            "user_id", "country_id", "country__network_region"
        )
    }
    off = sections_off or {}
    return [
        DigestReader(
            user=user,
            since=since,
            theme_ids=frozenset(themes.get(user.pk, ())),
            country=places.get(user.pk, ("", ""))[0],
            region=places.get(user.pk, ("", ""))[1],
            sections_off=frozenset(off.get(user.pk, ())),
        )
        for user, since in pairs
    ]


def _per_reader(function: Any, readers: Sequence[DigestReader]) -> ReaderSection:
    if isinstance(function, DigestSectionSource):
        return function.builder(readers)
    return lambda reader: function(reader.user, reader.since)  # type: ignore[no-any-return]


def digest_sections_for_readers(
    readers: Sequence[DigestReader], functions: Sequence[Any] | None = None
) -> dict[int, list[DigestSection]]:
    """Each reader's non-empty sections (by user pk), in the order of ``DIGEST_SECTIONS``, without those they
    turned off; each written in the reader's language. A reader who is not a member gets nothing."""
    readers = [reader for reader in readers if is_member(reader.user)]
    if not readers:
        return {}
    functions = digest_section_functions() if functions is None else functions
    keyed = [(getattr(function, "digest_key", None), function) for function in functions]
    builders = []
    for key, function in keyed:
        wanted = [reader for reader in readers if key not in reader.sections_off]
        builders.append((key, _per_reader(function, wanted) if wanted else None))
    found: dict[int, list[DigestSection]] = {}
    for reader in readers:
        with translation.override(reader.language):
            sections = [
                for_reader(reader)
                for key, for_reader in builders
                if for_reader is not None and key not in reader.sections_off
            ]
        found[reader.pk] = [section for section in sections if section is not None and not section.is_empty]
    return found


def digest_sections_for(user: Any, since: datetime) -> list[DigestSection]:
    """The non-empty sections for ``user`` covering what happened from ``since`` (an aware datetime) on, in the
    member's language whoever asks (a worker, the ``send_digests`` command, a test); none for someone who is
    not a member in good standing."""
    if timezone.is_naive(since):
        raise ValueError("since must be an aware datetime")
    readers = digest_readers([(user, since)])
    return digest_sections_for_readers(readers).get(readers[0].pk, []) if readers else []


# What the subject says of each section, by key: "3 new good practices". A section not listed here is named by
# its title and count ("Quick updates: 4").
_SUBJECT_PHRASES: dict[str, Callable[[int], str]] = {
    "practices": lambda n: ngettext("%(count)d new good practice", "%(count)d new good practices", n),
    "followed": lambda n: ngettext("%(count)d discussion you follow", "%(count)d discussions you follow", n),
    "discussions": lambda n: ngettext("%(count)d new discussion", "%(count)d new discussions", n),
    "experts": lambda n: ngettext("%(count)d new expert", "%(count)d new experts", n),
    "offers": lambda n: ngettext("%(count)d new offer", "%(count)d new offers", n),
    "updates": lambda n: ngettext("%(count)d quick update", "%(count)d quick updates", n),
}
# A subject stays readable on a phone: the first few sections by name, then "and more".
SUBJECT_SECTIONS = 3


def digest_subject_summary(sections: Sequence[DigestSection]) -> str:
    """What a digest holds, for its subject line, in the active language: "3 new good practices, 2 discussions
    you follow". Sections in the digest's order; past ``SUBJECT_SECTIONS`` of them, "and more"."""
    parts = []
    for section in sections[:SUBJECT_SECTIONS]:
        count = section.total or len(section.items)
        phrase = _SUBJECT_PHRASES.get(section.key)
        if phrase is not None:
            parts.append(phrase(count) % {"count": count})
        else:
            parts.append(gettext("%(title)s: %(count)d") % {"title": section.title, "count": count})
    summary = pgettext("between the parts of a digest's subject", ", ").join(parts)
    if len(sections) > SUBJECT_SECTIONS:
        summary = gettext("%(summary)s and more") % {"summary": summary}
    return summary
