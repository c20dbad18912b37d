from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from experts.models import ContactMessage

BODY_MAX_LENGTH = 5000


class ContactForm(forms.Form):
    subject = forms.CharField(
        label=_("Subject"), max_length=ContactMessage._meta.get_field("subject").max_length
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Say who you are and what you would like to ask or propose."),
    )


class ContactSwitchForm(forms.Form):
    contact_enabled = forms.BooleanField(label=_("Members may write to me"), required=False)
