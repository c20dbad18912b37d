from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Good-practice submissions, their moderation workflow and public/member browsing."""

    name = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        """What the practices list's cached counts are built from (network/cache.py, namespace "practices")."""
        from network.cache import namespace_bump_on_change

        from .models import GoodPractice

        namespace_bump_on_change(GoodPractice, "practices")
