"""What happens for readers when a post becomes visible (created visible, or approved by a moderator): the
author follows the thread (automatically what they start or reply to), and followers, mentioned and quoted
members who may see it are notified. Called on commit by the posting and moderation services.

Contract for the other forum modules — keep the signature: ``post_published(post_id)``.
"""

from __future__ import annotations


def post_published(post_id: int) -> None:
    """Follow, notify (in the app; by email at once for members who asked for it)."""


def moderation_decided(post_event_id: int) -> None:
    """A moderator decided about a post (approved, rejected, hidden, shown again): the author gets an in-app
    notification (kind "moderation") for the ``forums.PostEvent`` ``post_event_id``. Called on commit by
    forums/services/moderation.py; the email itself is the workflow's (``Post.TRANSITIONS`` templates)."""
