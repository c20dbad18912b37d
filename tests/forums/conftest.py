from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse


@pytest.fixture(autouse=True)
def _thread_page(settings) -> None:
    """Links to posts need the thread page (the reading slice's); a stand-in until it is merged."""
    try:
        reverse("forums:thread", kwargs={"pk": 1, "slug": "a"})
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.forums.moderation_urls"
