"""Members flag posts they can see, once each, never their own; nobody else can flag at all."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from forums.models import Flag, FlagReason, FlagStatus, PostStatus, ThreadStatus
from forums.services.flags import post_flag
from network.models import Membership
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _flag_url(post) -> str:
    return reverse("forums:flag", args=[post.pk])


def test_a_member_flags_a_post_once_with_an_audit_row(member):
    post = PostFactory()
    flag = post_flag(post=post, by=member, reason=FlagReason.SPAM, details="  Sells courses  ")
    assert (flag.status, flag.details, flag.flagged_by) == (FlagStatus.OPEN, "Sells courses", member)
    assert flag.events.get().to_status == FlagStatus.OPEN
    with pytest.raises(ValidationError, match="already flagged"):
        post_flag(post=post, by=member, reason=FlagReason.ABUSE, details="")
    assert Flag.objects.count() == 1


def test_a_member_may_flag_again_once_the_first_flag_is_decided(member):
    post = PostFactory()
    first = post_flag(post=post, by=member, reason=FlagReason.SPAM, details="")
    Flag.objects.filter(pk=first.pk).update(status=FlagStatus.DISMISSED)
    post_flag(post=post, by=member, reason=FlagReason.SPAM, details="")
    assert Flag.objects.filter(post=post).count() == 2


def test_own_posts_and_posts_a_member_cannot_see_are_refused(member):
    own = PostFactory(thread=ThreadFactory(author=member), author=member)
    with pytest.raises(ValidationError, match="your own post"):
        post_flag(post=own, by=member, reason=FlagReason.SPAM, details="")
    hidden = PostFactory(status=PostStatus.HIDDEN)
    in_hidden_thread = PostFactory(thread=ThreadFactory(status=ThreadStatus.HIDDEN))
    for post in (hidden, in_hidden_thread):
        with pytest.raises(PermissionDenied):
            post_flag(post=post, by=member, reason=FlagReason.SPAM, details="")
    assert not Flag.objects.exists()


def test_an_unknown_reason_is_refused(member):
    with pytest.raises(ValidationError):
        post_flag(post=PostFactory(), by=member, reason="because", details="")


def test_the_flag_page_sends_the_flag_and_returns_to_the_post(member_client, member):
    post = PostFactory()
    page = member_client.get(_flag_url(post))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="radio"' in html and str(FlagReason.EXTREMIST.label) in html and "Mombasa" in html
    response = member_client.post(_flag_url(post), {"reason": "extremist", "details": "Calls for violence"})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    flag = Flag.objects.get()
    assert (flag.post, flag.reason, flag.details) == (post, "extremist", "Calls for violence")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thank you: the moderators will look at this post."
    ]


def test_a_second_flag_says_so_clearly(member_client, member):
    post = PostFactory()
    member_client.post(_flag_url(post), {"reason": "spam"})
    response = member_client.post(_flag_url(post), {"reason": "abuse"})
    assert [str(m) for m in get_messages(response.wsgi_request)][-1:] == [
        "You have already flagged this post; a moderator will look at it."
    ]
    assert Flag.objects.count() == 1


def test_the_flag_page_without_a_reason_keeps_the_details(member_client):
    post = PostFactory()
    response = member_client.post(_flag_url(post), {"details": "Look at the link"})
    assert response.status_code == 400 and "Look at the link" in response.content.decode()
    assert not Flag.objects.exists()


def test_a_hidden_post_has_no_flag_page(member_client):
    assert member_client.get(_flag_url(PostFactory(status=PostStatus.HIDDEN))).status_code == 404


@pytest.mark.parametrize("who", ["visitor", "applicant", "suspended", "rejected"])
def test_visitors_applicants_suspended_and_rejected_people_cannot_flag(who, applicant):
    post = PostFactory()
    client = Client()
    if who == "applicant":
        client.force_login(applicant)
    elif who in ("suspended", "rejected"):
        status = Membership.Status.SUSPENDED if who == "suspended" else Membership.Status.REJECTED
        client.force_login(ExpertProfileFactory(membership__status=status).user)
    for response in (client.get(_flag_url(post)), client.post(_flag_url(post), {"reason": "spam"})):
        if who == "visitor":
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == 403
            assert "Mombasa" not in response.content.decode()
    assert not Flag.objects.exists()


def test_the_service_refuses_an_applicant(applicant):
    with pytest.raises(PermissionDenied):
        post_flag(post=PostFactory(), by=applicant, reason=FlagReason.SPAM, details="")
