from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from network.third_party_i18n import label_third_party_models

        label_third_party_models()
