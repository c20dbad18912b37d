from __future__ import annotations

import unicodedata
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from network.digest import digest_section_choices
from network.models import Country, DigestFrequency, MemberPreferences, Theme


def _sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


class CountryChoiceIterator(forms.models.ModelChoiceIterator):
    """Countries by their name in the active language ("Åland" next to "Albania"), which SQL cannot sort."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: _sort_key(str(choice[1])))


class CountryChoiceField(forms.ModelChoiceField):
    iterator = CountryChoiceIterator

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class MembershipApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        empty_label=_("Choose a country"),
        help_text=_(
            "The country where you work: the network serves Africa, Asia, the Middle East, Latin America and the Caribbean."
        ),
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
        cast(CountryChoiceField, self.fields["country"]).queryset = Country.objects.in_network()
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.active()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"


class MemberDetailsForm(forms.Form):
    """What a member may change about themselves; the same fields (and country choice) as the application."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        empty_label=_("Choose a country"),
        help_text=_("The country where you work."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CountryChoiceField, self.fields["country"]).queryset = Country.objects.in_network()
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account, application and expert profile are deleted for good"),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )


class EmailSettingsForm(forms.Form):
    """What the network emails a member: the digest (how often, which sections) and each notification at once."""

    digest_frequency = forms.ChoiceField(
        label=_("Email digest"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "What is new for you on the network, in one email. None is sent when nothing is new, or when you "
            "have visited the site since the previous one."
        ),
        error_messages={"required": _("Choose how often you want the digest, or “Never”.")},
    )
    digest_sections = forms.MultipleChoiceField(
        label=_("What the digest holds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    email_immediately = forms.BooleanField(
        label=_("Email me each notification as it happens"),
        required=False,
        help_text=_(
            "Replies in discussions you follow, mentions, quotes of your posts and e-discussions opening or "
            "closing. Otherwise you read them on the notifications page."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section_keys = [key for key, _title in digest_section_choices()]
        cast(forms.MultipleChoiceField, self.fields["digest_sections"]).choices = digest_section_choices()

    @classmethod
    def initial_for(cls, preferences: MemberPreferences) -> dict[str, object]:
        off = set(preferences.digest_sections_off)
        return {
            "digest_frequency": preferences.digest_frequency,
            "digest_sections": [key for key, _title in digest_section_choices() if key not in off],
            "email_immediately": preferences.email_immediately,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        frequency = cleaned.get("digest_frequency")
        if frequency and frequency != DigestFrequency.OFF and not cleaned.get("digest_sections"):
            self.add_error(
                "digest_sections",
                _("Tick at least one part of the digest, or choose “Never” for the digest."),
            )
        return cleaned

    def sections_off(self, previous: list[str]) -> list[str]:
        """The sections left unticked, plus those turned off earlier that this site does not offer now (a
        section that comes back stays off for whoever had turned it off)."""
        ticked = set(self.cleaned_data["digest_sections"])
        unticked = [key for key in self.section_keys if key not in ticked]
        return unticked + [key for key in previous if key not in self.section_keys]
