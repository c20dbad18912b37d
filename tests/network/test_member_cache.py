"""Members share one set of cached list pages (``visible_to_shared``): a member who owns no row only they can see
reads what every member reads; one who does gets their own. Nothing of it reaches a visitor, an applicant or a
suspended member, nor one member's hidden rows another member; a change shows at once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify

from experts.models import ExpertProfile
from network.cache import statement_key
from network.models import Membership
from network.visibility import Visibility
from practices.models import GoodPractice, PracticeStatus
from tests.clients import get_page, signed_in
from tests.factories import GoodPracticeFactory
from tests.testapp.models import Item

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("experts:directory")
PRACTICES = reverse("practices:list")
MATRIX = reverse("practices:matrix")


def _expert(make_membership, name: str, visibility: str = Visibility.PUBLIC) -> ExpertProfile:
    user = make_membership(status=Membership.Status.APPROVED, user__full_name=name).user
    return ExpertProfile.objects.create(user=user, slug=slugify(name), visibility=visibility)


# --- The rule: the same rows, and the shared statement only when they are the same ----------------------------


def _same_rows(queryset, user) -> None:
    shared = queryset.visible_to_shared(user)
    assert set(shared.values_list("pk", flat=True)) == set(
        queryset.visible_to(user).values_list("pk", flat=True)
    )


def _is_shared(queryset, user) -> bool:
    return statement_key(queryset.visible_to_shared(user)) == statement_key(
        queryset.visible_to_every_member()
    )


@pytest.mark.parametrize("level", Visibility.values)
def test_a_member_gets_the_shared_statement_unless_they_own_a_row_members_cannot_see(
    member, make_membership, level
):
    author = make_membership(status=Membership.Status.APPROVED).user
    for each in Visibility.values:
        Item.objects.create(title=f"author {each}", owner=author, visibility=each)
    assert _is_shared(Item.objects.all(), member)
    Item.objects.create(title="mine", owner=member, visibility=level)
    _same_rows(Item.objects.all(), member)
    assert _is_shared(Item.objects.all(), member) == (level != Visibility.HIDDEN)
    # Only the rows of this queryset count: a hidden row filtered out already does not make it per member.
    assert _is_shared(Item.objects.exclude(title="mine"), member)


def test_others_than_members_in_good_standing_never_get_the_shared_statement(
    applicant, suspended, moderator, make_membership
):
    for user in (AnonymousUser(), applicant, suspended, moderator):
        assert not _is_shared(Item.objects.all(), user)
    assert statement_key(Item.objects.visible_to_shared(suspended)) == statement_key(
        Item.objects.visible_to(suspended)
    )


def test_profiles_a_hidden_or_suspended_members_profile_is_never_in_the_shared_rows(member, make_membership):
    _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    _expert(make_membership, "Hidden Person", Visibility.HIDDEN)
    gone = _expert(make_membership, "Suspended Person", Visibility.PUBLIC)
    Membership.objects.filter(user=gone.user).update(status=Membership.Status.SUSPENDED)
    profiles = ExpertProfile.objects.all()
    assert _is_shared(profiles, member)  # no profile of their own yet
    mine = ExpertProfile.objects.create(user=member, slug="me", visibility=Visibility.MEMBERS)
    _same_rows(profiles, member)
    assert _is_shared(profiles, member)
    mine.visibility = Visibility.HIDDEN
    mine.save()
    _same_rows(profiles, member)
    assert not _is_shared(profiles, member)
    names = set(profiles.visible_to_shared(member).values_list("slug", flat=True))
    assert names == {"amina-yusuf", "me"}


def test_practices_a_member_always_shares_the_published_ones(member):
    """A published practice is public or members-only (a database check): whatever a member submitted, their
    published rows are every member's; their draft is theirs among all practices."""
    GoodPracticeFactory(visibility=Visibility.MEMBERS)
    GoodPracticeFactory(visibility=Visibility.MEMBERS, submitted_by=member)
    GoodPracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT)
    published = GoodPractice.objects.published()
    _same_rows(published, member)
    assert _is_shared(published, member)
    _same_rows(GoodPractice.objects.all(), member)
    assert not _is_shared(GoodPractice.objects.all(), member)


# --- The pages ----------------------------------------------------------------------------------------------


def test_members_share_the_directory_a_hidden_profiles_owner_gets_their_own(make_membership, make_member):
    _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    first, second = signed_in(make_member()), signed_in(make_member())
    html, built = get_page(first, DIRECTORY)
    assert "Amina Yusuf" in html and any("COUNT(" in sql for sql in built)
    second.get(reverse("network:home"))  # the header's per-member counts and the hourly stamp, out of the way
    html_again, queries = get_page(second, DIRECTORY)  # another member: everything from the cache
    assert "Amina Yusuf" in html_again
    assert not any("experts_expertprofile" in sql and "COUNT(" in sql for sql in queries)
    assert len(queries) <= 3, queries  # the session's user, the membership, whether they own a hidden profile

    hider = _expert(make_membership, "Raúl Castaño", Visibility.HIDDEN).user
    own = signed_in(hider)
    html, queries = get_page(own, DIRECTORY)
    assert "Raúl Castaño" in html and any("COUNT(" in sql for sql in queries)  # built for them
    assert "Raúl Castaño" not in get_page(second, DIRECTORY)[0]
    assert "Raúl Castaño" not in Client().get(DIRECTORY).content.decode()


