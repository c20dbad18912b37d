from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    """Advisory-service requests from partners, staff triage and expert matching."""

    name = "advisory"
    verbose_name = _("Advisory services")
