"""A practice's history as its submitter and staff read it: each submitted version, what changed since the one
before, and the moderators' notes, oldest first (templates/practices/includes/history.html)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from practices.models import GoodPractice, GoodPracticeEvent, PracticeVersion

# Snapshot key → its label; long texts are only said to have changed, short ones show old and new.
FIELD_LABELS: dict[str, Any] = {
    "title": _("Title"),
    "summary": _("Summary"),
    "body": _("Description"),
    "outcomes": _("Outcomes and evidence"),
    "lessons": _("Lessons learned"),
    "safeguards": _("Human rights and gender safeguards"),
    "language": _("Language"),
    "visibility": _("Who may read it"),
    "countries": _("Countries"),
    "pillars": _("Pillars"),
    "themes": _("Themes"),
    "target_groups": _("Target groups"),
    "keywords": _("Keywords"),
    "organisations": _("Implementing organisations"),
    "other_organisations": _("Other implementing organisations"),
    "start_year": _("Start year"),
    "end_year": _("End year"),
    "links": _("Sources and links"),
    "attachments": _("Documents and pictures"),
}
LONG_TEXT = frozenset({"summary", "body", "outcomes", "lessons", "safeguards"})
SHORT_LIMIT = 200


@dataclass(frozen=True)
class FieldChange:
    label: Any
    old: str = ""
    new: str = ""
    shown: bool = False  # old and new are worth showing (short values)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # "version" or "event"
    version: PracticeVersion | None = None
    event: GoodPracticeEvent | None = None
    changes: list[FieldChange] = field(default_factory=list)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(
            f"{item.get('title', '')} <{item.get('url', '')}>" if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def version_changes(previous: dict[str, Any], current: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two snapshots, in the form's order."""
    changes = []
    for key, label in FIELD_LABELS.items():
        old, new = previous.get(key), current.get(key)
        if old == new or (not old and not new):
            continue
        old_text, new_text = _as_text(old), _as_text(new)
        short = key not in LONG_TEXT and max(len(old_text), len(new_text)) <= SHORT_LIMIT
        changes.append(FieldChange(label=label, old=old_text, new=new_text, shown=short))
    return changes


def practice_history(practice: GoodPractice) -> list[HistoryEntry]:
    """Versions and status changes with their notes, oldest first; two queries."""
    versions = list(PracticeVersion.objects.filter(practice=practice).order_by("number"))
    events = list(GoodPracticeEvent.objects.filter(practice=practice).order_by("created_at", "pk"))
    entries: list[HistoryEntry] = []
    previous: dict[str, Any] | None = None
    for version in versions:
        changes = version_changes(previous, version.data) if previous is not None else []
        entries.append(HistoryEntry(at=version.created_at, kind="version", version=version, changes=changes))
        previous = version.data
    # A submission's version and its "submitted" event share a time: the version comes first.
    entries += [HistoryEntry(at=event.created_at, kind="event", event=event) for event in events]
    return sorted(entries, key=lambda entry: (entry.at, entry.kind != "version"))
