"""The shared admin queue tools (network/admin/tools.py), through the admin that uses them first."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from network.admin.awaiting import awaiting_queues
from network.admin.csv import csv_response
from network.admin.tools import CountryFilter, RegionFilter, TransitionAction, person_html
from network.models import Country, Membership

Status = Membership.Status
pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:network_membership_changelist")
ROOT = Path(__file__).resolve().parents[2]


def test_the_tools_and_their_templates_name_no_model():
    for path in (
        "network/admin/tools.py",
        "network/admin/filters.py",
        "network/admin/awaiting.py",
        "network/admin/csv.py",
        "templates/admin/index.html",
        "templates/admin/transition_confirm.html",
        "templates/admin/transition_change_form.html",
    ):
        assert "membership" not in (ROOT / path).read_text().lower(), path


@pytest.mark.parametrize(
    "params",
    [
        {"country": "\u202e<x>"},
        {"region": "\u202e<x>"},
        {"waiting": "\u202e<x>"},
        {"country": "ZZ"},
        {"region": "atlantis"},
        {"waiting": "-1"},
        {"waiting": "1e9"},
        {"country": "KE' OR 1=1 --"},
        {"_facets": "True", "country": "\u202e<x>", "waiting": "\u202e<x>"},
        {"o": "6"},  # sorted by "waiting since"
        {"o": "-6.1"},
    ],
)
def test_filters_ignore_values_that_are_not_their_choices(moderator_client, make_membership, params):
    make_membership(user__full_name="Still Listed")
    response = moderator_client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert "Still Listed" in response.content.decode()


def test_country_choices_are_the_countries_present_sorted_by_translated_name(
    moderator_client, make_membership
):
    for code in ("EG", "CO", "DZ"):
        make_membership(country=Country.objects.get(code=code))
    with translation.override("fr"):
        page = moderator_client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # Algérie, Colombie, Égypte: by name (accents aside) in the reader's language, not by code
    positions = [page.index(f"?country={code}") for code in ("DZ", "CO", "EG")]
    assert positions == sorted(positions)
    assert "?country=KE" not in page  # no membership from Kenya: no choice for it


def test_filters_for_a_path_are_separate_classes_and_need_a_path():
    by_country = RegionFilter.for_path("country__network_region")
    by_office = RegionFilter.for_path("office__country__network_region", parameter_name="office_region")
    assert (by_country.field_path, by_country.parameter_name) == ("country__network_region", "region")
    assert (by_office.field_path, by_office.parameter_name) == (
        "office__country__network_region",
        "office_region",
    )
    assert RegionFilter.field_path == ""
    with pytest.raises(ImproperlyConfigured):
        CountryFilter(RequestFactory().get("/"), {}, Membership, admin.site._registry[Membership])


def test_waiting_column_shows_a_dash_for_what_no_longer_waits(moderator_client, make_membership):
    make_membership(
        status=Status.APPROVED,
        user__full_name="Decided Long Ago",
        applied_at=timezone.now() - timedelta(days=90),
    )
    make_membership(user__full_name="Still Waiting", applied_at=timezone.now() - timedelta(days=45))
    page = moderator_client.get(CHANGELIST).content.decode()
    cells = re.findall(r'<td class="field-waiting_since">(.*?)</td>', page)
    assert cells[0].startswith("1\xa0month") and cells[1] == "-"


def test_waiting_filter_offers_its_days_with_counts(moderator_client, make_membership):
    make_membership(applied_at=timezone.now() - timedelta(days=10))
    make_membership(applied_at=timezone.now() - timedelta(days=40))
    make_membership(status=Status.APPROVED, applied_at=timezone.now() - timedelta(days=40))
    page = moderator_client.get(CHANGELIST, {"_facets": "True"}).content.decode()
    for days, count in ((7, 2), (14, 1), (30, 1)):
        assert f"more than {days} days ({count})" in page


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_each_object_is_decided_in_its_own_transaction_and_refusals_are_reported(moderator, make_membership):
    from network.services.membership import membership_approve

    first, second = make_membership(), make_membership(user__full_name="Raced Applicant")

    def approve_unless_raced(*, membership, actor, note):
        if membership.pk == second.pk:
            Membership.objects.filter(pk=second.pk).update(organisation="half-written")
            raise ValidationError("Decided by someone else meanwhile.")
        return membership_approve(membership=membership, actor=actor, note=note)

    transition = TransitionAction(
        name="approve_test",
        label="Approve",
        service=approve_unless_raced,
        object_arg="membership",
        applies=lambda membership: membership.status == Status.APPLIED,
        permission="decide",
    )
    request = _request(moderator)
    model_admin = admin.site._registry[Membership]
    model_admin.transition_apply(request, transition, [first, second], note="")
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == Status.APPROVED
    assert (second.status, second.organisation) == (Status.APPLIED, "National Counter Terrorism Centre")
    texts = [str(m) for m in get_messages(request)]
    assert "Raced Applicant (Applied) was left unchanged: Decided by someone else meanwhile." in texts
    assert "Approve: done for 1 membership." in texts


def test_person_never_shows_an_address(make_user):
    nameless = make_user(full_name="", email="hidden@example.org")
    html = person_html(nameless)
    assert "hidden@example.org" not in html and "Member without a name" in html
    assert "hidden@example.org" in person_html(nameless, email=True)  # the staff lists add it themselves


def test_a_csv_export_streams_formula_safe_cells_with_a_byte_order_mark():
    rows = iter([["Name", "Phone"], ["王伟", "+86 10"], ["=cmd()", None]])
    response = csv_response(rows, filename="people")
    assert response.streaming and response["Cache-Control"] == "no-store"
    assert re.fullmatch(
        r'attachment; filename="people-\d{4}-\d{2}-\d{2}.csv"', response["Content-Disposition"]
    )
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content == "\ufeffName,Phone\r\n王伟,'+86 10\r\n'=cmd(),\r\n"


def test_the_index_counts_each_waiting_queue_the_user_may_view(moderator, make_membership, rf):
    make_membership(), make_membership(status=Status.APPROVED)
    request = rf.get("/admin/")
    request.user = moderator
    queues = {queue.label: queue for queue in awaiting_queues(request, admin.site)}
    assert queues["Memberships"].count == 1
    assert queues["Memberships"].url == CHANGELIST
    request.user = type(moderator).objects.create(email="no-rights@example.org", is_staff=True)
    assert awaiting_queues(request, admin.site) == []
