"""The member's forms for advisory requests: file one, rate one once it is completed (pages: views/requests.py).

The forms say what is wrong next to the field and keep everything typed; the services (services/requests.py)
check the same rules again, so a form is a courtesy, never the only guard.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from advisory.models import AdvisoryRequest, Confidentiality, Modality, Timeframe
from experts.models import SPOKEN_LANGUAGES
from network.forms import CountryChoiceField
from network.models import Country, Pillar, Theme, User

NEED_LIMIT = 10000

# What each confidentiality level means, in plain words, next to the choice.
CONFIDENTIALITY_CHOICES = [
    (
        Confidentiality.STAFF,
        _(
            "The network's staff only. Experts who are invited read only the short brief staff write for them."
        ),
    ),
    (
        Confidentiality.MATCHED,
        _(
            "The network's staff and the experts invited to help: they read your request as you wrote it, with "
            "your institution's name, so they can decide quickly."
        ),
    ),
]


def _field(name: str) -> Any:
    return AdvisoryRequest._meta.get_field(name)


class RequestForm(forms.Form):
    """Everything the requester writes. ``on_behalf_of_institution`` exists only for a focal point."""

    on_behalf_of_institution = forms.BooleanField(
        label=_("I file this request on behalf of my institution"),
        required=False,
        help_text=_("As a focal point, you may ask in your institution's name rather than your own."),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_on_behalf_of_institution_helptext"}),
    )
    institution = forms.CharField(
        label=_("Requesting institution"),
        max_length=200,
        help_text=_field("institution").help_text,
        error_messages={"required": _("Name the ministry, agency or organisation that needs the help.")},
    )
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        empty_label=_("Choose a country"),
        help_text=_("The country that needs the help."),
        error_messages={"required": _("Choose the country that needs the help.")},
    )
    title = forms.CharField(
        label=_("Your request in one line"),
        max_length=160,
        help_text=_field("title").help_text,
        error_messages={"required": _("Sum up your request in one line.")},
    )
    need = forms.CharField(
        label=_("The need, in your words"),
        max_length=NEED_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What is needed, for whom, what has been tried already, and what would count as success. "
            "Markdown: *emphasis*, **bold**, lists."
        ),
        error_messages={"required": _("Say what you need, in your own words.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose the themes that fit: they help staff find the right experts."),
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("Pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you would like to work in"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modality = forms.ChoiceField(
        label=_("Kind of help"),
        choices=Modality.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of help you are looking for.")},
    )
    timeframe = forms.ChoiceField(
        label=_("When do you need it?"),
        choices=Timeframe.choices,
        initial=Timeframe.FLEXIBLE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you need the help, or “Flexible”.")},
    )
    confidentiality = forms.ChoiceField(
        label=_("Who may read this request"),
        choices=CONFIDENTIALITY_CHOICES,
        initial=Confidentiality.STAFF,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may read your request.")},
        help_text=_("Whatever you choose, no other member of the network ever sees your request."),
    )
    # One per blank form, kept through every re-display: a second POST of the same form files nothing.
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CountryChoiceField, self.fields["country"]).queryset = Country.objects.in_network()
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.active()
        membership = getattr(user, "membership", None)
        if membership is None or not membership.is_focal_point:
            del self.fields["on_behalf_of_institution"]
        self.fields["institution"].widget.attrs["autocomplete"] = "organization"

    def clean_need(self) -> str:
        need = self.cleaned_data["need"].strip()
        if not need:
            raise forms.ValidationError(_("Say what you need, in your own words."))
        return need

    def request_fields(self) -> dict[str, Any]:
        """What services.requests.request_file takes as ``fields``."""
        data = self.cleaned_data
        return {
            "on_behalf_of_institution": bool(data.get("on_behalf_of_institution")),
            "institution": data["institution"],
            "country": data["country"],
            "title": data["title"],
            "need": data["need"],
            "pillars": data["pillars"],
            "languages": data["languages"],
            "modality": data["modality"],
            "timeframe": data["timeframe"],
            "confidentiality": data["confidentiality"],
        }


def request_initial(user: User) -> dict[str, Any]:
    """A blank form starts from what the membership says: the member's organisation and country."""
    membership = getattr(user, "membership", None)
    initial: dict[str, Any] = {}
    if membership is not None:
        initial["institution"] = membership.organisation
        initial["country"] = membership.country_id
    return initial


RATING_CHOICES = [
    (5, _("5 — It changed a lot")),
    (4, _("4 — Very useful")),
    (3, _("3 — Useful")),
    (2, _("2 — Of little use")),
    (1, _("1 — Not useful")),
]


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the help you received?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    what_changed = forms.CharField(
        label=_("What changed thanks to it?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few lines: what your institution does differently now, or why it did not help. Staff use it to "
            "improve the service; it is never published with your name."
        ),
        error_messages={"required": _("Tell us in a few words what changed, or that nothing did.")},
    )

    def clean_what_changed(self) -> str:
        text = self.cleaned_data["what_changed"].strip()
        if not text:
            raise forms.ValidationError(_("Tell us in a few words what changed, or that nothing did."))
        return text


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why are you withdrawing it? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the network's staff read this."),
    )
