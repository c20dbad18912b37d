"""``{{ sections|digest_subject_summary }}`` in the digest's templates (network/digest.py), rendered in the
member's language like the rest of the email."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

from network.digest import DigestSection
from network.digest import digest_subject_summary as summary_of

register = template.Library()


@register.filter
def digest_subject_summary(sections: Sequence[DigestSection]) -> str:
    return summary_of(sections)
