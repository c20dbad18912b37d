from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Members-only e-discussions and quick updates."""

    name = "forums"
    verbose_name = _("E-discussions")

    def ready(self) -> None:
        """The home page's latest news, cached for visitors (network/cache.py, namespace "news"); what drops the
        forums' cached pieces: reading pages and the members' home (forums/caching.py)."""
        from network.cache import namespace_bump_on_change

        from . import caching
        from .models import NewsItem

        namespace_bump_on_change(NewsItem, "news")
        caching.connect()
