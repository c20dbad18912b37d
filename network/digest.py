"""What is new for a member since a moment: the sections a digest is made of.

Each feature app that has news for members writes one function, e.g. ``practices/digest.py``::

    def section(user: User, since: datetime) -> DigestSection | None:
        practices = GoodPractice.objects.published().visible_to(user).filter(published_at__gte=since)
        return DigestSection(key="practices", title=_("New good practices"), items=[...], total=...)

and lists its dotted path in the ``DIGEST_SECTIONS`` setting. ``network`` looks the functions up by name
(``import_string``), so it never imports a feature app, and the digest composes whatever is configured:
``digest_sections_for(user, since)``. A section decides what the member may see (``visible_to(user)``);
the composer additionally gives nothing to someone who is not a member (an applicant, a suspended member).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.functional import Promise
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


SectionFunction = Callable[[Any, datetime], DigestSection | None]


def digest_section(key: str, title: str | Promise) -> Callable[[SectionFunction], SectionFunction]:
    """Names a section function: its ``key`` (what a member turns off in their settings, stored in
    ``MemberPreferences.digest_sections_off``) and its ``title`` (the settings page's label)::

        @digest_section("practices", _("New good practices in my themes or region"))
        def section(user, since): ...
    """

    def mark(function: SectionFunction) -> SectionFunction:
        function.digest_key = key  # type: ignore[attr-defined]
        function.digest_title = title  # type: ignore[attr-defined]
        return function

    return mark


def digest_section_functions() -> list[SectionFunction]:
    """The functions named by ``settings.DIGEST_SECTIONS``, in that order."""
    return hooks_load("DIGEST_SECTIONS")


def digest_section_choices() -> list[tuple[str, str | Promise]]:
    """(key, title) of every configured section, for the member's settings page."""
    return [(f.digest_key, f.digest_title) for f in digest_section_functions()]  # type: ignore[attr-defined]


def digest_sections_for(user: Any, since: datetime) -> list[DigestSection]:
    """The non-empty sections for ``user`` covering what happened from ``since`` (an aware datetime) on.

    Written in the member's language: a section's title and its lines of context (a kind, a country name) are
    the member's to read, whoever asks (a worker, the ``send_digests`` command, a test)."""
    if timezone.is_naive(since):
        raise ValueError("since must be an aware datetime")
    if not is_member(user):
        return []
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        sections = [function(user, since) for function in digest_section_functions()]
    return [section for section in sections if section is not None and not section.is_empty]


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
