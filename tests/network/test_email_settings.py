"""The members' email settings page: digest frequency and sections, immediate emails, and "my address works again"
after a refusal. Every change is recorded once (EmailChoiceEvent, source "settings"); only members get the page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from network.digest import digest_section_choices
from network.models import (
    DigestFrequency,
    EmailChoiceEvent,
    EmailChoiceSource,
    MemberPreferences,
)
from network.services.digests import digest_recipients
from network.services.preferences import email_choices_update

pytestmark = pytest.mark.django_db

URL = reverse("network:notification_settings")
ALL_SECTIONS = [key for key, _title in digest_section_choices()]


def saved(user) -> MemberPreferences:
    return MemberPreferences.objects.get(user=user)


def form(**changes: object) -> dict[str, object]:
    """What a browser posts for the page as it first shows (weekly, every section, no immediate emails)."""
    return {"digest_frequency": "weekly", "digest_sections": ALL_SECTIONS, **changes}


def test_the_page_shows_the_defaults(member_client):
    response = member_client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1 and "Email settings" in page
    assert 'type="radio" name="digest_frequency" value="weekly"' in page
    assert 'value="weekly" id="id_digest_frequency_2" required checked' in page
    for key, title in digest_section_choices():
        assert f'value="{key}"' in page and str(title) in page
    assert page.count('name="digest_sections"') == len(ALL_SECTIONS)
    assert page.count(" checked") == 1 + len(ALL_SECTIONS)  # weekly + every section; immediate emails off
    assert "Email me each notification as it happens" in page
    assert "refused our email" not in page
    # Labels: every radio and checkbox has its own.
    for key in ("id_digest_frequency_0", "id_digest_sections_0", "id_email_immediately"):
        assert f'for="{key}"' in page


def test_a_member_chooses_daily_without_two_sections(member_client, member):
    response = member_client.post(
        URL,
        form(digest_frequency="daily", digest_sections=["practices", "experts"], email_immediately="on"),
    )
    assert response.status_code == 302
    preferences = saved(member)
    assert preferences.digest_frequency == DigestFrequency.DAILY
    assert preferences.email_immediately is True
    assert sorted(preferences.digest_sections_off) == sorted(set(ALL_SECTIONS) - {"practices", "experts"})
    events = {event.kind: event for event in EmailChoiceEvent.objects.filter(member=member)}
    assert set(events) == {"digest_frequency", "digest_sections_off", "email_immediately"}
    assert (events["digest_frequency"].old_value, events["digest_frequency"].new_value) == ("weekly", "daily")
    assert events["email_immediately"].new_value == "on"
    assert all(e.source == EmailChoiceSource.SETTINGS and e.actor == member for e in events.values())
    # The page shows what was saved.
    page = member_client.get(URL).content.decode()
    assert "Your email settings are saved." in page
    assert page.count(" checked") == 1 + 2 + 1


def test_saving_the_same_choices_again_records_nothing_new(member_client, member):
    member_client.post(URL, form(digest_frequency="off"))
    member_client.post(URL, form(digest_frequency="off"))
    assert EmailChoiceEvent.objects.filter(member=member).count() == 1
    member_client.post(URL, form())
    assert EmailChoiceEvent.objects.filter(member=member).count() == 2


def test_turning_the_digest_off_keeps_the_sections(member_client, member):
    member_client.post(URL, form(digest_frequency="off", digest_sections=[]))
    assert saved(member).digest_frequency == DigestFrequency.OFF
    assert sorted(saved(member).digest_sections_off) == sorted(ALL_SECTIONS)
    assert member not in digest_recipients(DigestFrequency.WEEKLY)


def test_a_digest_without_any_section_is_refused_with_everything_kept(member_client, member):
    response = member_client.post(
        URL, form(digest_frequency="daily", digest_sections=[], email_immediately="on")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page and 'href="#id_digest_sections"' in page
    assert 'id="id_digest_sections"' in page  # the summary's link lands on the field
    assert "Tick at least one part of the digest" in page
    # What was typed is kept: daily, immediate emails on.
    assert 'value="daily" id="id_digest_frequency_1" required checked' in page
    assert 'id="id_email_immediately" checked' in page
    assert 'aria-describedby="id_digest_sections_helptext id_digest_sections_error"' in page
    assert page.count(" checked") == 2
    assert not MemberPreferences.objects.filter(user=member).exists()
    assert not EmailChoiceEvent.objects.exists()


def test_an_unknown_frequency_or_section_is_refused(member_client, member):
    for bad in (form(digest_frequency="hourly"), form(digest_sections=["gossip"]), {}):
        response = member_client.post(URL, bad)
        assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
    assert not EmailChoiceEvent.objects.exists()


def test_sections_this_site_no_longer_offers_stay_off(member_client, member):
    MemberPreferences.objects.create(user=member, digest_sections_off=["retired"])
    member_client.post(URL, form(digest_sections=ALL_SECTIONS[1:]))
    assert sorted(saved(member).digest_sections_off) == sorted(["retired", ALL_SECTIONS[0]])


def test_a_refused_address_can_be_declared_working_again(member_client, member):
    MemberPreferences.objects.create(
        user=member, email_bounced_at=timezone.now(), email_bounce_reason="550 5.1.1 no such user"
    )
    assert member not in digest_recipients(DigestFrequency.WEEKLY)
    page = member_client.get(URL).content.decode()
    assert "refused our email" in page and member.email in page
    assert "550" not in page  # the server's words are for staff
    assert reverse("account_email") in page
    response = member_client.post(URL, {"address_works": "1"})
    assert response.status_code == 302
    preferences = saved(member)
    assert preferences.email_bounced_at is None and preferences.email_bounce_reason == ""
    assert member in digest_recipients(DigestFrequency.WEEKLY)
    event = EmailChoiceEvent.objects.get(member=member)
    assert (event.kind, event.old_value, event.new_value, event.source) == (
        "address",
        "refused",
        "works",
        EmailChoiceSource.SETTINGS,
    )
    page = member_client.get(URL).content.decode()
    assert "refused our email" not in page
    member_client.post(URL, {"address_works": "1"})  # a second click: nothing more
    assert EmailChoiceEvent.objects.filter(member=member).count() == 1
    assert saved(member).digest_frequency == DigestFrequency.WEEKLY  # the other choices untouched


def test_only_members_have_email_settings(outsiders, applicant, suspended):
    for name, client in outsiders.items():
        get = client.get(URL)
        post = client.post(URL, form(digest_frequency="off"))
        assert get.status_code in (302, 403), name
        assert "digest_frequency" not in get.content.decode(), name
        assert post.status_code in (302, 403), name
    assert not MemberPreferences.objects.exists()
    assert not EmailChoiceEvent.objects.exists()


def test_the_service_refuses_an_unknown_frequency(member):
    with pytest.raises(ValueError, match="hourly"):
        email_choices_update(user=member, source=EmailChoiceSource.STAFF, digest_frequency="hourly")
    assert not EmailChoiceEvent.objects.exists()


def test_the_page_is_linked_from_the_members_home(member_client):
    page = member_client.get(reverse("network:members_home")).content.decode()
    assert URL in page and "Email settings" in page


def test_the_page_works_in_arabic(member, member_client):
    member.preferred_language = "ar"
    member.save(update_fields=["preferred_language"])
    response = member_client.get(URL, HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in response.content.decode()


def test_the_page_is_a_few_queries(member_client, django_assert_max_num_queries):
    member_client.get(URL)
    with django_assert_max_num_queries(8):
        member_client.get(URL)
