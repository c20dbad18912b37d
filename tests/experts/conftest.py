"""Fixtures of the experts tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils.text import slugify

from experts.models import ExpertProfile
from network.models import Membership, User
from network.visibility import Visibility


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded photos land in a throwaway folder, never in the developer's .data/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_profile(make_membership: Callable[..., Membership]) -> Callable[..., ExpertProfile]:
    def make(
        user: User | None = None, *, status: str = Membership.Status.APPROVED, **kwargs: object
    ) -> ExpertProfile:
        if user is None:
            user = make_membership(status=status).user
        kwargs.setdefault("visibility", Visibility.MEMBERS)
        return ExpertProfile.objects.create(user=user, slug=slugify(f"{user.full_name}-{user.pk}"), **kwargs)

    return make