def test_the_shared_directory_follows_a_change_at_once(make_membership, make_member):
    amina = _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    reader = signed_in(make_member())
    assert "Amina Yusuf" in reader.get(DIRECTORY).content.decode()
    amina.visibility = Visibility.HIDDEN
    amina.save(update_fields=["visibility"])
    assert "Amina Yusuf" not in reader.get(DIRECTORY).content.decode()
    assert "Amina Yusuf" not in reader.get(DIRECTORY + "?q=Amina").content.decode()


def test_outsiders_get_nothing_of_the_members_pages(make_membership, make_member, outsiders):
    _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    GoodPracticeFactory(title="Members-only mentoring", visibility=Visibility.MEMBERS)
    member = signed_in(make_member())
    for url in (DIRECTORY, DIRECTORY + "?q=Amina", PRACTICES, PRACTICES + "?q=mentoring"):
        member.get(url)  # cached for members
    for name, client in outsiders.items():
        for url in (DIRECTORY, DIRECTORY + "?q=Amina"):
            assert "Amina Yusuf" not in client.get(url).content.decode(), name
        for url in (PRACTICES, PRACTICES + "?q=mentoring"):
            assert "Members-only mentoring" not in client.get(url).content.decode(), name


def test_members_share_the_practices_list_and_matrix_and_own_drafts_stay_theirs(make_member):
    GoodPracticeFactory(title="Members-only mentoring", visibility=Visibility.MEMBERS, countries=["KE"])
    owner = make_member()
    GoodPracticeFactory(title="My draft practice", status=PracticeStatus.DRAFT, submitted_by=owner)
    first, second, own = signed_in(make_member()), signed_in(make_member()), signed_in(owner)
    for url in (PRACTICES, MATRIX):
        first.get(url)
        second.get(reverse("network:home"))
        html, queries = get_page(second, url)
        assert len(queries) <= 3, url  # the first member's page, from the cache
        assert "Members-only mentoring" in html or "Kenya" in html
    assert "Members-only mentoring" in get_page(own, PRACTICES)[0]
    for client in (first, second, own):
        assert "My draft practice" not in client.get(PRACTICES + "?q=draft").content.decode()


# --- An expert's page -----------------------------------------------------------------------------------------


def test_an_experts_page_is_rendered_once_for_every_member(make_membership, make_member, moderator):
    amina = _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    url = reverse("experts:profile", kwargs={"slug": amina.slug})
    first, second = signed_in(make_member()), signed_in(make_member())
    html, built = get_page(first, url)
    html_again, queries = get_page(second, url)
    assert "Amina Yusuf" in html_again
    assert len(queries) <= len(built) - 3  # the profile's themes, languages and links are not read again
    assert "This is your profile" not in html_again and "Write to this expert" in html_again

    # Its owner and staff get theirs, and nothing of theirs reaches the others.
    assert "This is your profile" in signed_in(amina.user).get(url).content.decode()
    assert amina.user.email in signed_in(moderator).get(url).content.decode()
    html = second.get(url).content.decode()
    assert "This is your profile" not in html and amina.user.email not in html

    # A change shows at once; a profile hidden leaves the members' page at once.
    amina.headline = "Prison rehabilitation, East Africa"
    amina.save(update_fields=["headline"])
    assert "Prison rehabilitation, East Africa" in second.get(url).content.decode()
    amina.visibility = Visibility.HIDDEN
    amina.save(update_fields=["visibility"])
    assert second.get(url).status_code == 404


def test_outsiders_never_get_a_members_only_experts_page(make_membership, make_member, outsiders):
    amina = _expert(make_membership, "Amina Yusuf", Visibility.MEMBERS)
    url = reverse("experts:profile", kwargs={"slug": amina.slug})
    assert signed_in(make_member()).get(url).status_code == 200  # cached for members
    for name, client in outsiders.items():
        assert client.get(url).status_code == 404, name
    public = _expert(make_membership, "Raúl Castaño", Visibility.PUBLIC)
    url = reverse("experts:profile", kwargs={"slug": public.slug})
    member_html = signed_in(make_member()).get(url).content.decode()
    assert "Write to this expert" in member_html
    for name, client in outsiders.items():
        html = client.get(url).content.decode()
        assert "Raúl Castaño" in html and "Write to this expert" not in html, name
