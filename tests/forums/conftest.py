"""Fixtures of the forum tests: members in every state, a thread with posts, the URLs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from forums.counters import thread_counters_refresh
from forums.models import Category, Post, Thread
from network.models import User
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory


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
def thread(make_member: Callable[..., User]) -> Thread:
    thread = ThreadFactory(author=make_member(user__full_name="Amina Starter"))
    PostFactory(thread=thread)
    thread_counters_refresh(thread_ids=[thread.pk])
    return thread


@pytest.fixture
def reply(thread: Thread) -> Callable[..., Post]:
    """A new post in ``thread`` (by ``author``; ``mentions=[…]``), counters kept as the services keep them."""

    def make(author: User, mentions: tuple[User, ...] = (), **kwargs: object) -> Post:
        post = PostFactory(thread=kwargs.pop("thread", thread), author=author, **kwargs)
        post.mentions.set(mentions)
        thread_counters_refresh(thread_ids=[post.thread_id])
        return post

    return make
