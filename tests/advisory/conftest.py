"""Fixtures of the advisory tests: a filed request, experts with known profiles, an offer.

Root fixtures also serve here: ``member``, ``applicant``, ``suspended``, ``moderator`` (staff, Moderators group),
``outsiders`` (visitor/applicant/suspended clients), ``make_member``."""

from __future__ import annotations

import pytest

from advisory.models import AdvisoryRequest, Modality, Offer
from advisory.services.requests import request_file
from network.models import Country, Pillar, Theme, User
from tests.factories import OfferFactory


@pytest.fixture
def filed_request(member: User) -> AdvisoryRequest:
    """A new request by ``member`` (Kenya, PCVE and youth, English or French, remote advice), filed through the
    service so its history starts as the real one does."""
    return request_file(
        actor=member,
        fields={
            "institution": "National Counter Terrorism Centre",
            "country": Country.objects.get(code="KE"),
            "title": "Monitoring our county action plans",
            "need": "We need advice on **monitoring and evaluation** of county action plans.",
            "pillars": [Pillar.CONDITIONS_CONDUCIVE],
            "languages": ["en", "fr"],
            "modality": Modality.REMOTE_ADVICE,
        },
        themes=Theme.objects.filter(slug__in=["pcve", "youth"]),
        notify=False,
    )


@pytest.fixture
def offer(db: None) -> Offer:
    return OfferFactory(title="Financial investigations course for FIU analysts", themes=["pcve"])
