from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    """Members-only e-discussions and quick updates."""

    name = "forums"
    verbose_name = _("E-discussions")
