"""What happens for readers when a post becomes visible (created visible, or approved by a moderator): the
author follows the thread (automatically what they start or reply to), and followers, mentioned and quoted
members who may see it are notified. Called on commit by the posting and moderation services.

Contract for the other forum modules — keep the signatures: ``post_published(post_id)``,
``consultation_opened(consultation_id)``, ``consultation_closed(consultation_id)``.
"""

from __future__ import annotations


def post_published(post_id: int) -> None:
    """Follow, notify (in the app; by email at once for members who asked for it)."""


def consultation_opened(consultation_id: int) -> None:
    """A time-boxed e-discussion has just opened to posts: tell the members who follow its thread (they may
    follow it before it opens) or its category, with a ``consultation`` notification. Called once per
    e-discussion, on commit, by the beat task ``forums.tasks.consultations_close_due``."""


def consultation_closed(consultation_id: int) -> None:
    """A time-boxed e-discussion has closed (at its end by the beat task, or early by staff): tell its
    followers and participants, pointing at the synthesis if there is one. Called once per e-discussion, on
    commit, by ``forums.services.consultations.consultation_close``."""
