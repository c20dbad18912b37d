from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Good-practice submissions, their moderation workflow and public/member browsing."""

    name = "practices"
    verbose_name = _("Good practices")
