"""``{% profile_nudge %}``: on the members' home, what the member's profile still lacks (network's template
loads it, so network's Python never imports this app)."""

from __future__ import annotations

from typing import Any

from django import template

from experts.models import ExpertProfile
from experts.services.profiles import profile_missing
from network.cache import namespace_cached

register = template.Library()


@register.inclusion_tag("experts/includes/profile_nudge.html")
def profile_nudge(user: Any) -> dict[str, Any]:
    """The member's own profile with its completeness, kept per member until a profile changes (namespace
    "experts"): the key names the member, so nobody else ever reads it."""
    profile = namespace_cached(
        ("experts",),
        ("profile-nudge", user.pk),
        lambda: ExpertProfile.objects.with_completeness().filter(user=user).first(),
    )
    return {"missing": profile_missing(profile), "profile": profile}
