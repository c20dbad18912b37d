"""The forms members write with: a new thread, a reply (with files, the quoted post, a once-only token), an
edit. Text is checked by ``forums.services.posting.post_body_check`` so a form and a service say the same thing;
a bound form that fails comes back with everything typed kept (files must be chosen again — a browser cannot be
given them back, and the message says so)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from forums.services.posting import TITLE_MAX, post_body_check
from network.attachments import MultipleAttachmentField
from network.idempotency import form_token_new

FILES_MAX = 5
BODY_HELP = _(
    "Markdown: **bold**, *italic*, > quote, - list, [text](address). Mention a member with @ and the address "
    "of their profile, e.g. @amina-yusuf. A link to a good practice, an expert or an organisation on this site "
    "shows as a card under your post."
)


class _BodyMixin(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        help_text=BODY_HELP,
        strip=False,
        required=False,  # the empty case gets the clearer "Write something first." below
    )

    def clean_body(self) -> str:
        return post_body_check(self.cleaned_data.get("body") or "")


class ReplyForm(_BodyMixin):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    quote_of = forms.IntegerField(widget=forms.HiddenInput, required=False)
    attachments = MultipleAttachmentField(
        label=_("Attach files"),
        max_files=FILES_MAX,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to 10 MB each, at most 5."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your reply")


class ThreadForm(ReplyForm):
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=300,
        help_text=_("Optional, separated by commas, e.g. youth, mentoring, schools."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    practice = forms.SlugField(widget=forms.HiddenInput, required=False)
    field_order = ["title", "body", "keywords", "attachments"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your message")
        del self.fields["quote_of"]

    def clean_keywords(self) -> list[str]:
        return parse_tags(self.cleaned_data.get("keywords") or "")[:10]


class EditForm(_BodyMixin):
    pass


def reply_form_blank() -> ReplyForm:
    """The empty reply form a thread page shows (it carries the once-only token)."""
    return ReplyForm(initial={"form_token": form_token_new()})
