"""``{% profile_nudge %}``: on the members' home, what the member's profile still lacks (network's template
loads it, so network's Python never imports this app)."""

from __future__ import annotations

from typing import Any

from django import template

from experts.models import ExpertProfile
from experts.services.profiles import profile_missing

register = template.Library()


@register.inclusion_tag("experts/includes/profile_nudge.html")
def profile_nudge(user: Any) -> dict[str, Any]:
    profile = ExpertProfile.objects.with_completeness().filter(user=user).first()
    return {"missing": profile_missing(profile), "profile": profile}
