"""Mixed-direction text: every text-like input and textarea carries dir="auto", through the form renderer."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from network.forms import MemberDetailsForm, MembershipApplicationForm
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TEXT_TYPES = {"text", "email", "search", "url"}


class _TextFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "textarea" or (tag == "input" and (found.get("type") or "text") in TEXT_TYPES):
            self.fields.append(found)


def _text_fields(html: str) -> list[dict[str, str | None]]:
    parser = _TextFields()
    parser.feed(html)
    return parser.fields


def _assert_all_auto(html: str, at_least: int) -> None:
    fields = _text_fields(html)
    assert len(fields) >= at_least, fields
    for field in fields:
        assert field.get("dir") == "auto", field


def test_the_application_form_renders_dir_auto_on_every_text_field():
    _assert_all_auto(str(MembershipApplicationForm()), at_least=4)  # name, organisation, position, motivation


def test_the_details_form_renders_dir_auto():
    _assert_all_auto(str(MemberDetailsForm()), at_least=3)


def test_the_application_page_in_arabic(client, make_user):
    client.force_login(make_user())
    html = client.get(reverse("network:apply"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html
    _assert_all_auto(html, at_least=4)


@pytest.mark.parametrize("url_name", ["account_signup", "account_login", "account_reset_password"])
def test_allauth_forms_render_dir_auto(client, url_name):
    _assert_all_auto(client.get(reverse(url_name)).content.decode(), at_least=1)


def test_allauth_hand_written_fields_render_dir_auto(client, member):
    """The email page's "add an address" field comes from the form; the TOTP secret from allauth's field element."""
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    _assert_all_auto(client.get(reverse("account_email")).content.decode(), at_least=1)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert 'id="authenticator_secret"' in html
    _assert_all_auto(html, at_least=2)


def test_member_text_is_isolated_on_the_members_home(member_client, make_membership):
    make_membership(status="approved", user__full_name="ليلى حداد", organisation="Centre for Dialogue")
    html = member_client.get(reverse("network:members_home")).content.decode()
    assert "<bdi>ليلى حداد</bdi>" in html
    assert "<bdi>Centre for Dialogue</bdi>" in html
