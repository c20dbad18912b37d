from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Members-only e-discussions and quick updates."""

    name = "forums"
    verbose_name = _("E-discussions")

    def ready(self) -> None:
        """The home page's latest news, cached for visitors (network/cache.py, namespace "news"), and the quick
        updates and the unread threads the members' home lists (namespaces "updates" and "forums", forums/home.py).
        "forums" moves with a thread or a category saved or deleted, and with every refresh of the threads'
        counters (forums/counters.py: every service that adds, approves, hides, moves or merges posts calls it in
        the same transaction) — not with each post, so a thread deleted with its 2,000 posts sends no signal per
        post. A member's read positions bump their own namespace (forums/services/reading.py)."""
        from network.cache import namespace_bump_on_change

        from .models import Category, NewsItem, QuickUpdate, Thread

        namespace_bump_on_change(NewsItem, "news")
        namespace_bump_on_change(QuickUpdate, "updates")
        for model in (Thread, Category):
            namespace_bump_on_change(model, "forums")
