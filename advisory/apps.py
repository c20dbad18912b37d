from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    """Advisory-service requests from partners, staff triage and expert matching."""

    name = "advisory"
    verbose_name = _("Advisory services")

    def ready(self) -> None:
        """What the offers list's cached counts are built from (network/cache.py, namespace "offers"), and the
        requests and invitations each member's home lists (namespace "advisory", advisory/home.py)."""
        from network.cache import namespace_bump_on_change

        from .models import AdvisoryRequest, Invitation, Offer

        namespace_bump_on_change(Offer, "offers")
        for model in (AdvisoryRequest, Invitation):
            namespace_bump_on_change(model, "advisory")
