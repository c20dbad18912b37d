from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    """Expert profiles, organisations and Centres of Excellence, focal points, the directory."""

    name = "experts"
    verbose_name = _("Experts")
