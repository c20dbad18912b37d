"""Your data: what the download holds, who may take it, and what deleting an account removes, keeps and ends."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from experts.models import ContactBlock, ContactMessage, ExpertProfile, ProfileLanguage, ProfileLink
from network.models import AccountDeletion, Membership, MembershipEvent, User
from network.services.accounts import AccountDeletionError, account_delete
from network.your_data import account_export
from tests.conftest import PASSWORD

DATA_URLS = ["network:your_data", "network:your_data_download", "network:account_delete"]


def extra_section(user: User) -> dict[str, object]:
    return {"forum_posts": [f"post by {user.pk}"]}


def counting_hook(*, user: User) -> dict[str, int]:
    return {"forum_posts_removed": 7}


def failing_hook(*, user: User) -> dict[str, int]:
    raise RuntimeError("the forum's hook failed")


def profile_for(user: User, **fields: object) -> ExpertProfile:
    profile = ExpertProfile.objects.create(user=user, slug=f"expert-{user.pk}", **fields)
    ProfileLanguage.objects.create(profile=profile, language="sw", level="fluent")
    ProfileLink.objects.create(profile=profile, title="Community resilience in Mombasa", year=2024)
    return profile


def reauthenticated(client: Client) -> Client:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


@pytest.fixture
def colleague(make_membership) -> User:
    return make_membership(status=Membership.Status.APPROVED, user__full_name="Wang Wei").user


# --- the gate -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_URLS)
def test_a_visitor_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("status", [Membership.Status.APPLIED, Membership.Status.SUSPENDED])
@pytest.mark.parametrize("name", DATA_URLS)
def test_applicants_and_suspended_members_get_the_pending_page(client, make_membership, status, name):
    outsider = make_membership(status=status, user__full_name="Outside Person").user
    client.force_login(outsider)
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert outsider.email not in response.content.decode()
    assert User.objects.filter(pk=outsider.pk).exists()


def test_a_suspended_member_cannot_delete_their_account_to_start_afresh(client, make_membership):
    suspended = make_membership(status=Membership.Status.SUSPENDED).user
    client.force_login(suspended)
    response = client.post(reverse("network:account_delete"), {"confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(pk=suspended.pk).exists()


def test_the_page_offers_the_download_and_the_deletion(member_client):
    body = member_client.get(reverse("network:your_data")).content.decode()
    assert reverse("network:your_data_download") in body
    assert reverse("network:account_delete") in body
    assert "deleted member" in body


# --- the download -------------------------------------------------------------------------------------


def test_the_download_is_an_uncached_json_attachment(member_client):
    response = member_client.get(reverse("network:your_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="onse-your-data-')
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["account"]["email"] == "member@example.org"


def test_the_download_holds_account_addresses_application_and_its_history(member, member_client, moderator):
    EmailAddress.objects.create(user=member, email="second@example.org", verified=False)
    membership = member.membership
    MembershipEvent.objects.create(
        membership=membership, actor=moderator, from_status="applied", to_status="approved", note="Welcome"
    )
    data = json.loads(member_client.get(reverse("network:your_data_download")).content)

    assert data["account"]["full_name"] == member.full_name
    assert "pbkdf2" not in json.dumps(data) and member.password not in json.dumps(data)
    assert {row["email"] for row in data["email_addresses"]} == {"member@example.org", "second@example.org"}
    assert data["membership"]["motivation"] == membership.motivation
    assert data["membership"]["country"] == "KE"
    assert data["membership"]["themes"] == ["pcve"]
    history = data["membership"]["history"]
    assert [(row["to"], row["by"]) for row in history] == [("approved", "you"), ("approved", "staff")]
    assert history[1]["note"] == "Welcome"
    # The moderator's identity is their own data: the member learns "staff", not who.
    assert moderator.email not in json.dumps(data)


def test_the_download_holds_the_profile_messages_sent_and_blocks(member, member_client, colleague):
    profile_for(member, headline="Prison rehabilitation, East Africa", phone="+254 700 000 000")
    ContactMessage.objects.create(
        sender=member, recipient=colleague, subject="Mombasa", body="Shall we talk?"
    )
    ContactMessage.objects.create(sender=colleague, recipient=member, subject="Not mine", body="Their words")
    ContactBlock.objects.create(blocker=member, blocked=colleague)

    data = json.loads(member_client.get(reverse("network:your_data_download")).content)

    profile = data["expert_profile"]
    assert profile["headline"] == "Prison rehabilitation, East Africa"
    assert profile["phone"] == "+254 700 000 000"
    assert profile["visibility"] == "members"
    assert profile["languages"] == [{"language": "sw", "level": "fluent"}]
    assert profile["links"][0]["title"] == "Community resilience in Mombasa"
    assert data["messages_sent"] == [
        {
            "to": "Wang Wei",
            "subject": "Mombasa",
            "message": "Shall we talk?",
            "sent_at": data["messages_sent"][0]["sent_at"],
        }
    ]
    assert data["senders_blocked"][0]["name"] == "Wang Wei"
    text = json.dumps(data, ensure_ascii=False)
    assert "Their words" not in text  # what others wrote is theirs
    assert colleague.email not in text


def test_a_member_without_a_profile_gets_an_empty_profile_section(member):
    data = account_export(member)
    assert data["expert_profile"] is None
    assert data["messages_sent"] == []


def test_the_download_runs_a_fixed_number_of_queries(member, colleague, django_assert_max_num_queries):
    profile_for(member)
    for number in range(30):
        ContactMessage.objects.create(sender=member, recipient=colleague, subject=f"n{number}", body="…")
    with django_assert_max_num_queries(24):  # a fixed number per app's section, not per row
        data = account_export(member)
    assert len(data["messages_sent"]) == 30


def test_an_app_hooks_its_section_into_the_download_with_one_function(member, settings):
    settings.PERSONAL_DATA_EXPORTERS = [*settings.PERSONAL_DATA_EXPORTERS, f"{__name__}.extra_section"]
    data = account_export(member)
    assert data["forum_posts"] == [f"post by {member.pk}"]
    assert "expert_profile" in data


# --- deleting an account ------------------------------------------------------------------------------


def test_deletion_asks_to_confirm_it_is_you_first(member_client):
    response = member_client.get(reverse("network:account_delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_wrong_password_deletes_nothing(member, member_client):
    response = member_client.post(reverse("account_reauthenticate"), {"password": "not-the-password"})
    assert response.status_code == 200
    assert member_client.post(reverse("network:account_delete"), {"confirm": "on"}).status_code == 302
    assert User.objects.filter(pk=member.pk).exists()


def test_deletion_needs_the_box_ticked(member, member_client):
    reauthenticated(member_client)
    response = member_client.post(reverse("network:account_delete"), {})
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_a_member_deletes_their_account_and_is_signed_out_everywhere(
    member, member_client, django_capture_on_commit_callbacks
):
    other_device = Client()
    other_device.force_login(member)
    profile_for(member)
    reauthenticated(member_client)
    assert member_client.get(reverse("network:account_delete")).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("network:account_delete"), {"confirm": "on"})

    assert response.status_code == 200
    assert "Your account has been deleted" in response.content.decode()
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email="member@example.org").exists()
    assert not Membership.objects.filter(user_id=member.pk).exists()
    assert not ExpertProfile.objects.filter(user_id=member.pk).exists()
    assert not ProfileLanguage.objects.exists() and not ProfileLink.objects.exists()
    for client in (member_client, other_device):
        again = client.get(reverse("network:members_home"))
        assert again.status_code == 302 and again["Location"].startswith(reverse("account_login"))
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(member.pk) for session in Session.objects.all()
    )
    # The old password opens nothing any more.
    assert (
        client.post(
            reverse("account_login"), {"login": "member@example.org", "password": PASSWORD}
        ).status_code
        == 200
    )


def test_messages_sent_are_kept_as_from_a_deleted_member(member, colleague):
    sent = ContactMessage.objects.create(
        sender=member, recipient=colleague, subject="Hello", body="Kept for abuse"
    )
    received = ContactMessage.objects.create(
        sender=colleague, recipient=member, subject="Hi", body="Also kept"
    )
    ContactBlock.objects.create(blocker=member, blocked=colleague)
    ContactBlock.objects.create(blocker=colleague, blocked=member)

    account_delete(user=member)

    sent.refresh_from_db()
    received.refresh_from_db()
    assert sent.sender is None and sent.recipient == colleague and sent.body == "Kept for abuse"
    assert received.recipient is None and received.sender == colleague
    assert not ContactBlock.objects.exists()
    assert account_export(colleague)["messages_sent"][0]["to"] == "deleted member"


def test_decisions_the_person_made_stay_in_others_audit_trails_without_them(member, make_membership):
    other = make_membership()
    decided = MembershipEvent.objects.create(
        membership=other, actor=member, from_status="applied", to_status="approved", note="Fine"
    )
    Membership.objects.filter(pk=other.pk).update(decided_by=member)

    account_delete(user=member)

    decided.refresh_from_db()
    assert decided.actor is None and decided.note == "Fine"
    assert Membership.objects.get(pk=other.pk).decided_by is None
    assert not MembershipEvent.objects.filter(membership__user_id=member.pk).exists()


def test_the_deletion_is_recorded_without_naming_the_person(member, colleague):
    profile_for(member)
    ContactMessage.objects.create(sender=member, recipient=colleague, subject="Hello", body="…")

    record = account_delete(user=member)

    assert AccountDeletion.objects.get() == record
    assert record.membership_status == "approved"
    assert record.summary == {
        "expert_profiles_removed": 1,
        "messages_sent_kept_as_deleted_member": 1,
        "blocks_removed": 0,
        "good_practices_removed": 0,
        "good_practices_kept_without_submitter": 0,
        "forum_posts_kept_as_former_member": 0,
        "quick_updates_removed": 0,
        "advisory_requests_removed": 0,
        "advisory_requests_kept_without_requester": 0,
        "advisory_offers_removed": 0,
        "advisory_offers_kept_without_offerer": 0,
        "advisory_interests_removed": 0,
    }
    assert member.email not in str(record.summary) and member.full_name not in str(record.summary)


def test_the_profile_photo_file_is_removed(member, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    profile = profile_for(member)
    profile.photo.save("face.webp", ContentFile(b"RIFF....WEBP"), save=True)
    name = profile.photo.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member)

    assert not default_storage.exists(name)


def test_staff_accounts_are_closed_by_an_administrator(moderator):
    with pytest.raises(AccountDeletionError):
        account_delete(user=moderator)
    assert User.objects.filter(pk=moderator.pk).exists()


def test_an_app_hooks_into_deletion_with_one_function(member, settings):
    settings.ACCOUNT_DELETION_HOOKS = [*settings.ACCOUNT_DELETION_HOOKS, f"{__name__}.counting_hook"]
    record = account_delete(user=member)
    assert record.summary["forum_posts_removed"] == 7


def test_a_failing_hook_deletes_nothing(member, settings):
    profile_for(member)
    settings.ACCOUNT_DELETION_HOOKS = [*settings.ACCOUNT_DELETION_HOOKS, f"{__name__}.failing_hook"]
    with pytest.raises(RuntimeError):
        account_delete(user=member)
    assert User.objects.filter(pk=member.pk).exists()
    assert ExpertProfile.objects.filter(user=member).exists()
    assert not AccountDeletion.objects.exists()


# --- the privacy page says so -------------------------------------------------------------------------


def test_the_privacy_page_describes_visibility_download_and_deletion(client):
    body = client.get(reverse("network:privacy")).content.decode()
    assert "Your expert profile is seen by approved members only, unless you choose otherwise" in body
    assert "hidden (only you and UNOCT staff)" in body
    assert "that member's profile disappears from everyone else's view" in body
    assert reverse("network:your_data") in body
    assert "download everything the portal holds about you" in body
    assert "you are signed out everywhere" in body
    assert "shown as from a “deleted member”" in body
    assert "The phone number on your profile is seen by UNOCT staff only." in body
