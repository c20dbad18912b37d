from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager["User"]):
    """Email is the login: no username anywhere."""

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:  # type: ignore[override]
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:  # type: ignore[override]
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails from the network are written in this language."),
    )
    # Stamped at most once an hour by network.middleware.LastSeenMiddleware: a member seen on the site during a
    # digest's period has seen what it would say, and gets no digest for it.
    last_seen_at = models.DateTimeField(_("last seen on the site"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        """The name shown on member-facing pages: never the email address, which only staff may see.

        ``__str__`` and ``get_full_name`` keep the email fallback for the admin (staff only)."""
        return self.full_name.strip() or str(_("Member without a name"))

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def membership_status(self) -> str | None:
        """Read fresh on every request (the user object is loaded per request): suspension bites at once."""
        from .membership import Membership

        return Membership.objects.filter(user=self).values_list("status", flat=True).first()

    @property
    def is_member(self) -> bool:
        """Entitled to members-only content: an approved, active member, or UNOCT staff."""
        from .membership import Membership

        if not (self.is_authenticated and self.is_active):
            return False
        return self.is_staff or self.membership_status == Membership.Status.APPROVED


class AccountDeletion(models.Model):
    """A member deleted their account: when, and what was removed or kept. Nothing that names the person.

    Written by ``network.services.accounts.account_delete`` in the same transaction as the deletion."""

    deleted_at = models.DateTimeField(_("deleted at"), default=timezone.now, db_index=True)
    membership_status = models.CharField(_("membership status at deletion"), max_length=20, blank=True)
    summary = models.JSONField(
        _("what was removed or kept"),
        default=dict,
        blank=True,
        help_text=_("Counts reported by each app's deletion hook, e.g. messages kept as “deleted member”."),
    )

    class Meta:
        verbose_name = _("deleted account")
        verbose_name_plural = _("deleted accounts")
        ordering = ["-deleted_at"]

    def __str__(self) -> str:
        return f"{self.deleted_at:%Y-%m-%d %H:%M}"
