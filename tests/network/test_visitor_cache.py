"""A visitor's whole page from the cache (network/cache.py, ``cache_for_visitors``): served without running the
view, only to visitors, never with anything of one visitor's in it, and dropped the moment its data changes."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from experts.models import ExpertProfile
from forums.models import NewsItem
from network.models import Membership
from network.services.membership import membership_suspend
from network.visibility import Visibility
from practices.models import Endorsement, PracticeStatus
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("experts:directory")


def _expert(make_membership, name: str, visibility: str = Visibility.PUBLIC) -> ExpertProfile:
    user = make_membership(status=Membership.Status.APPROVED, user__full_name=name).user
    return ExpertProfile.objects.create(user=user, slug=slugify(name), visibility=visibility)


def _get(client: Client, url: str, **extra):
    """The response, and whether it came from the cache (the view rendered no template: the test client saw
    no context)."""
    response = client.get(url, **extra)
    return response, response.context is None


def test_a_visitor_gets_the_same_page_again_without_a_query(client, make_membership):
    _expert(make_membership, "Amina Yusuf")
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as again_queries:
        again = Client().get(DIRECTORY)  # another visitor
    assert first.status_code == again.status_code == 200
    assert len(first_queries) > 0 and len(again_queries) == 0 and again.context is None
    assert again.content == first.content and "Amina Yusuf" in again.content.decode()
    assert again["Content-Type"] == first["Content-Type"]
    # Another query string is another page.
    sorted_page, cached = _get(client, DIRECTORY + "?sort=name")
    assert not cached and "Amina Yusuf" in sorted_page.content.decode()


def test_a_visitors_page_carries_no_form_token_and_the_language_form_still_works(client):
    page = client.get(reverse("network:home"))
    assert b"csrfmiddlewaretoken" not in page.content and "csrftoken" not in page.cookies
    strict = Client(enforce_csrf_checks=True)
    switched = strict.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert switched.status_code == 302 and switched.cookies["django_language"].value == "fr"
    assert 'lang="fr"' in strict.get(reverse("network:home")).content.decode()


def test_a_signed_in_persons_language_form_is_checked_and_becomes_their_email_language(member):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    forged = {"language": "ar", "next": "/", "csrfmiddlewaretoken": "x" * 64}
    assert strict.post(reverse("set_language"), forged).status_code == 403
    # A form without a token (a page opened before signing in) switches the page's language, not the email's.
    tokenless = strict.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert tokenless.status_code == 302 and tokenless.cookies["django_language"].value == "ar"
    member.refresh_from_db()
    assert member.preferred_language != "ar"
    page = strict.get(reverse("network:home")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    switched = strict.post(
        reverse("set_language"), {"language": "ar", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    member.refresh_from_db()
    assert member.preferred_language == "ar"


def test_members_applicants_and_suspended_members_never_get_a_visitors_page(
    client, member_client, outsiders, make_membership
):
    _expert(make_membership, "Amina Yusuf")
    _expert(make_membership, "Raúl Castaño", visibility=Visibility.MEMBERS)
    assert "Raúl Castaño" not in client.get(DIRECTORY).content.decode()  # stored for visitors
    members_page, cached = _get(member_client, DIRECTORY)
    assert not cached and "Raúl Castaño" in members_page.content.decode()
    for name in ("applicant", "suspended"):
        page, cached = _get(outsiders[name], DIRECTORY)
        assert not cached, name  # built for them, by the visibility rule
        assert "Raúl Castaño" not in page.content.decode(), name
    # …and a member's page is never stored for visitors.
    member_client.get(DIRECTORY + "?sort=name")
    visitors, cached = _get(Client(), DIRECTORY + "?sort=name")
    assert not cached and "Raúl Castaño" not in visitors.content.decode()


def test_an_expert_hidden_or_suspended_leaves_the_visitors_pages_at_once(client, make_membership, moderator):
    hidden = _expert(make_membership, "Amina Yusuf")
    suspended = _expert(make_membership, "Raúl Castaño")
    profile_url = reverse("experts:profile", kwargs={"slug": hidden.slug})
    directory = client.get(DIRECTORY).content.decode()
    assert "Amina Yusuf" in directory and "Raúl Castaño" in directory
    assert client.get(profile_url).status_code == 200
    hidden.visibility = Visibility.MEMBERS
    hidden.save()
    membership_suspend(membership=suspended.user.membership, actor=moderator, note="Left the network.")
    directory = client.get(DIRECTORY).content.decode()
    assert "Amina Yusuf" not in directory and "Raúl Castaño" not in directory
    assert client.get(profile_url).status_code == 404


def test_a_practice_archived_or_endorsed_shows_at_once(client, make_member):
    practice = GoodPracticeFactory(title="Community policing in Mombasa")
    url = practice.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Community policing in Mombasa" in client.get(reverse("practices:list")).content.decode()
    Endorsement.objects.create(practice=practice, endorser=make_member(membership__is_focal_point=True))
    _page, cached = _get(client, url)
    assert not cached  # built again: the endorsement count changed
    practice.status = PracticeStatus.ARCHIVED
    practice.save(update_fields=["status"])
    assert client.get(url).status_code == 404
    assert "Community policing in Mombasa" not in client.get(reverse("practices:list")).content.decode()


def test_news_published_reaches_the_visitors_home_page_at_once(client):
    home = reverse("network:home")
    client.get(home)
    assert _get(client, home)[1]
    NewsItem.objects.create(
        title="Regional workshop in Nairobi", slug="regional-workshop", body="…", published_at=timezone.now()
    )
    assert "Regional workshop in Nairobi" in client.get(home).content.decode()


def test_each_language_has_its_own_page(client):
    home = reverse("network:home")
    english = client.get(home).content.decode()
    arabic = client.get(home, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="en"' in english and 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    assert 'lang="en"' in client.get(home).content.decode()


def test_a_visitors_flash_message_is_shown_and_never_stored(client, member_client):
    home = reverse("network:home")
    client.get(home)  # the page is in the cache
    signed_out = member_client.post(reverse("account_logout"), follow=True)  # now a visitor, with a message
    assert signed_out.redirect_chain[-1][0] == home
    message = str(next(iter(signed_out.context["messages"])))
    assert message and message in signed_out.content.decode()
    assert message not in Client().get(home).content.decode()  # neither served nor stored


def test_redis_away_means_the_view_runs_each_time(settings, client, make_membership):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "network.cache.FailOpenRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    _expert(make_membership, "Amina Yusuf")
    assert "Amina Yusuf" in client.get(DIRECTORY).content.decode()
    page, cached = _get(client, DIRECTORY)
    assert not cached and "Amina Yusuf" in page.content.decode()


def test_a_page_is_compressed_once_and_sent_compressed_to_whoever_accepts_it(client, make_membership):
    _expert(make_membership, "Amina Yusuf")
    plain = client.get(DIRECTORY).content
    client.get(DIRECTORY, HTTP_ACCEPT_ENCODING="gzip, deflate")  # built, stored compressed
    again, cached = _get(Client(), DIRECTORY, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert cached and again["Content-Encoding"] == "gzip" and "Accept-Encoding" in again["Vary"]
    assert gzip.decompress(again.content) == plain
    assert int(again.get("Content-Length", len(again.content))) == len(again.content)
    uncompressed, cached = _get(Client(), DIRECTORY)  # a client that takes no gzip gets the page as it is
    assert cached and not uncompressed.has_header("Content-Encoding") and uncompressed.content == plain
