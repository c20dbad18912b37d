"""Every write to an expert profile: created on approval, edited by its member, search keys kept fresh.

The name, position, organisation text, country and focal-point status stay on the user and the membership
(one source of truth); a profile adds what the directory needs. Every write that changes what the search
reads (name, headline, biography, organisation) calls ``profile_search_refresh`` in its transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from experts.models import ExpertProfile, ProfileLanguage, ProfileLink
from experts.photos import profile_photo_remove, profile_photo_set
from experts.search import name_key, name_latin, profile_search_refresh
from network.markdown import markdown_render
from network.models import Membership, Theme, User
from network.visibility import Visibility

# Path segments under /experts/ that are pages, not profiles.
RESERVED_SLUGS = frozenset({"me", "edit", "new", "search"})


@dataclass(frozen=True)
class LinkData:
    kind: str
    title: str
    url: str = ""
    year: int | None = None


def profile_slug_base(full_name: str) -> str:
    """ASCII, from the name: pinyin for Chinese, accents dropped; Arabic-only names get a neutral slug."""
    base = slugify(name_latin(full_name) or name_key(full_name))
    return base[:100] or "expert"


def profile_slug_for(full_name: str) -> str:
    base = profile_slug_base(full_name)
    taken = set(ExpertProfile.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def profile_create_for(*, membership: Membership) -> ExpertProfile:
    """The approved member's profile (members-only, contact on); returns the existing one if there is one.

    Called by ``membership_approve`` through ``MEMBERSHIP_APPROVED_HOOKS``, and by the edit page for members
    approved before profiles existed. Pre-filled from the application: the themes the member chose.
    """
    user = membership.user
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    profile = ExpertProfile.objects.create(
        user=user,
        slug=profile_slug_for(user.full_name),
        visibility=Visibility.MEMBERS,
        # The expert joined when they were approved (a decision recorded with an earlier date counts then).
        created_at=membership.decided_at or timezone.now(),
    )
    profile.themes.set(membership.themes.all())
    profile_search_refresh(profile_ids=[profile.pk])
    return profile


def profile_member_details_changed(*, user: User) -> None:
    """A member changed their name or organisation text: the directory's search must see it."""
    profile_search_refresh(profile_ids=ExpertProfile.objects.filter(user=user).values_list("pk", flat=True))


def profile_seen(*, user: User, at: datetime) -> None:
    """The member was seen on the site (``MEMBER_SEEN_HOOKS``, at most once an hour): the directory sorts by
    "last active"."""
    ExpertProfile.objects.filter(user_id=user.pk).update(last_active_at=at)


@transaction.atomic
def profile_update(
    *,
    profile: ExpertProfile,
    headline: str,
    bio: str,
    themes: Iterable[Theme],
    pillars: Sequence[int],
    years_of_experience: int | None,
    availability: Sequence[str],
    phone: str,
    visibility: str,
    contact_enabled: bool,
    languages: Sequence[tuple[str, str]],
    links: Sequence[LinkData],
    photo: File | None = None,
    photo_remove: bool = False,
) -> ExpertProfile:
    """Save what the member wrote on their profile; the biography's HTML is rendered here, once.

    ``languages`` is ``(code, level)`` pairs (a language listed twice keeps its first level); ``links``
    replace the existing ones in order. ``photo`` is an already checked and re-encoded picture
    (``experts.photos.photo_process``).
    """
    profile.headline = headline.strip()
    if bio != profile.bio:
        profile.bio = bio
        profile.bio_html = markdown_render(bio)
    profile.pillars = sorted(set(pillars))
    profile.years_of_experience = years_of_experience
    profile.availability = sorted(set(availability))
    profile.phone = phone.strip()
    profile.visibility = visibility
    profile.contact_enabled = contact_enabled
    profile.updated_at = timezone.now()
    # Only what the member edits: an organisation link staff set meanwhile, or the search columns, stay.
    profile.save(
        update_fields=[
            "headline",
            "bio",
            "bio_html",
            "pillars",
            "years_of_experience",
            "availability",
            "phone",
            "visibility",
            "contact_enabled",
            "updated_at",
        ]
    )
    profile.themes.set(themes)

    profile.languages.all().delete()
    seen: set[str] = set()
    rows = []
    for code, level in languages:
        if code not in seen:
            seen.add(code)
            rows.append(ProfileLanguage(profile=profile, language=code, level=level))
    ProfileLanguage.objects.bulk_create(rows)

    profile.links.all().delete()
    ProfileLink.objects.bulk_create(
        ProfileLink(profile=profile, kind=link.kind, title=link.title, url=link.url, year=link.year)
        for link in links
    )

    if photo is not None:
        profile_photo_set(profile=profile, photo=photo)
    elif photo_remove:
        profile_photo_remove(profile=profile)
    profile_search_refresh(profile_ids=[profile.pk])
    return profile


def profile_missing(profile: ExpertProfile | None) -> list[str]:
    """What a profile still lacks, in the words the members' home uses (empty: complete).

    ``profile`` comes from ``ExpertProfile.objects.with_completeness()``.
    """
    checks = [
        (profile is not None and bool(profile.headline), _("a headline")),
        (profile is not None and bool(profile.bio), _("a short biography")),
        (profile is not None and getattr(profile, "has_themes", False), _("your themes of expertise")),
        (profile is not None and getattr(profile, "has_languages", False), _("the languages you speak")),
        (profile is not None and bool(profile.availability), _("what you are available for")),
        (profile is not None and bool(profile.photo), _("a photo")),
    ]
    return [label for done, label in checks if not done]
