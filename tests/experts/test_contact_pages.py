"""The contact pages: members only, visible profiles only, nothing typed is lost, blocks from the email link."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from experts.models import ContactBlock, ContactMessage
from experts.services.contact import DAILY_LIMIT
from network.models import Membership
from network.visibility import Visibility

pytestmark = pytest.mark.django_db
Status = Membership.Status
TEXT = "Could we compare our prison rehabilitation programmes?"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _contact_url(profile) -> str:
    return reverse("experts:contact", kwargs={"slug": profile.slug})


def _post(client, profile, subject="Rehabilitation", body=TEXT):
    return client.post(_contact_url(profile), {"subject": subject, "body": body})


def _fill_today(sender, recipient) -> None:
    ContactMessage.objects.bulk_create(
        ContactMessage(sender=sender, recipient=recipient, subject="s", body="b", notified_at=timezone.now())
        for _ in range(DAILY_LIMIT)
    )


def test_a_member_writes_and_the_relay_arrives(
    member_client, member, make_profile, django_capture_on_commit_callbacks
):
    profile = make_profile()
    page = member_client.get(_contact_url(profile))
    assert page.status_code == 200
    assert f"You can send {DAILY_LIMIT} more messages today" in page.text
    assert profile.user.email not in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(member_client, profile)
    assert response.status_code == 302
    followed = member_client.get(response["Location"])
    assert "Your message was sent to" in followed.text
    assert [m.to for m in mail.outbox] == [[profile.user.email]]
    assert mail.outbox[0].reply_to == [member.email]


def test_what_was_typed_is_kept_when_the_daily_limit_is_reached(member_client, member, make_profile):
    profile = make_profile()
    _fill_today(member, make_profile().user)
    response = _post(member_client, profile)
    assert response.status_code == 400
    assert "You can write again from" in response.text
    assert TEXT in response.text
    assert ContactMessage.objects.filter(recipient=profile.user).count() == 0
    assert not mail.outbox
    page = member_client.get(_contact_url(profile))  # the form is not offered again today
    assert "You can write again from" in page.text and "<textarea" not in page.text


@pytest.mark.parametrize(
    ("subject", "body"), [("", TEXT), ("Hello", ""), ("x" * 151, TEXT), ("Hello", "y" * 5001), ("   ", "   ")]
)
def test_a_bad_form_keeps_the_text_and_sends_nothing(member_client, make_profile, subject, body):
    profile = make_profile()
    response = _post(member_client, profile, subject=subject, body=body)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text
    if body.strip():
        assert body in response.text
    assert not ContactMessage.objects.exists()


def test_contact_off_or_blocked_shows_no_form_and_does_not_say_blocked(member_client, member, make_profile):
    off = make_profile(contact_enabled=False)
    blocking = make_profile()
    ContactBlock.objects.create(blocker=blocking.user, blocked=member)
    for profile in (off, blocking):
        page = member_client.get(_contact_url(profile))
        assert "does not accept messages at the moment" in page.text
        assert "<textarea" not in page.text and "blocked" not in page.text.lower()
        assert _post(member_client, profile).status_code == 200  # nothing to post to: the page again
    assert not ContactMessage.objects.exists()


def test_pages_of_hidden_and_suspended_profiles_do_not_exist(member_client, make_profile):
    for profile in (make_profile(visibility=Visibility.HIDDEN), make_profile(status=Status.SUSPENDED)):
        assert member_client.get(_contact_url(profile)).status_code == 404
    assert member_client.get(reverse("experts:contact", kwargs={"slug": "nobody"})).status_code == 404


@pytest.mark.parametrize("status", [Status.APPLIED, Status.SUSPENDED])
def test_visitors_applicants_and_suspended_members_get_nothing(client, make_membership, make_profile, status):
    profile = make_profile(visibility=Visibility.PUBLIC)
    outsider = make_membership(status=status).user
    if status == Status.SUSPENDED:
        make_profile(outsider)  # their own settings page is closed too
    message = ContactMessage.objects.create(sender=profile.user, recipient=outsider, subject="s", body="b")
    urls = [
        _contact_url(profile),
        reverse("experts:contact_settings"),
        reverse("experts:contact_block", kwargs={"token": message.block_token()}),
    ]
    for url in urls:
        visitor = client.get(url)
        assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
        assert _client(outsider).get(url).status_code == 403
        assert (
            _client(outsider).post(url, {"subject": "s", "body": "b", "action": "block"}).status_code == 403
        )
    assert not ContactBlock.objects.exists()
    assert ContactMessage.objects.count() == 1


def _block_link(email) -> str:
    return re.search(r"https?://[^/\s]+(/experts/contact/block/\S+/)", email.body).group(1)


def test_the_emailed_link_blocks_the_sender_and_only_for_its_recipient(
    member_client, member, make_profile, django_capture_on_commit_callbacks
):
    profile = make_profile()
    with django_capture_on_commit_callbacks(execute=True):
        _post(member_client, profile)
    link = _block_link(mail.outbox[0])
    assert member_client.get(link).status_code == 404  # the sender cannot use the recipient's link
    expert = _client(profile.user)
    page = expert.get(link)
    assert page.status_code == 200 and member.display_name in page.text and member.email not in page.text
    expert.post(link, {"action": "block"})
    assert ContactBlock.objects.filter(blocker=profile.user, blocked=member).exists()
    assert "does not accept messages" in member_client.get(_contact_url(profile)).text
    expert.post(link, {"action": "unblock"})
    assert not ContactBlock.objects.exists()
    forged = link.replace("/block/", "/block/x")
    assert expert.get(forged).status_code == 404
    other_message = signing.dumps(
        ContactMessage.objects.get().pk + 1000, salt=ContactMessage.BLOCK_TOKEN_SALT
    )
    assert expert.get(reverse("experts:contact_block", kwargs={"token": other_message})).status_code == 404


def test_settings_switch_contact_off_and_lift_blocks(member, make_profile, make_membership):
    profile = make_profile()
    pest = make_membership(status=Status.APPROVED).user
    ContactBlock.objects.create(blocker=profile.user, blocked=pest)
    expert = _client(profile.user)
    url = reverse("experts:contact_settings")
    page = expert.get(url)
    assert pest.display_name in page.text and pest.email not in page.text
    expert.post(url, {"action": "contact"})  # the box unticked
    profile.refresh_from_db()
    assert profile.contact_enabled is False
    expert.post(url, {"action": "contact", "contact_enabled": "on"})
    profile.refresh_from_db()
    assert profile.contact_enabled is True
    for bad in ("abc", "-1", "", "10000000000000000000000"):
        response = expert.post(url, {"action": "unblock", "member": bad}, follow=True)
        assert response.status_code == 200 and "was not blocked" in response.text
    expert.post(url, {"action": "unblock", "member": str(pest.pk)})
    assert not ContactBlock.objects.exists()
    assert _client(member).get(url).status_code == 404  # a member without a profile has no settings


def test_staff_read_messages_filtered_by_sender_and_cannot_change_them(
    moderator_client, moderator, member, make_profile
):
    moderator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_contactmessage", "view_contactblock"])
    )
    profile = make_profile()
    mine = ContactMessage.objects.create(
        sender=member, recipient=profile.user, subject="From the member", body="b"
    )
    other = make_profile()
    ContactMessage.objects.create(
        sender=other.user,
        recipient=profile.user,
        subject="From someone else",
        body="b",
        created_at=timezone.now() - timedelta(days=40),
    )
    url = reverse("admin:experts_contactmessage_changelist")
    filtered = moderator_client.get(url, {"sender__id__exact": member.pk})
    assert filtered.status_code == 200
    assert "From the member" in filtered.text and "From someone else" not in filtered.text
    assert member.email in filtered.text  # staff see addresses, to act on abuse
    recent = moderator_client.get(url, {"created_at__gte": (timezone.now() - timedelta(days=7)).isoformat()})
    assert "From the member" in recent.text and "From someone else" not in recent.text
    change = moderator_client.post(
        reverse("admin:experts_contactmessage_change", args=[mine.pk]), {"subject": "edited"}
    )
    assert change.status_code == 403
    mine.refresh_from_db()
    assert mine.subject == "From the member"
    assert moderator_client.get(reverse("admin:experts_contactmessage_add")).status_code == 403
