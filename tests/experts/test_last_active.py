"""A member's profile records when they were last active, at most once an hour (one UPDATE, not one per page):
network's LastSeenMiddleware stamps the member and calls the profile's hook (MEMBER_SEEN_HOOKS)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from experts.models import ExpertProfile
from network.middleware import seen_cache_key
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_last_active_is_stamped_once_an_hour(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/members/")
        assert ExpertProfile.objects.get(pk=profile.pk).last_active_at == start
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        client.get("/members/")
        assert ExpertProfile.objects.get(pk=profile.pk).last_active_at == start
    # The throttle lives in the cache; when it expires the next request stamps again.
    cache.delete(seen_cache_key(profile.user.pk))
    later = start + timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        client.get("/members/")
        assert ExpertProfile.objects.get(pk=profile.pk).last_active_at == later


def test_visitors_and_failed_requests_stamp_nothing(client):
    profile = ExpertProfileFactory()
    client.get("/")
    client.force_login(profile.user)
    client.get("/no-such-page/")
    assert ExpertProfile.objects.get(pk=profile.pk).last_active_at is None
