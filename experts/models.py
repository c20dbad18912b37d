"""Expert profiles, organisations (Centres of Excellence among them) and messages between members.

One source of truth: a person's name lives on ``network.User.full_name``; their position, organisation (as they
wrote it), country and focal-point status on ``network.Membership``. A profile adds what an expert directory
needs and never copies those: it reads them through ``user`` and ``user.membership``.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.markdown import markdown_fields
from network.models import Membership, Pillar
from network.notifications import NotificationEmail, SendOnceQuerySet
from network.visibility import VisibilityModel, VisibilityQuerySet


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    REGIONAL = "regional", _("Regional organisation")
    UN = "un", _("UN entity")
    ACADEMIA = "academia", _("Academia or think tank")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    PRIVATE = "private", _("Private sector")


class Availability(models.TextChoices):
    ADVISORY = "advisory", _("Advisory services")
    TRAINING = "training", _("Training")
    MENTORING = "mentoring", _("Mentoring")
    SPEAKING = "speaking", _("Speaking")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native")
    FLUENT = "fluent", _("Fluent")
    WORKING = "working", _("Working knowledge")
    BASIC = "basic", _("Basic")


# Languages an expert may list: the six UN languages, Portuguese (the portal's seventh), and the languages most
# spoken across the network's regions. ISO 639-1 codes; names translated through gettext.
SPOKEN_LANGUAGES: list[tuple[str, Any]] = [
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("am", _("Amharic")),
    ("bn", _("Bengali")),
    ("fa", _("Persian")),
    ("ha", _("Hausa")),
    ("hi", _("Hindi")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("so", _("Somali")),
    ("sw", _("Swahili")),
    ("tl", _("Filipino")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("uz", _("Uzbek")),
]


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def centres_of_excellence(self) -> Self:
        return self.filter(is_centre_of_excellence=True)


class Organisation(models.Model):
    """An institution experts belong to; staff mark Centres of Excellence."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        "network.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("Leave empty for a regional or international organisation."),
    )
    website = models.URLField(_("website"), blank=True)
    description, description_html = markdown_fields(_("description"), blank=True)
    is_centre_of_excellence = models.BooleanField(
        _("Centre of Excellence"),
        default=False,
        help_text=_("Recognised by UNOCT as a Centre of Excellence: shown with a badge."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ExpertProfileQuerySet(VisibilityQuerySet["ExpertProfile"]):
    owner_field = "user"

    def of_active_members(self) -> Self:
        """Profiles of approved, active members: a suspended or rejected person's profile reaches nobody."""
        return self.filter(user__is_active=True, user__membership__status=Membership.Status.APPROVED)

    def visible_to(self, user: Any) -> Self:
        """The shared visibility rule, and only active members' profiles, except one's own (and staff)."""
        visible = super().visible_to(user)
        if getattr(user, "is_active", False) and getattr(user, "is_staff", False):
            return visible
        own = models.Q(user=user) if getattr(user, "is_authenticated", False) else models.Q(pk__in=[])
        return visible.filter(
            own | models.Q(user__is_active=True, user__membership__status=Membership.Status.APPROVED)
        )

    def visible_to_every_member(self) -> Self:
        """The shared rule for any member, and only active members' profiles (a member in good standing's own
        profile passes this: ``visible_to_shared`` relies on it)."""
        return super().visible_to_every_member().of_active_members()

    def with_completeness(self) -> Self:
        """Annotates ``has_themes`` and ``has_languages`` (for the members' home nudge) in the same query."""
        return self.annotate(
            has_themes=models.Exists(
                ExpertProfile.themes.through.objects.filter(expertprofile_id=models.OuterRef("pk"))
            ),
            has_languages=models.Exists(ProfileLanguage.objects.filter(profile_id=models.OuterRef("pk"))),
        )

    def for_cards(self) -> Self:
        """What a directory card or an organisation page prints, in a fixed number of queries."""
        return self.select_related(
            "user", "user__membership", "user__membership__country", "organisation"
        ).prefetch_related("themes", "languages")


class ExpertProfile(VisibilityModel):
    """An approved member's public face in the directory. Created by the membership approval service."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("member"),
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("One line on what you know best, e.g. “Prison rehabilitation programmes, East Africa”."),
    )
    bio, bio_html = markdown_fields(_("biography"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name=_("organisation in the directory"),
        help_text=_("Links the profile to its organisation's page; staff link organisations they know."),
    )
    themes = models.ManyToManyField(
        "network.Theme", blank=True, related_name="+", verbose_name=_("themes of expertise")
    )
    pillars = ArrayField(
        models.PositiveSmallIntegerField(choices=Pillar.choices),
        verbose_name=_("pillars of the Strategy"),
        default=list,
        blank=True,
    )
    years_of_experience = models.PositiveSmallIntegerField(_("years of experience"), null=True, blank=True)
    availability = ArrayField(
        models.CharField(max_length=20, choices=Availability.choices),
        verbose_name=_("available for"),
        default=list,
        blank=True,
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Seen by the network's staff only.")
    )
    photo = models.ImageField(_("photo"), upload_to="experts/photos/", blank=True)
    contact_enabled = models.BooleanField(
        _("members may write to me"),
        default=True,
        help_text=_("Messages are relayed by email without showing your address; a reply shows it."),
    )
    last_active_at = models.DateTimeField(_("last active"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # Search, kept by the services (experts/search.py) whenever the name, headline, biography or organisation
    # change: a weighted vector, a normalised name key (accents, case, Arabic diacritics and alef forms folded)
    # and a Latin key for names in Chinese script (pinyin).
    search_vector = SearchVectorField(null=True, editable=False)
    name_key = models.TextField(blank=True, editable=False)
    name_latin = models.TextField(blank=True, editable=False)

    objects = ExpertProfileQuerySet.as_manager()

    class Meta(VisibilityModel.Meta):
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")
        ordering = ["slug"]
        indexes = [
            GinIndex(fields=["search_vector"], name="expert_search_vector"),
            GinIndex(OpClass("name_key", name="gin_trgm_ops"), name="expert_name_key_trgm"),
            GinIndex(OpClass("name_latin", name="gin_trgm_ops"), name="expert_name_latin_trgm"),
            GinIndex(fields=["pillars"], name="expert_pillars"),
            GinIndex(fields=["availability"], name="expert_availability"),
        ]

    def __str__(self) -> str:
        return self.user.display_name

    @property
    def membership(self) -> Membership:
        return self.user.membership


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGES)
    level = models.CharField(_("level"), max_length=10, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="profile_language_once"),
            models.CheckConstraint(
                condition=models.Q(level__in=LanguageLevel.values), name="profile_language_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_level_display()})"


class ProfileLink(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        PUBLICATION = "publication", _("Publication")

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("link or publication")
        verbose_name_plural = _("links and publications")
        ordering = ["kind", "-year", "pk"]

    def __str__(self) -> str:
        return self.title


class ContactMessageQuerySet(SendOnceQuerySet):
    def sent_by_since(self, user: Any, since: Any) -> Self:
        return self.filter(sender=user, created_at__gte=since)  # type: ignore[return-value]

    def for_notification(self) -> Self:
        return self.select_related("sender", "recipient")  # type: ignore[return-value]


class ContactMessage(models.Model):
    """A member's message to an expert, relayed by email without either address; kept for abuse handling."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sender"),
        help_text=_("Empty once the sender deleted their account."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    notify_claimed_at = models.DateTimeField(_("email claimed at"), null=True, blank=True, editable=False)

    objects = ContactMessageQuerySet.as_manager()

    # The recipient's "block this sender" link carries the message, signed: only a real message opens it.
    BLOCK_TOKEN_SALT = "experts.contact.block"  # noqa: S105 (a namespace for signing, not a secret)

    class Meta:
        verbose_name = _("message between members")
        verbose_name_plural = _("messages between members")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def block_token(self) -> str:
        return signing.dumps(self.pk, salt=self.BLOCK_TOKEN_SALT)

    def notification_email(self) -> NotificationEmail | None:
        """Relayed to the recipient from the portal's address; Reply-To is the sender, so only a reply shows
        an address. Nothing is sent if either account was deleted meanwhile."""
        if self.sender is None or self.recipient is None:
            return None
        return NotificationEmail(
            recipient=self.recipient,
            template="contact_message",
            context={
                "message": self,
                "sender": self.sender,
                "block_path": reverse("experts:contact_block", kwargs={"token": self.block_token()}),
            },
            reply_to=self.sender.email,
        )


class ContactBlock(models.Model):
    """An expert stops one member from writing to them."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="contact_block_once")]

    def __str__(self) -> str:
        return f"{self.blocker_id} ⊘ {self.blocked_id}"
