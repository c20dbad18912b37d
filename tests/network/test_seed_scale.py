"""`manage.py seed_scale` at a tiny size, into the test database (``--here``): the same seed gives the same data,
everyone seeded is an approved, active member, names come in three scripts, the long thread has exactly the
posts asked for, and counters, HTML and search vectors are what the services compute — the command's own check
passes, and fails loudly once a stored value is tampered with."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client

from experts.models import ExpertProfile
from forums.models import Category, Post, ReadState, Thread
from forums.scale import LONG_THREAD_TITLE
from forums.search import forum_search_query
from network import devstack
from network.models import User
from network.scale import ScaleCheckError, ScalePlan, ScaleSizes
from network.scale_members import member_email
from network.scale_text import RARE_TERM
from practices.models import GoodPractice
from practices.search import practice_search_query

pytestmark = pytest.mark.django_db

SIZES = ScaleSizes(
    experts=150, organisations=12, practices=40, threads=12, posts=260, long_thread_posts=45, readers=6,
    quick_updates=10,
)  # fmt: skip
NOW = "2025-06-01T00:00:00+00:00"
ARABIC = re.compile("[\u0600-\u06ff]")
HAN = re.compile("[\u4e00-\u9fff]")
LATIN_ACCENTED = re.compile("[À-ɏ]")


def seed(seed: int = 7) -> str:
    out = io.StringIO()
    options = [f"--{name.replace('_', '-')}={value}" for name, value in vars(SIZES).items()]
    call_command("seed_scale", "--here", f"--seed={seed}", f"--now={NOW}", *options, stdout=out)
    return out.getvalue()


def plan(seed: int = 7) -> ScalePlan:
    return ScalePlan(seed=seed, sizes=SIZES, now=datetime.fromisoformat(NOW), log=lambda message: None)


def members() -> Any:
    return User.objects.filter(email__endswith="@scale.example.org", is_staff=False)


def snapshot() -> dict[str, list[Any]]:
    """What a reader sees, without primary keys (a second run in the same database gets others)."""
    return {
        "members": list(
            members()
            .order_by("email")
            .values_list("email", "full_name", "membership__country", "date_joined")
        ),
        "profiles": list(
            ExpertProfile.objects.order_by("slug").values_list("slug", "visibility", "headline", "bio")
        ),
        "practices": list(
            GoodPractice.objects.order_by("created_at", "title").values_list("title", "status", "body")
        ),
        "threads": list(
            Thread.objects.order_by("created_at", "title").values_list("title", "post_count", "status")
        ),
        "posts": list(Post.objects.order_by("created_at", "number").values_list("number", "body", "status")),
    }


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    with transaction.atomic():
        seed(7)
        first = snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        seed(8)
        other = snapshot()
        transaction.set_rollback(True)
    seed(7)
    assert snapshot() == first
    assert other["members"] != first["members"] and other["posts"] != first["posts"]


def test_everyone_seeded_is_an_approved_active_member_with_a_profile_named_in_three_scripts():
    output = seed()
    assert "Seeded in" in output and member_email(1) in output
    assert members().count() == SIZES.experts
    assert not members().exclude(is_active=True, membership__status="approved").exists()
    assert ExpertProfile.objects.of_active_members().count() == SIZES.experts
    names = list(members().values_list("full_name", flat=True))
    assert any(ARABIC.search(n) for n in names)
    assert any(HAN.search(n) for n in names)
    assert any(LATIN_ACCENTED.search(n) for n in names)
    regions = set(members().values_list("membership__country__network_region", flat=True))
    assert regions == {"africa", "asia", "middle-east", "latin-america-caribbean"}
    visibilities = set(ExpertProfile.objects.values_list("visibility", flat=True))
    assert visibilities == {"public", "members", "hidden"}


def test_practices_are_mostly_published_in_several_languages_and_found_by_the_rare_term():
    seed()
    practices = GoodPractice.objects.all()
    assert practices.count() == SIZES.practices
    assert practices.published().count() > SIZES.practices * 0.6
    assert len(set(practices.values_list("language", flat=True))) >= 4
    query = practice_search_query(RARE_TERM)
    assert query is not None
    assert practices.filter(search_vector=query).count() == 3


def test_posts_are_numbered_per_thread_the_long_thread_has_exactly_its_posts_and_counters_match():
    seed()
    assert Post.objects.count() == SIZES.posts
    assert Thread.objects.count() == SIZES.threads
    assert not Thread.objects.exclude(category__is_active=True).exists()
    for thread in Thread.objects.all():
        numbers = list(thread.posts.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        visible = thread.posts.filter(status="visible").order_by("number")
        assert thread.post_count == visible.count()
        assert thread.last_post_id == (visible.last().pk if visible.exists() else None)
    long = Thread.objects.get(title=LONG_THREAD_TITLE)
    assert long.posts.count() == long.post_count == long.last_post_number == SIZES.long_thread_posts
    assert Thread.objects.exclude(pk=long.pk).filter(last_number__gte=SIZES.long_thread_posts).count() == 0
    for category in Category.objects.all():
        threads = category.threads.filter(status__in=["open", "locked", "closed"])
        assert category.thread_count == threads.count()
        assert category.post_count == sum(threads.values_list("post_count", flat=True))
    query = forum_search_query(RARE_TERM)
    assert Post.objects.filter(search_vector=query).exists()
    readers = set(ReadState.objects.values_list("user", flat=True))
    assert 0 < len(readers) <= SIZES.readers


def test_a_seeded_member_signs_in_and_reads_the_last_page_of_the_long_thread():
    seed()
    client = Client()
    assert client.login(email=member_email(1), password="southsouth-demo")
    long = Thread.objects.get(title=LONG_THREAD_TITLE)
    response = client.get(long.get_absolute_url(), {"page": 3})
    assert response.status_code == 200
    assert f'id="post-{SIZES.long_thread_posts}"' in response.content.decode()


@pytest.mark.parametrize(
    ("table", "tamper"),
    [
        ("forums_thread", "UPDATE forums_thread SET post_count = post_count + 1"),
        ("forums_post", "UPDATE forums_post SET search_vector = to_tsvector('simple', 'tampered')"),
        (
            "practices_goodpractice",
            "UPDATE practices_goodpractice SET search_vector = to_tsvector('simple', 'x')",
        ),
        ("experts_expertprofile", "UPDATE experts_expertprofile SET name_key = 'x'"),
    ],
)
def test_the_check_fails_loudly_when_a_stored_value_differs_from_the_services(table, tamper):
    from experts.scale import check as experts_check
    from forums.scale import check as forums_check
    from practices.scale import check as practices_check

    seed()
    with connection.cursor() as cursor:
        cursor.execute(tamper)
    check = {"forums_thread": forums_check, "forums_post": forums_check}.get(table)
    check = (
        check or {"practices_goodpractice": practices_check, "experts_expertprofile": experts_check}[table]
    )
    with pytest.raises(ScaleCheckError, match="differ"):
        check(plan=plan())


def test_sizes_that_cannot_hold_together_are_refused():
    with pytest.raises(CommandError, match="long-thread-posts"):
        call_command("seed_scale", "--here", "--threads=10", "--posts=100", "--long-thread-posts=100")


def test_the_scale_database_is_the_same_server_under_another_name(monkeypatch):
    monkeypatch.delenv("SCALE_DATABASE_URL", raising=False)
    socket = "postgres://postgres@//work/.data/postgres/onse"
    assert devstack.scale_database_url(socket) == "postgres://postgres@//work/.data/postgres/onse_scale"
    assert devstack.database_url_named("postgres://u:p@db:5432/onse?sslmode=require", "onse_scale") == (
        "postgres://u:p@db:5432/onse_scale?sslmode=require"
    )
    monkeypatch.setenv("SCALE_DATABASE_URL", "postgres://elsewhere/scale")
    assert devstack.scale_database_url(socket) == "postgres://elsewhere/scale"


def test_now_defaults_to_midnight_utc():
    from network.management.commands.seed_scale import _moment

    assert _moment(None).time().isoformat() == "00:00:00"
    assert _moment("2025-06-01") == datetime(2025, 6, 1, tzinfo=UTC)
