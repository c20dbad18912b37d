"""The member's good-practice form and its sources-and-links formset (pages: practices/member_views.py)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags, parse_tags

from experts.models import SPOKEN_LANGUAGES, ExpertProfile, Organisation
from network.forms import CountryChoiceIterator
from network.models import Country, Pillar, Theme, User
from network.visibility import Visibility
from practices.models import GoodPractice, TargetGroup
from practices.models.practice import FIRST_YEAR, LAST_YEAR
from practices.services.practices import LinkData, PracticeContent

MAX_LINKS = 20
MAX_KEYWORDS = 20
TEXT_LIMIT = 20000


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = CountryChoiceIterator

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class PracticeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_language_display() or '—'})"


def _markdown_field(label: Any, help_text: Any = "", rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class PracticeForm(forms.Form):
    """Everything optional but the title: a draft may be unfinished; "Submit" checks the rest."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=GoodPractice._meta.get_field("summary").help_text,
    )
    body = _markdown_field(
        _("Description"),
        _(
            "What was done, by whom, for whom and how. Markdown: *emphasis*, **bold**, lists, "
            "[links](https://example.org)."
        ),
        rows=12,
    )
    outcomes = _markdown_field(_("Outcomes and evidence"), _("What changed, and how you know it."))
    lessons = _markdown_field(_("Lessons learned"), _("What others should copy, and what to avoid."))
    safeguards = _markdown_field(
        _("Human rights and gender safeguards"),
        _("How the practice respected human rights and took account of gender."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=[("", _("Detect it from the text")), *SPOKEN_LANGUAGES],
        required=False,
    )
    translation_of = PracticeChoiceField(
        label=_("This is a translation of…"),
        queryset=GoodPractice.objects.none(),
        required=False,
        empty_label=_("— not a translation —"),
        help_text=_(
            "The same practice in another language, already on the portal: readers are offered both."
        ),
    )
    countries = CountryMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Where the practice took place. Hold Ctrl (or ⌘) to choose several."),
    )
    pillars = forms.TypedMultipleChoiceField(
        label=_("Pillars of the Strategy"),
        choices=Pillar.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=500,
        required=False,
        help_text=_("Free keywords, separated by commas."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Implementing organisations in the network's directory"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )
    other_organisations = forms.CharField(
        label=_("Other implementing organisations"),
        max_length=300,
        required=False,
        help_text=GoodPractice._meta.get_field("other_organisations").help_text,
    )
    start_year = forms.IntegerField(
        label=_("Start year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    end_year = forms.IntegerField(
        label=_("End year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        help_text=_("Leave empty if it is ongoing."),
    )
    contact_experts = forms.ModelMultipleChoiceField(
        label=_("Contact experts"),
        queryset=ExpertProfile.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Members readers may write to about this practice. Hold Ctrl (or ⌘) to choose several."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it once published"),
        choices=[(Visibility.PUBLIC, _("Everyone")), (Visibility.MEMBERS, _("Members of the network only"))],
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    # One per blank form, kept through every re-display: a second POST of the same form creates nothing.
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, practice: GoodPractice | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ModelMultipleChoiceField, fields["countries"]).queryset = Country.objects.all()
        cast(forms.ModelMultipleChoiceField, fields["themes"]).queryset = Theme.objects.active()
        cast(forms.ModelMultipleChoiceField, fields["organisations"]).queryset = Organisation.objects.all()
        cast(forms.ModelMultipleChoiceField, fields["contact_experts"]).queryset = (
            ExpertProfile.objects.visible_to(user).select_related("user").order_by("user__full_name", "pk")
        )
        translations = GoodPractice.objects.visible_to(user).order_by("title", "pk")
        if practice is not None:
            translations = translations.exclude(pk=practice.pk)
        cast(forms.ModelChoiceField, fields["translation_of"]).queryset = translations

    def clean_keywords(self) -> list[str]:
        keywords = parse_tags(self.cleaned_data.get("keywords", ""))
        if len(keywords) > MAX_KEYWORDS:
            raise forms.ValidationError(_("Up to %(max)d keywords, please."), params={"max": MAX_KEYWORDS})
        if any(len(keyword) > 100 for keyword in keywords):
            raise forms.ValidationError(_("A keyword is too long (100 characters at most)."))
        return keywords

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        return data

    def content(self, links: list[LinkData]) -> PracticeContent:
        data = self.cleaned_data
        return PracticeContent(
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            outcomes=data["outcomes"],
            lessons=data["lessons"],
            safeguards=data["safeguards"],
            language=data["language"],
            visibility=data["visibility"],
            countries=list(data["countries"]),
            themes=list(data["themes"]),
            pillars=data["pillars"],
            target_groups=data["target_groups"],
            keywords=data["keywords"],
            organisations=list(data["organisations"]),
            other_organisations=data["other_organisations"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            contact_experts=list(data["contact_experts"]),
            links=links,
            translation_of=data["translation_of"],
        )


def practice_initial(practice: GoodPractice, user: User) -> dict[str, Any]:
    """The form's values for a saved practice."""
    translation = (
        GoodPractice.objects.visible_to(user)
        .filter(translation_group=practice.translation_group)
        .exclude(pk=practice.pk)
        .order_by("pk")
        .first()
    )
    return {
        "title": practice.title,
        "summary": practice.summary,
        "body": practice.body,
        "outcomes": practice.outcomes,
        "lessons": practice.lessons,
        "safeguards": practice.safeguards,
        "language": practice.language,
        "translation_of": translation,
        "countries": list(practice.countries.all()),
        "pillars": practice.pillars,
        "themes": list(practice.themes.all()),
        "target_groups": practice.target_groups,
        "keywords": edit_string_for_tags(list(practice.keywords.all())),
        "organisations": list(practice.organisations.all()),
        "other_organisations": practice.other_organisations,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "contact_experts": list(practice.contact_experts.all()),
        "visibility": practice.visibility,
    }


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("url") and not data.get("title"):
            self.add_error("title", _("Give this source a title."))
        if data.get("title") and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give this source its address."))
        return data


class BaseLinkFormSet(forms.BaseFormSet):
    def links(self) -> list[LinkData]:
        return [
            LinkData(title=d["title"], url=d["url"])
            for d in (f.cleaned_data for f in self.forms)
            if d.get("title") and d.get("url") and not d.get("DELETE")
        ]


LinkFormSet: type[BaseLinkFormSet] = forms.formset_factory(  # type: ignore[assignment]
    LinkForm,
    formset=BaseLinkFormSet,
    extra=2,
    max_num=MAX_LINKS,
    validate_max=True,
    absolute_max=MAX_LINKS,
    can_delete=True,
)
