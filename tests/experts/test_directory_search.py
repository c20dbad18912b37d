"""Search in the directory: accents, Arabic script and Chinese names, organisations, ranking, hostile text,
and the indexes PostgreSQL uses for it."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from experts.filters import search_profiles
from experts.models import ExpertProfile
from experts.search import profile_search_refresh
from network.models import Country, Membership, User
from network.visibility import Visibility
from tests.factories import ExpertProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def found(client, query, **params):
    response = client.get(reverse("experts:directory"), {"q": query, **params})
    assert response.status_code == 200
    return [profile.user.full_name for profile in response.context["page"].object_list]


@pytest.fixture
def experts():
    searcct = OrganisationFactory(
        slug="searcct", name="Southeast Asia Regional Centre for Counter-Terrorism", acronym="SEARCCT"
    )
    return {
        "arabic": ExpertProfileFactory(user__full_name="مُحَمَّد أَحْمَد الشَّامِي", headline="Deradicalisation"),
        "chinese": ExpertProfileFactory(user__full_name="王伟", headline="Terrorist financing"),
        "accented": ExpertProfileFactory(user__full_name="Nadège Ouédraogo", headline="Community resilience"),
        "bogota": ExpertProfileFactory(
            user__full_name="Camila Restrepo", headline="Reintegration programmes in Bogotá"
        ),
        "searcct": ExpertProfileFactory(user__full_name="Siti Rahman", organisation=searcct),
        "bio": ExpertProfileFactory(
            user__full_name="Tomás Silva",
            bio="Worked with Nadège Ouédraogo on community resilience in the Sahel.",
        ),
    }


def test_arabic_name_found_without_diacritics_and_with_other_alef_forms(member_client, experts):
    assert found(member_client, "محمد احمد") == [experts["arabic"].user.full_name]
    assert found(member_client, "أحمد") == [experts["arabic"].user.full_name]
    assert found(member_client, "الشامي") == [experts["arabic"].user.full_name]


@pytest.mark.parametrize("query", ["Wang Wei", "wang wei", "wangwei", "王伟", "王"])
def test_chinese_name_found_in_characters_and_in_pinyin(member_client, experts, query):
    assert found(member_client, query) == ["王伟"]


@pytest.mark.parametrize("query", ["Nadege Ouedraogo", "ouedraogo", "NADÈGE"])
def test_accent_free_and_case_free_name_search(member_client, experts, query):
    assert found(member_client, query)[0] == "Nadège Ouédraogo"


def test_accent_free_search_in_headlines_and_organisations(member_client, experts):
    assert found(member_client, "Bogota") == ["Camila Restrepo"]
    assert found(member_client, "searcct") == ["Siti Rahman"]
    assert found(member_client, "Southeast Asia counter-terrorism") == ["Siti Rahman"]


def test_a_name_ranks_above_a_mention_in_a_biography(member_client, experts):
    assert found(member_client, "Nadège Ouédraogo", sort="relevance") == ["Nadège Ouédraogo", "Tomás Silva"]


def test_searching_for_nobody_finds_nobody_and_says_what_to_loosen(member_client, experts):
    response = member_client.get(reverse("experts:directory"), {"q": "Zzyzx Quorbleflax"})
    assert list(response.context["page"].object_list) == []
    body = response.content.decode()
    assert "No expert matches this search." in body
    assert "Check the spelling, use fewer words" in body
    assert 'value="Zzyzx Quorbleflax"' in body  # what was typed stays in the box


@pytest.mark.parametrize(
    "query",
    [
        "& | ! ( ) : *",
        "'\"",
        '"unclosed phrase',
        "-",
        "or",
        "<script>alert(1)</script>",
        "\\",
        "%_%",
        "x" * 5000,
        "王伟 " * 1000,
    ],
)
def test_hostile_or_overlong_search_text_never_fails(member_client, experts, query):
    response = member_client.get(reverse("experts:directory"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_overlong_search_says_it_was_cut(member_client, experts):
    body = member_client.get(reverse("experts:directory"), {"q": "resilience " * 500}).content.decode()
    assert "Only the first 200 characters of your search were used." in body


def test_a_nul_byte_in_the_search_is_refused_cleanly(member_client):
    assert member_client.get(reverse("experts:directory") + "?q=a%00b").status_code == 400


BIO = (
    "Coordinates county action plans for preventing violent extremism, working with religious leaders, youth "
    "groups and women's associations; trains police and prison staff on disengagement and reintegration; "
    "advises on national strategies, monitoring and evaluation, and the protection of human rights. "
) * 6


def _many_profiles(count):
    """``count`` approved members with profiles of a realistic size (a biography of a few paragraphs), written
    in bulk (factories would take minutes)."""
    now = timezone.now()
    kenya = Country.objects.get(code="KE")
    password = make_password("unused-password-123")
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@example.org", full_name=f"Bulk Person {n:05d} Lastname{n}", password=password)
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            status=Membership.Status.APPROVED,
            decided_at=now,
            country=kenya,
            organisation="Ministry",
            position="Officer",
            motivation="Bulk",
        )
        for user in users
    )
    profiles = ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=user,
            slug=f"bulk-{n}",
            visibility=Visibility.PUBLIC,
            headline=f"Topic {n}",
            bio=BIO,
            bio_html=f"<p>{BIO}</p>",
        )
        for n, user in enumerate(users)
    )
    profile_search_refresh(profile_ids=[profile.pk for profile in profiles])
    with connection.cursor() as cursor:
        # What autovacuum does on a live database: move GIN's fast-update pending entries into the index
        # proper (inside the test's transaction, where VACUUM cannot run), and gather statistics.
        for index in ["expert_search_vector", "expert_name_key_trgm", "expert_name_latin_trgm"]:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE experts_expertprofile, network_user, network_membership")


def test_search_uses_the_gin_indexes_on_thousands_of_profiles(experts, member):
    _many_profiles(3000)
    by_words = search_profiles(ExpertProfile.objects.all(), "Ouédraogo resilience").explain()
    assert "expert_search_vector" in by_words, by_words
    by_name = search_profiles(ExpertProfile.objects.all(), "wang wei").explain()
    assert "expert_name_key_trgm" in by_name and "expert_name_latin_trgm" in by_name, by_name
    # The directory's own query (visibility rule included) reaches the indexes too.
    visible = search_profiles(ExpertProfile.objects.visible_to(member), "Ouedraogo").explain()
    assert "expert_search_vector" in visible and "expert_name_key_trgm" in visible, visible
