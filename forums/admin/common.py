"""What the forum admins share: a decision as a TransitionAction calling a moderation service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from forums.models import Category
from network.admin.tools import PathListFilter, TransitionAction

REASON_HELP = _("Recorded in the moderation history and quoted in the email to the author.")


def decision(
    model: type[Model], name: str, *, service: Callable[..., Any], object_arg: str, **options: Any
) -> TransitionAction:
    """The admin face of the named transition of ``model.TRANSITIONS`` applied by ``service``."""
    options.setdefault("note_help", REASON_HELP)
    return TransitionAction.for_workflow(
        model.TRANSITIONS[name],  # type: ignore[attr-defined]
        service=service,
        object_arg=object_arg,
        permission="moderate",
        **options,
    )


def excerpt(text: str, words: int = 30) -> SafeString:
    return format_html('<span dir="auto">{}</span>', Truncator(text).words(words))


class CategoryFilter(PathListFilter):
    """The forum's categories; ``CategoryFilter.for_path("thread__category")``."""

    title = _("category")
    parameter_name = "category"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [(str(category.pk), category.label) for category in Category.objects.all()]
