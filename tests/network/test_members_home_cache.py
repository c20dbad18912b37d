"""The members' home from cached parts (network/views.py ``members_home``): the newest members and the quick
updates are fragments shared by every member, the member's profile gaps and advisory requests are kept per
member; each is served without being rebuilt, dropped the moment its data changes, never carries one member's
things to another, and nothing of it reaches a visitor, an applicant or a suspended member."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisory.services.invitations import invitation_create
from advisory.services.requests import request_triage
from forums.services.moderation import quick_update_hide
from forums.services.updates import quick_update_post
from network.services.membership import membership_suspend
from tests.clients import get_page, signed_in
from tests.factories import AdvisoryRequestFactory

pytestmark = pytest.mark.django_db
HOME = reverse("network:members_home")
NEWEST = '"decided_at" DESC'  # the newest members' statement


def _home(client: Client) -> tuple[str, str]:
    """The page and every statement it ran, as one string."""
    page, queries = get_page(client, HOME)
    return page, "\n".join(queries)


def test_the_shared_parts_and_the_members_own_come_from_the_cache(make_member):
    author = make_member(user__full_name="Amina Yusuf")
    reader, other = make_member(), make_member()
    quick_update_post(author=author, body="Workshop in Nairobi next week")
    client = signed_in(reader)
    _, built = _home(client)
    assert "forums_quickupdate" in built and NEWEST in built and "experts_expertprofile" in built
    again, served = _home(client)
    for statement in ("forums_quickupdate", NEWEST, "experts_expertprofile", "advisory_advisoryrequest"):
        assert statement not in served, statement
    assert "Workshop in Nairobi next week" in again and "Amina Yusuf" in again
    # Another member reads the shared fragments as built for the first one; their own parts are built for them.
    page, theirs = _home(signed_in(other))
    assert "forums_quickupdate" not in theirs and NEWEST not in theirs
    assert "experts_expertprofile" in theirs and "Workshop in Nairobi next week" in page


def test_the_home_follows_every_change_at_once(member_client, make_member, moderator):
    author = make_member(user__full_name="Amina Yusuf")
    first = quick_update_post(author=author, body="First update")
    _home(member_client)
    _home(member_client)
    quick_update_post(author=author, body="Second update")
    page, _ = _home(member_client)
    assert "Second update" in page and "First update" in page
    quick_update_hide(update=first, actor=moderator, note="Off topic")
    page, _ = _home(member_client)
    assert "First update" not in page
    author.full_name = "Amina Y. Yusuf"
    author.save()
    assert "Amina Y. Yusuf" in _home(member_client)[0]
    newcomer = make_member(user__full_name="Kofi Mensah")
    assert "Kofi Mensah" in _home(member_client)[0]
    membership_suspend(membership=newcomer.membership, actor=moderator, notify=False)
    assert "Kofi Mensah" not in _home(member_client)[0]


def test_a_members_own_parts_follow_their_changes_at_once(member_client, member, make_member, moderator):
    from experts.models import ExpertProfile

    profile = ExpertProfile.objects.create(user=member, slug="the-member")
    page, _ = _home(member_client)
    assert "a headline" in page
    profile.headline = "Prison rehabilitation, East Africa"
    profile.save()
    assert "a headline" not in _home(member_client)[0]
    # An invitation to help with a request shows at once.
    request = AdvisoryRequestFactory(title="County action plans in Garissa")
    request_triage(request=request, actor=moderator, notify=False)
    assert "Invitations waiting for your answer" not in _home(member_client)[0]
    invitation_create(request=request, expert=profile, actor=moderator, message="Can you help?", notify=False)
    assert "Invitations waiting for your answer" in _home(member_client)[0]


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_nothing_of_one_member_reaches_another(make_member, moderator):
    alice = make_member(user__full_name="Alice Ada")
    bob = make_member(user__full_name="Bob Bell")
    hidden = quick_update_post(author=bob, body="Seen by moderators only")
    quick_update_hide(update=hidden, actor=moderator, note="Off topic")
    AdvisoryRequestFactory(requested_by=alice, title="Alice's own request")
    staff_page, _ = _home(signed_in(moderator))  # staff read hidden updates: their fragment is their own
    assert "Seen by moderators only" in staff_page
    alice_client = signed_in(alice)
    alice_page, _ = _home(alice_client)
    assert "Welcome, <bdi>Alice Ada</bdi>" in alice_page and "Alice&#x27;s own request" in alice_page
    assert "Seen by moderators only" not in alice_page
    bob_page, _ = _home(signed_in(bob))
    assert "Welcome, <bdi>Bob Bell</bdi>" in bob_page and "Welcome, <bdi>Alice Ada" not in bob_page
    assert "Alice&#x27;s own request" not in bob_page and "Seen by moderators only" not in bob_page
    # The quick update form's token is made for each page, never kept with the fragments.
    again, _ = _home(alice_client)
    assert _tokens(alice_page) and _tokens(again) and _tokens(alice_page) != _tokens(again)
    # …while its blank fields, nobody's, are rendered once per language and served to everyone.
    form = r'class="quick-update-form">\s*<input type="hidden" name="csrfmiddlewaretoken"[^>]*>(.*?)<button'
    fields = re.search(form, alice_page, re.S).group(1)
    assert 'name="body"' in fields and 'name="link"' in fields and fields in again and fields in bob_page


def test_outsiders_get_nothing_of_the_cached_home(member_client, make_member, outsiders):
    quick_update_post(author=make_member(user__full_name="Amina Yusuf"), body="Members-only news")
    _home(member_client)
    for name, client in outsiders.items():
        response = client.get(HOME)
        assert response.status_code in {302, 403}, name
        body = response.content.decode()
        assert "Members-only news" not in body and "Amina Yusuf" not in body, name


def test_the_unread_threads_are_the_members_own_and_follow_posts_and_reading(make_member):
    from forums.services.posting import post_reply
    from tests.forums.reading_helpers import thread_with_posts

    reader, other = make_member(), make_member()
    thread = thread_with_posts(3, title="Peer mentors in Mombasa")
    client, other_client = signed_in(reader), signed_in(other)
    page, built = _home(client)
    assert "Peer mentors in Mombasa" in page and "forums_thread" in built
    page, served = _home(client)
    assert "Peer mentors in Mombasa" in page and "forums_thread" not in served
    # Another member reading the thread changes nothing of this member's list; their own list drops it at once.
    assert "Peer mentors in Mombasa" in _home(other_client)[0]
    assert other_client.get(thread.get_absolute_url()).status_code == 200
    assert "Peer mentors in Mombasa" not in _home(other_client)[0]
    assert "Peer mentors in Mombasa" in _home(client)[0]
    # A new post shows at once, and the reader's own reading removes the thread at once.
    assert "3 new" in _home(client)[0]
    post_reply(thread=thread, author=thread.author, body="I can share our mentors' guide.")
    assert "1 new" in _home(other_client)[0] and "4 new" in _home(client)[0]
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert "Peer mentors in Mombasa" not in _home(client)[0]


def test_a_new_thread_shows_at_once(make_member):
    from forums.models import Category
    from forums.services.posting import thread_start
    from tests.forums.reading_helpers import thread_with_posts

    reader, author = make_member(), make_member()
    thread_with_posts(2, title="Peer mentors in Mombasa", author=author)
    client = signed_in(reader)
    _home(client)
    assert "forums_thread" not in _home(client)[1]
    thread_start(
        category=Category.objects.get(slug="youth"),
        author=author,
        title="Radio dramas in the Sahel",
        body="Who has evaluated one?",
    )
    page, _ = _home(client)
    assert "Radio dramas in the Sahel" in page and "Peer mentors in Mombasa" in page


def test_the_cached_form_fields_follow_the_readers_language(make_member):
    client = signed_in(make_member())
    english, _ = _home(client)
    assert "Your update" in english
    client.cookies["django_language"] = "ar"
    arabic, _ = _home(client)
    assert 'lang="ar"' in arabic and "Your update" not in arabic
