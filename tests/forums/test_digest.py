"""The forums' sections of a member's digest: followed threads with posts the member has not read, new threads in
their categories, quick updates. Only what every member may read, written by people still in good standing, never
the member's own; nothing for someone who is not a member; one query each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from forums.counters import thread_counters_refresh
from forums.digest import discussions_section, followed_section, updates_section
from forums.models import (
    Category,
    CategoryFollow,
    FollowLevel,
    PostStatus,
    QuickUpdate,
    ReadState,
    Thread,
    ThreadFollow,
    ThreadStatus,
)
from network.digest import digest_readers, digest_sections_for
from network.models import Membership, Theme
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db
SECTIONS = (followed_section, discussions_section, updates_section)


def _ago(days: float):
    return timezone.now() - timedelta(days=days)


def _person(name: str, status: str = Membership.Status.APPROVED, **kwargs):
    return ExpertProfileFactory(user__full_name=name, membership__status=status, **kwargs).user


@pytest.fixture
def reader():
    """A member whose profile is on youth (the "Engaging youth" category); membership themes: PCVE (no
    category)."""
    return _person("Reader Member", themes=list(Theme.objects.filter(slug="youth")))


@pytest.fixture
def amina():
    return _person("Amina Yusuf")


@pytest.fixture
def cft() -> Category:
    return Category.objects.get(slug="cft")


def _thread(author, *, days: float = 20, **kwargs) -> Thread:
    """A thread started ``days`` ago with its first post."""
    thread = ThreadFactory(author=author, created_at=_ago(days), **kwargs)
    PostFactory(thread=thread, author=author, created_at=_ago(days))
    thread_counters_refresh(thread_ids=[thread.pk])
    return thread


def _post(thread, author, *, days: float = 1, **kwargs):
    post = PostFactory(thread=thread, author=author, created_at=_ago(days), **kwargs)
    thread_counters_refresh(thread_ids=[thread.pk])
    return post


def _follow(user, thread, level=FollowLevel.FOLLOWING):
    ThreadFollow.objects.create(user=user, thread=thread, level=level)


def _titles(section):
    return [item.title for item in section.items] if section else []


# --- Discussions I follow -------------------------------------------------------------------------------------


def test_a_followed_thread_says_how_many_new_posts_who_wrote_the_last_and_links_to_the_first(
    reader, amina, settings
):
    thread = _thread(amina, title="Mentoring in Mombasa")
    _follow(reader, thread)
    first = _post(thread, amina, days=3)
    _post(thread, _person("Bongani Dlamini"), days=2)
    section = followed_section(reader, _ago(7))
    assert section is not None and section.key == "followed"
    assert section.title == "Discussions you follow"
    (item,) = section.items
    assert item.title == "Mentoring in Mombasa"
    assert item.summary == "2 new posts, the last by Bongani Dlamini"
    assert item.url == f"{settings.SITE_URL}{thread.get_absolute_url()}?page=1#post-{first.number}"
    assert section.total == 1
    assert section.more_url == settings.SITE_URL + reverse("forums:notifications")


def test_posts_the_member_already_read_are_not_news(reader, amina, settings):
    thread = _thread(amina)
    _follow(reader, thread)
    read = _post(thread, amina, days=3)
    unread = _post(thread, amina, days=2)
    ReadState.objects.create(user=reader, thread=thread, last_read_number=read.number)
    (item,) = followed_section(reader, _ago(7)).items
    assert item.summary == "1 new post, the last by Amina Yusuf"
    assert item.url.endswith(f"#post-{unread.number}")
    ReadState.objects.filter(user=reader).update(last_read_number=unread.number)
    assert followed_section(reader, _ago(7)) is None


def test_the_link_goes_to_the_page_of_the_first_new_post(reader, amina):
    thread = _thread(amina, days=30)
    for _ in range(24):
        _post(thread, amina, days=20)
    _follow(reader, thread)
    _post(thread, amina, days=1)  # number 26: page 2
    (item,) = followed_section(reader, _ago(7)).items
    assert item.url.endswith("?page=2#post-26")


def test_hidden_pending_own_and_old_posts_and_suspended_or_applicant_authors_are_never_counted(
    reader, amina, make_membership
):
    thread = _thread(amina, title="Followed")
    _follow(reader, thread)
    _post(thread, amina, days=10)  # before the digest's period
    _post(thread, amina, status=PostStatus.HIDDEN)
    _post(thread, amina, status=PostStatus.PENDING)
    _post(thread, reader)
    suspended = _person("Suspended Author")
    _post(thread, suspended)
    Membership.objects.filter(user=suspended).update(status=Membership.Status.SUSPENDED)
    applicant = make_membership(user__full_name="Applicant Author").user
    _post(thread, applicant)
    assert followed_section(reader, _ago(7)) is None
    _post(thread, amina, days=0.5)
    (item,) = followed_section(reader, _ago(7)).items
    assert item.summary == "1 new post, the last by Amina Yusuf"


def test_only_followed_threads_members_may_read(reader, amina):
    not_followed = _thread(amina, title="Not followed")
    muted = _thread(amina, title="Muted")
    _follow(reader, muted, FollowLevel.MUTED)
    hidden = _thread(amina, title="Hidden", status=ThreadStatus.HIDDEN)
    pending = _thread(amina, title="Pending", status=ThreadStatus.PENDING)
    closed = _thread(amina, title="Closed", status=ThreadStatus.CLOSED)
    for thread in (hidden, pending, closed):
        _follow(reader, thread)
    for thread in (not_followed, muted, hidden, pending, closed):
        _post(thread, amina)
    assert _titles(followed_section(reader, _ago(7))) == ["Closed"]


def test_most_recently_active_first_five_at_most_and_the_total(reader, amina, settings):
    for number in range(7):
        thread = _thread(amina, title=f"Thread {number}")
        _follow(reader, thread)
        _post(thread, amina, days=6 - number * 0.5)
    section = followed_section(reader, _ago(7))
    assert settings.DIGEST_SECTION_LIMIT == 5
    assert _titles(section) == ["Thread 6", "Thread 5", "Thread 4", "Thread 3", "Thread 2"]
    assert (section.total, section.not_shown) == (7, 2)


# --- New discussions in my themes -------------------------------------------------------------------------------


def test_new_threads_in_the_categories_of_the_members_themes_or_that_they_follow(
    reader, amina, cft, settings
):
    youth = _thread(amina, days=2, title="On youth")
    _thread(amina, days=1, title="On CFT", category=cft)
    section = discussions_section(reader, _ago(7))
    assert section is not None and section.key == "discussions"
    assert _titles(section) == ["On youth"]
    (item,) = section.items
    assert item.url == settings.SITE_URL + youth.get_absolute_url()
    assert item.summary == (
        "Engaging youth · started by Amina Yusuf — Schools in Mombasa paired each mentor with five students."
    )
    assert section.more_url == settings.SITE_URL + reverse("forums:index")
    CategoryFollow.objects.create(user=reader, category=cft)
    assert _titles(discussions_section(reader, _ago(7))) == ["On CFT", "On youth"]


def test_a_muted_category_brings_nothing_even_on_the_members_themes(reader, amina):
    _thread(amina, days=1)
    CategoryFollow.objects.create(
        user=reader, category=Category.objects.get(slug="youth"), level=FollowLevel.MUTED
    )
    assert discussions_section(reader, _ago(7)) is None


def test_a_member_without_a_category_gets_the_newest_threads_of_every_active_category(member, amina, cft):
    """``member`` applied on PCVE, which no category covers, and has no profile themes."""
    _thread(amina, days=2, title="On youth")
    _thread(amina, days=1, title="On CFT", category=cft)
    retired = Category.objects.create(slug="retired", name="Retired", is_active=False)
    _thread(amina, days=1, title="In a retired category", category=retired)
    assert _titles(discussions_section(member, _ago(7))) == ["On CFT", "On youth"]


def test_only_new_threads_members_may_read_by_people_in_good_standing_not_ones_own_nor_followed(
    reader, amina, make_membership
):
    _thread(amina, days=10, title="Old")
    _thread(reader, days=1, title="Mine")
    _thread(amina, days=1, title="Hidden", status=ThreadStatus.HIDDEN)
    _thread(amina, days=1, title="Pending", status=ThreadStatus.PENDING)
    followed = _thread(amina, days=1, title="Followed already")
    _follow(reader, followed)
    suspended = _person("Suspended Author")
    _thread(suspended, days=1, title="By a suspended member")
    Membership.objects.filter(user=suspended).update(status=Membership.Status.SUSPENDED)
    _thread(make_membership(user__full_name="Applicant").user, days=1, title="By an applicant")
    _thread(amina, days=1, title="Visible")
    assert _titles(discussions_section(reader, _ago(7))) == ["Visible"]


# --- Quick updates ----------------------------------------------------------------------------------------------


def test_quick_updates_of_others_newest_first_linking_to_the_feed(reader, amina, settings, client):
    older = QuickUpdate.objects.create(
        author=amina, body="Our centre opened  a helpline.", created_at=_ago(3)
    )
    newer = QuickUpdate.objects.create(author=amina, body="New report out.", created_at=_ago(1))
    section = updates_section(reader, _ago(7))
    assert section is not None and section.key == "updates"
    assert _titles(section) == ["New report out.", "Our centre opened a helpline."]
    assert section.items[1].summary == "by Amina Yusuf"
    feed = settings.SITE_URL + reverse("forums:updates")
    assert section.items[1].url == f"{feed}#update-{older.pk}"
    assert section.more_url == feed
    client.force_login(reader)
    assert f'id="update-{newer.pk}"' in client.get(reverse("forums:updates")).content.decode()


def test_quick_updates_hidden_own_old_or_by_someone_no_longer_a_member_never_appear(reader, amina):
    QuickUpdate.objects.create(author=amina, body="Hidden", is_hidden=True, created_at=_ago(1))
    QuickUpdate.objects.create(author=reader, body="Mine", created_at=_ago(1))
    QuickUpdate.objects.create(author=amina, body="Old", created_at=_ago(10))
    suspended = _person("Suspended Author")
    QuickUpdate.objects.create(author=suspended, body="Suspended", created_at=_ago(1))
    Membership.objects.filter(user=suspended).update(status=Membership.Status.SUSPENDED)
    assert updates_section(reader, _ago(7)) is None
    QuickUpdate.objects.create(author=amina, body="Visible", created_at=_ago(1))
    QuickUpdate.objects.create(author=amina, body="x" * 300, created_at=_ago(2))
    section = updates_section(reader, _ago(7))
    assert _titles(section)[0] == "Visible"
    assert len(_titles(section)[1]) == 100 and section.total == 2


# --- For everyone ----------------------------------------------------------------------------------------------


@pytest.fixture
def news(reader, amina):
    """One item for each section."""
    followed = _thread(amina, title="Followed")
    _follow(reader, followed)
    _post(followed, amina)
    _thread(amina, days=1, title="New on youth")
    QuickUpdate.objects.create(author=amina, body="An update", created_at=_ago(1))


def test_nothing_for_people_who_are_not_members(news, applicant, suspended, reader):
    for section in SECTIONS:
        assert section(reader, _ago(7)) is not None
    for person in (applicant, suspended, AnonymousUser()):
        for section in SECTIONS:
            assert section(person, _ago(7)) is None
    for person in (applicant, suspended):
        keys = {section.key for section in digest_sections_for(person, _ago(7))}
        assert not keys & {"followed", "discussions", "updates"}


def test_staff_who_see_hidden_content_on_the_site_get_none_of_it_in_a_digest(moderator, amina):
    thread = _thread(amina, days=1, title="Hidden", status=ThreadStatus.HIDDEN)
    _follow(moderator, thread)
    open_thread = _thread(amina, days=10)
    _follow(moderator, open_thread)
    _post(open_thread, amina, status=PostStatus.HIDDEN)
    _post(open_thread, amina, status=PostStatus.PENDING)
    _post(thread, amina)
    QuickUpdate.objects.create(author=amina, body="Hidden", is_hidden=True, created_at=_ago(1))
    for section in SECTIONS:
        assert section(moderator, _ago(7)) is None


def test_written_in_the_members_language(reader, amina):
    reader.preferred_language = "ar"
    nameless = _person("")
    _thread(nameless, days=1)
    (item,) = discussions_section(reader, _ago(7)).items
    assert item.summary.startswith("إشراك الشباب")
    reader.preferred_language = "fr"
    (item,) = discussions_section(reader, _ago(7)).items
    assert "Membre sans nom" in item.summary


@pytest.mark.parametrize(
    ("section", "queries"), [(followed_section, 4), (discussions_section, 5), (updates_section, 1)]
)
def test_a_chunk_of_readers_costs_the_same_few_queries_whatever_their_number_and_the_news(
    section, queries, reader, amina, django_assert_num_queries
):
    """A digest run builds each section once per chunk of members: the queries do not grow with the readers,
    the threads, the posts or the updates; each reader still gets their own list."""
    others = [_person(f"Other reader {number}") for number in range(5)]
    for number in range(8):
        thread = _thread(amina, days=1 + number * 0.1, title=f"Thread {number}")
        for person in [reader, *others]:
            _follow(person, thread)
        _post(thread, _person(f"Poster {number}"))
        _thread(amina, days=2, title=f"New {number}")
        QuickUpdate.objects.create(author=amina, body=f"Update {number}", created_at=_ago(1))
    since = _ago(7)
    for people in ([reader], [reader, *others]):
        readers = digest_readers([(person, since) for person in people])
        with django_assert_num_queries(queries):
            for_reader = section.builder(readers)
        with django_assert_num_queries(0):
            found = [for_reader(one) for one in readers]
        assert all(result is not None and len(result.items) == 5 for result in found)
