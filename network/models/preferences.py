"""A member's choices about how the network writes to them. One row per person, created when they first save
the settings page; without a row every choice has its default (``MemberPreferences.for_user``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .digests import DigestFrequency


class MemberPreferences(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("user")
    )
    email_immediately = models.BooleanField(
        _("email each notification at once"),
        default=False,
        help_text=_(
            "Replies in discussions you follow, mentions, quotes of your posts and e-discussions opening or "
            "closing are emailed as they happen. Otherwise you read them on the notifications page."
        ),
    )

    digest_frequency = models.CharField(
        _("email digest"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
        help_text=_("What is new for you on the network, in one email."),
    )
    # Keys of the digest sections the member turned off (settings.DIGEST_SECTIONS names them); a new section is on.
    digest_sections_off = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    # A permanent delivery failure (5xx) sets this: no digest until the member or staff clear it.
    email_bounced_at = models.DateTimeField(_("email address refused at"), null=True, blank=True)
    email_bounce_reason = models.TextField(_("refusal"), blank=True)

    class Meta:
        verbose_name = _("member preferences")
        verbose_name_plural = _("member preferences")

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"

    @classmethod
    def for_user(cls, user: Any) -> MemberPreferences:
        """The saved row, or an unsaved one holding the defaults."""
        return cls.objects.filter(user=user).first() or cls(user=user)
