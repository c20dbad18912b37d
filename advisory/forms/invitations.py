"""The expert's answer to an invitation: Accept or Decline (the button pressed) with an optional note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 2000


class InvitationAnswerForm(forms.Form):
    # Filled by the button pressed (<button name="answer" value="accept|decline">), not by a field of its own.
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        error_messages={
            "required": _("Choose “Accept” or “Decline”."),
            "invalid_choice": _("Choose “Accept” or “Decline”."),
        },
    )
    note = forms.CharField(
        label=_("A note for the network's staff (optional)"),
        help_text=_(
            "For example when you are available, or why you cannot help this time. The requester does not see it."
        ),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @property
    def accepts(self) -> bool:
        return self.cleaned_data["answer"] == "accept"
