from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Country, Theme


class CountryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class MembershipApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        empty_label=_("Choose a country"),
        help_text=_("The country where you work."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes of expertise"),
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at least one."),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=50,
        max_length=4000,
        help_text=_(
            "What would you bring to the network, and what do you hope to find? (50 to 4,000 characters)"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(CountryChoiceField, self.fields["country"])
        country.queryset = Country.objects.all()
        # Sorted by the translated name, which the database cannot do.
        country.choices = [("", country.empty_label)] + [
            (c.pk, c.name) for c in sorted(country.queryset, key=lambda c: c.name)
        ]
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.active()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"
