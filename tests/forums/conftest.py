from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import clear_url_caches

from forums.counters import thread_counters_refresh
from forums.models import Post, Thread
from network.models import Membership, User
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory


@pytest.fixture(autouse=True)
def _forum_urls(settings) -> None:
    settings.ROOT_URLCONF = "tests.forums.stub_urls"
    clear_url_caches()


@pytest.fixture
def make_member(db: None) -> Callable[..., User]:
    """An approved member (``status=`` another membership status; ``language=`` their email language)."""

    def make(status: str = Membership.Status.APPROVED, language: str = "en", **kwargs: object) -> User:
        user = ExpertProfileFactory(
            membership__status=status, user__preferred_language=language, **kwargs
        ).user
        return user

    return make


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
