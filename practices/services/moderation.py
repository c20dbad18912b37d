"""What UNOCT staff change in a practice's content from the admin: one service, audited like a status change.

The status never changes here (practices/services/workflow.py does that); the audit row keeps it
(``from_status == to_status``: a details change, never emailed) and names the fields staff changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone, translation

from network.markdown import markdown_render
from network.models import User
from network.workflow import audit_record
from practices.models import GoodPractice
from practices.search import practice_search_refresh

MARKDOWN_FIELDS = ("body", "outcomes", "lessons", "safeguards")
# Never written by a content edit: the workflow and the search index own them.
NOT_CONTENT = frozenset({"id", "status", "search_vector", "submitted_at", "published_at", "created_at"})


@transaction.atomic
def practice_staff_edit(
    *,
    practice: GoodPractice,
    actor: User,
    changed: Collection[str],
    save_related: Callable[[], None] | None = None,
) -> GoodPractice:
    """Save the content fields named in ``changed`` (already set on ``practice``), then ``save_related`` (the
    admin's relations and inlines), re-render the Markdown, audit the change and refresh the search index.

    ``changed`` lists field names (``"countries"``, ``"links"``… for relations): the audit note lists them by
    their labels. Nothing changed, nothing written.
    """
    changed = [name for name in changed if name not in NOT_CONTENT]
    if not changed:
        return practice
    concrete = {f.name for f in GoodPractice._meta.concrete_fields}
    for name in MARKDOWN_FIELDS:
        setattr(practice, f"{name}_html", markdown_render(getattr(practice, name)))
    practice.updated_at = timezone.now()
    fields = [name for name in changed if name in concrete]
    fields += [f"{name}_html" for name in MARKDOWN_FIELDS] + ["updated_at"]
    practice.save(update_fields=fields)
    if save_related is not None:
        save_related()
    current = GoodPractice.objects.values_list("status", flat=True).get(pk=practice.pk)
    audit_record(
        instance=practice,
        actor=actor,
        from_status=current,
        to_status=current,
        note="Edited by staff: " + ", ".join(_label(name) for name in changed),
    )
    practice_search_refresh(practice_ids=[practice.pk])
    return practice


def _label(name: str) -> str:
    """A field's label in English (the audit trail's language), or an inline's plural ("sources and links")."""
    try:
        field = GoodPractice._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    label = getattr(field, "verbose_name", None)
    if label is None and field.related_model is not None:
        label = field.related_model._meta.verbose_name_plural
    with translation.override("en"):
        return str(label or name)
