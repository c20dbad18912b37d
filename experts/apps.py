from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    """Expert profiles, organisations and Centres of Excellence, focal points, the directory."""

    name = "experts"
    verbose_name = _("Experts")

    def ready(self) -> None:
        """What the directory's cached counts are built from (network/cache.py, namespace "experts"): profiles,
        their languages and organisations, and the people behind them (names, standing, country)."""
        from network.cache import namespace_bump_on_change
        from network.models import Membership, User

        from .models import ExpertProfile, Organisation, ProfileLanguage, ProfileLink

        for model in (ExpertProfile, ProfileLanguage, ProfileLink, Organisation, Membership):
            namespace_bump_on_change(model, "experts")
        namespace_bump_on_change(User, "experts", ignore_fields=["last_login", "last_seen_at", "password"])
