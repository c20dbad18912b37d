"""The forums' part of "Your data": what a member wrote and chose in the e-discussions, and what happens to it
when the account is deleted.

Posts and threads are part of conversations others took part in: they stay, shown as from a former member (the
author is SET_NULL when the user row goes). What is only the person's — quick updates, follows, read positions,
notifications, preferences — goes with the account. Listed in ``settings.PERSONAL_DATA_EXPORTERS`` and
``settings.ACCOUNT_DELETION_HOOKS`` (network/your_data.py)."""

from __future__ import annotations

from typing import Any

from forums.models import CategoryFollow, Flag, Post, QuickUpdate, Thread, ThreadFollow
from network.models import User
from network.your_data import iso


def export(user: User) -> dict[str, Any]:
    """Threads started, posts written (in every status), quick updates, follows and flags raised."""
    threads = Thread.objects.filter(author=user).select_related("category").order_by("created_at", "pk")
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
    return {
        "discussions": {
            "threads_started": [
                {
                    "title": t.title,
                    "category": t.category.slug,
                    "status": t.status,
                    "started_at": iso(t.created_at),
                }
                for t in threads
            ],
            "posts": [
                {
                    "thread": post.thread.title,
                    "number": post.number,
                    "status": post.status,
                    "text": post.body,
                    "posted_at": iso(post.created_at),
                    "edited_at": iso(post.edited_at),
                }
                for post in posts
            ],
            "quick_updates": [
                {"text": u.body, "link": u.link, "posted_at": iso(u.created_at), "hidden": u.is_hidden}
                for u in QuickUpdate.objects.filter(author=user).order_by("created_at", "pk")
            ],
            "followed_threads": [
                {"thread": f.thread.title, "level": f.level}
                for f in ThreadFollow.objects.filter(user=user).select_related("thread").order_by("pk")
            ],
            "followed_categories": [
                {"category": f.category.slug, "level": f.level}
                for f in CategoryFollow.objects.filter(user=user).select_related("category").order_by("pk")
            ],
            "flags_raised": [
                {
                    "post_number": f.post.number,
                    "thread": f.post.thread.title,
                    "reason": f.reason,
                    "status": f.status,
                }
                for f in Flag.objects.filter(flagged_by=user).select_related("post__thread").order_by("pk")
            ],
        }
    }


def delete(*, user: User) -> dict[str, int]:
    """Quick updates go (follows, read positions and notifications cascade with the user row); posts and threads
    stay as from a former member."""
    kept = Post.objects.filter(author=user).count()
    removed = QuickUpdate.objects.filter(author=user).delete()[1].get(QuickUpdate._meta.label, 0)
    return {"forum_posts_kept_as_former_member": kept, "quick_updates_removed": removed}
