"""The forms of the triage desk: the owner and outcome asked on the note page of a transition, the internal note
added on a request's change page, and the classification staff may correct."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from advisory.models import AdvisoryRequest
from experts.models import SPOKEN_LANGUAGES
from network.admin.tools import TransitionNoteForm
from network.models import Pillar, Theme, User


def staff_owners() -> QuerySet[User]:
    """Who may own a request: active staff, by name."""
    return User.objects.filter(is_staff=True, is_active=True).order_by("full_name", "email")


class OwnerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} <{obj.email}>"


class OwnerForm(TransitionNoteForm):
    """A transition that names the request's owner; the admin sets ``default_owner`` (the signed-in staff
    member) on a per-request subclass, so the choice starts at "me"."""

    default_owner: ClassVar[User | None] = None
    owner_required: ClassVar[bool] = True

    owner = OwnerChoiceField(label=_("Owner"), queryset=User.objects.none())
    field_order = ["owner", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(OwnerChoiceField, self.fields["owner"])
        field.queryset = staff_owners()
        field.required = self.owner_required
        field.empty_label = None if self.owner_required else _("Nobody (unassigned)")
        field.help_text = _(
            "A member of the network's staff; they see the request under “mine” in the queue."
        )
        if self.default_owner is not None:
            field.initial = self.default_owner.pk


class AssignForm(OwnerForm):
    owner_required = False


class CompleteForm(TransitionNoteForm):
    outcome_summary = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_(
            "What was delivered, by whom, to whom: it feeds the network's indicators and the requester reads it."
        ),
        error_messages={"required": _("Record the outcome: what was delivered, to whom.")},
    )
    field_order = ["outcome_summary", "note"]


class RequestNoteForm(forms.Form):
    body = forms.CharField(
        label=_("New internal note"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Only staff read internal notes: never the requester, never the experts."),
        error_messages={"required": _("Write the note.")},
    )
    # One per blank form: a second POST of the same form adds nothing.
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)


class AdvisoryRequestAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Only the classification used for matching; everything the requester wrote is read-only on the page."""

    themes = forms.ModelMultipleChoiceField(
        label=_("themes"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("preferred languages"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AdvisoryRequest
        fields = ["themes", "pillars", "languages", "modality"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "themes" in self.fields:
            themes = cast(forms.ModelMultipleChoiceField, self.fields["themes"])  # type: ignore[type-arg]
            # The active themes, and any retired one the request still has (so saving does not drop it).
            current = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
            themes.queryset = Theme.objects.filter(Q(is_active=True) | Q(pk__in=current.values("pk")))
