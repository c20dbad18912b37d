from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """Good-practice submissions, their moderation workflow and public/member browsing."""

    name = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        """What the practices' cached lists, counts and visitors' pages are built from (network/cache.py, namespace
        "practices"): the practices with their relations and tags, their files, links and endorsements."""
        from network.cache import namespace_bump_on_change

        from .models import Endorsement, GoodPractice, PracticeAttachment, PracticeLink

        for model in (GoodPractice, PracticeAttachment, PracticeLink, Endorsement):
            namespace_bump_on_change(model, "practices")
