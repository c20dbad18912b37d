"""The member's offer form and the "register interest" form (pages: advisory/views/offers.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from advisory.models import Delivery, Offer, OfferKind
from advisory.services.offers import OFFER_FIELDS
from experts.models import SPOKEN_LANGUAGES, ExpertProfile, Organisation
from network.models import Pillar, Theme, User
from network.visibility import Visibility

TEXT_LIMIT = 20000
MESSAGE_LIMIT = 2000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OfferForm(forms.Form):
    """Everything optional but the title and what is offered: a draft may be unfinished; "Submit for review"
    checks the rest (``offer_submission_problems``)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("What is offered"), choices=OfferKind.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=Offer._meta.get_field("summary").help_text,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Content, methods, who teaches or advises, what participants need. Markdown: *emphasis*, "
            "**bold**, lists, [links](https://example.org)."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("Pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages it is offered in"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    delivery = forms.ChoiceField(
        label=_("Delivery"), choices=Delivery.choices, initial=Delivery.REMOTE, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DateInput())
    on_request = forms.BooleanField(
        label=_("Dates on request"),
        required=False,
        help_text=_("Tick if it can be arranged when someone asks, instead of fixed dates."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=Offer._meta.get_field("capacity").help_text,
    )
    eligibility = forms.CharField(
        label=_("Who may apply"),
        max_length=300,
        required=False,
        help_text=Offer._meta.get_field("eligibility").help_text,
    )
    organisation = forms.ModelChoiceField(
        label=_("Offering organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— offered in my own name —"),
        help_text=_("An organisation in the network's directory, if you offer on its behalf."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it once published"),
        choices=[(Visibility.MEMBERS, _("Members of the network only")), (Visibility.PUBLIC, _("Everyone"))],
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    # One per blank form, kept through every re-display: a second POST of the same form creates nothing.
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.active()
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = Organisation.objects.order_by(
            "name", "pk"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date comes before the start date."))
        if ends and not starts:
            self.add_error("starts_on", _("Give the start date too."))
        return data

    def offer_fields(self) -> dict[str, Any]:
        """The cleaned values the services take (``OFFER_FIELDS``), empty texts as empty strings."""
        return {name: self.cleaned_data[name] for name in OFFER_FIELDS if name in self.cleaned_data}

    def chosen_themes(self) -> list[Theme]:
        return list(self.cleaned_data["themes"])


def offer_initial(offer: Offer) -> dict[str, Any]:
    """The form's values for a saved offer."""
    initial: dict[str, Any] = {name: getattr(offer, name) for name in OFFER_FIELDS}
    initial["themes"] = list(offer.themes.all())
    return initial


def blank_offer_initial(user: User) -> dict[str, Any]:
    """A new offer: the organisation of the member's profile, members-only, remote."""
    profile = ExpertProfile.objects.filter(user=user).only("organisation_id").first()
    return {"organisation": profile.organisation_id if profile else None}


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the offerer"),
        max_length=MESSAGE_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are and why this would help. The offerer and UNOCT staff will read it."),
    )
