"""@mentions: a member types ``@`` and the address of an expert profile (``@amina-yusuf``, as in
/experts/amina-yusuf/) — no JavaScript needed, the address is on every profile page. Only approved, active
members are mentioned; an unknown address, an applicant or a suspended member mentions nobody. Addresses inside
code (``` `…` ``` or indented blocks) and e-mail addresses are not mentions.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet

from network.models import Membership, User

MENTION = re.compile(r"(?<![\w@.+/-])@([a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?)(?![\w-])", re.IGNORECASE)
_FENCED = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
MENTIONS_MAX = 20  # more in one post is a mass mailing, not a conversation


def mention_slugs(body: str) -> list[str]:
    """The profile addresses mentioned in ``body``, in order, once each, lower-cased."""
    text = _INLINE_CODE.sub(" ", _FENCED.sub(" ", body))
    text = "\n".join(line for line in text.splitlines() if not line.startswith("    "))
    return list(dict.fromkeys(m.lower() for m in MENTION.findall(text)))[:MENTIONS_MAX]


def mentioned_members(body: str) -> QuerySet[User]:
    """The approved, active members whose profile addresses ``body`` mentions (one query when evaluated)."""
    slugs = mention_slugs(body)
    return User.objects.filter(
        expert_profile__slug__in=slugs,
        is_active=True,
        membership__status=Membership.Status.APPROVED,
    )
