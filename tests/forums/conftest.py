"""Fixtures for the posting tests: the URLs with a stand-in thread page, members in every state."""

from __future__ import annotations

import pytest
from django.test import Client

from forums.models import Category
from network.models import Membership, User
from tests.factories import ExpertProfileFactory


@pytest.fixture
def posting_urls(settings):
    settings.ROOT_URLCONF = "tests.forums.posting_urls"


@pytest.fixture
def youth() -> Category:
    return Category.objects.get(slug="youth")


@pytest.fixture
def amina(db: None) -> User:
    """An approved member with a profile at /experts/amina-yusuf/."""
    return ExpertProfileFactory(slug="amina-yusuf", user__full_name="Amina Yusuf").user


@pytest.fixture
def suspended(make_membership) -> User:
    return make_membership(status=Membership.Status.SUSPENDED, user__email="suspended@example.org").user


@pytest.fixture
def outsiders(applicant: User, suspended: User) -> dict[str, Client]:
    """A visitor, an applicant and a suspended member, each with a client."""
    clients = {"visitor": Client()}
    for name, user in (("applicant", applicant), ("suspended", suspended)):
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients
