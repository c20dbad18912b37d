from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Good-practice submissions, their moderation workflow and public/member browsing."""

    name = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from practices import admin_handbook  # noqa: F401  # registers the handbook admin
