"""The attachments part of the practice form: new files, and ticks for the current ones to remove.

Embedded in the submission/edit page as a second form with a prefix, inside the same ``<form>`` (so it needs
``enctype="multipart/form-data"``); removing is a checkbox processed on save, not a separate button, so nothing
typed elsewhere on the page is lost and no form is nested. A refused file makes this form invalid: the page
comes back with everything typed kept and each refused file named (docs/attachments.md). Wiring:
docs/attachments.md, "Good practices".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from network.attachments import MultipleAttachmentField, PreparedAttachment
from network.models import User
from practices.models import GoodPractice, PracticeAttachment
from practices.services.attachments import (
    practice_attachment_remove,
    practice_attachments_add,
    practice_attachments_max,
    practice_attachments_room,
    too_many_files_error,
)


class AttachmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.kind_label}, {obj.human_size})"


class PracticeAttachmentsForm(forms.Form):
    """``PracticeAttachmentsForm(request.POST or None, request.FILES or None, practice=…, prefix="attachments")``;
    ``practice`` is None on the page that creates one. ``save(practice=…, actor=…)`` after the practice is saved."""

    remove = AttachmentChoiceField(
        label=_("Remove these files"),
        queryset=PracticeAttachment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    upload = MultipleAttachmentField(
        label=_("Add files"),
        max_files=practice_attachments_max(),
        help_text=_(
            "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to 10 MB each. Pictures are saved again "
            "without their camera and location data."
        ),
    )

    def __init__(self, *args: Any, practice: GoodPractice | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice if practice is not None and practice.pk else None
        remove = self.fields["remove"]
        if self.practice is None:
            del self.fields["remove"]
        else:
            remove.queryset = self.practice.attachments.all()  # type: ignore[attr-defined]
        self.fields["upload"].max_files = practice_attachments_max()  # type: ignore[attr-defined]

    @property
    def current(self) -> list[PracticeAttachment]:
        """The practice's files now, for the template (empty on the page that creates a practice)."""
        return list(self.fields["remove"].queryset) if "remove" in self.fields else []  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        files: list[PreparedAttachment] = cleaned.get("upload") or []
        if files and "upload" not in self.errors:
            removing = len(cleaned.get("remove") or [])
            room = (
                practice_attachments_room(self.practice, removing=removing)
                if self.practice
                else practice_attachments_max()
            )
            if len(files) > room:
                self.add_error("upload", too_many_files_error(room=room, chosen=len(files)))
        return cleaned

    def has_work(self) -> bool:
        return bool(self.cleaned_data.get("upload") or self.cleaned_data.get("remove"))

    def save(self, *, practice: GoodPractice, actor: User) -> list[PracticeAttachment]:
        """Remove the ticked files, then add the new ones (so freed room counts). Call inside the view's
        transaction, after the practice itself is saved; raises what the services raise."""
        for attachment in self.cleaned_data.get("remove") or []:
            practice_attachment_remove(attachment=attachment, actor=actor)
        return practice_attachments_add(
            practice=practice, prepared=self.cleaned_data.get("upload") or [], actor=actor
        )
