"""The member's profile form and its two formsets (languages spoken, links and publications)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from experts.models import SPOKEN_LANGUAGES, Availability, ExpertProfile, LanguageLevel, ProfileLink
from experts.photos import photo_process
from experts.services.profiles import LinkData
from network.models import Pillar, Theme
from network.visibility import Visibility

MAX_LANGUAGES = 12
MAX_LINKS = 20


class ProfileForm(forms.Form):
    headline = forms.CharField(
        label=_("Headline"),
        max_length=160,
        required=False,
        help_text=ExpertProfile._meta.get_field("headline").help_text,
    )
    bio = forms.CharField(
        label=_("Biography"),
        max_length=6000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you have worked on and what you can share (up to 6,000 characters). Markdown: "
            "*emphasis*, **bold**, lists, [links](https://example.org)."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes of expertise"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("Pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    years_of_experience = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=70, required=False
    )
    availability = forms.MultipleChoiceField(
        label=_("Available for"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees your profile"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_("Your email address and phone number are never shown, whatever you choose."),
    )
    contact_enabled = forms.BooleanField(
        label=_("Members may write to me through the portal"),
        required=False,
        help_text=ExpertProfile._meta.get_field("contact_enabled").help_text,
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("Seen by the network's staff only, never by members or visitors."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or GIF, up to 5 MB. We keep a small copy without its hidden data "
            "(camera, location)."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    photo_remove = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.active()
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_photo(self) -> ContentFile | None:
        upload = self.cleaned_data.get("photo")
        return photo_process(upload) if upload else None


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *SPOKEN_LANGUAGES], required=False)
    level = forms.ChoiceField(label=_("Level"), choices=[("", "—"), *LanguageLevel.choices], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("language")) != bool(data.get("level")):
            raise forms.ValidationError(_("Choose both a language and your level, or neither."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        codes = [f.cleaned_data["language"] for f in self.forms if f.cleaned_data.get("language")]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError(_("Each language once, please."))

    def pairs(self) -> list[tuple[str, str]]:
        return [
            (f.cleaned_data["language"], f.cleaned_data["level"])
            for f in self.forms
            if f.cleaned_data.get("language") and not f.cleaned_data.get("DELETE")
        ]


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProfileLink.Kind.choices, initial=ProfileLink.Kind.LINK)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https")
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("url") or data.get("year")) and not data.get("title"):
            self.add_error("title", _("Give this link or publication a title."))
        return data


class BaseLinkFormSet(forms.BaseFormSet):
    def links(self) -> list[LinkData]:
        return [
            LinkData(kind=d["kind"], title=d["title"], url=d.get("url") or "", year=d.get("year"))
            for d in (f.cleaned_data for f in self.forms)
            if d.get("title") and not d.get("DELETE")
        ]


LanguageFormSet: type[BaseLanguageFormSet] = forms.formset_factory(  # type: ignore[assignment]
    LanguageForm,
    formset=BaseLanguageFormSet,
    extra=2,
    max_num=MAX_LANGUAGES,
    validate_max=True,
    absolute_max=MAX_LANGUAGES,
    can_delete=True,
)
LinkFormSet: type[BaseLinkFormSet] = forms.formset_factory(  # type: ignore[assignment]
    LinkForm,
    formset=BaseLinkFormSet,
    extra=2,
    max_num=MAX_LINKS,
    validate_max=True,
    absolute_max=MAX_LINKS,
    can_delete=True,
)
