"""Filing a request: the form prefilled from the membership, the focal point's "on behalf of my institution",
bad input kept with a message next to the field, and a form sent twice filing one request."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from advisory.models import AdvisoryRequest, Confidentiality, Modality, RequestStatus
from network.idempotency import form_token_new
from network.models import Country, Membership, Pillar, Theme

pytestmark = pytest.mark.django_db
URL = reverse("advisory:request_create")


def _data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "institution": "Financial Intelligence Unit",
        "country": "GH",
        "title": "Training on terrorist-financing analysis",
        "need": "Our analysts need **training** on typologies of terrorist financing.",
        "themes": [Theme.objects.get(slug="pcve").pk],
        "pillars": [Pillar.PREVENT_COMBAT.value],
        "languages": ["en", "fr"],
        "modality": Modality.IN_COUNTRY_TRAINING,
        "timeframe": "quarter",
        "confidentiality": Confidentiality.MATCHED,
        "form_token": str(form_token_new()),
    }
    data.update(overrides)
    return data


def test_the_form_starts_from_the_members_organisation_and_country(member, member_client):
    Membership.objects.filter(user=member).update(organisation="Ghana Police Service", country="GH")
    page = member_client.get(URL).content.decode()
    assert 'value="Ghana Police Service"' in page
    assert '<option value="GH" selected>' in page
    # Every kind of help, timeframe and both confidentiality levels with their plain explanation.
    for modality in Modality:
        assert f'value="{modality.value}"' in page
    assert "The network&#x27;s staff and the experts invited to help" in page
    assert 'name="form_token"' in page
    assert "on_behalf_of_institution" not in page  # only a focal point may file for their institution


def test_a_member_files_a_request_and_is_told_it_arrived(
    member, member_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(URL, _data())
    advisory_request = AdvisoryRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("advisory:request_detail", args=[advisory_request.pk])
    assert advisory_request.requested_by == member
    assert advisory_request.status == RequestStatus.NEW
    assert advisory_request.country == Country.objects.get(code="GH")
    assert advisory_request.languages == ["en", "fr"]
    assert advisory_request.pillars == [Pillar.PREVENT_COMBAT]
    assert advisory_request.confidentiality == Confidentiality.MATCHED
    assert not advisory_request.on_behalf_of_institution
    assert "<strong>training</strong>" in advisory_request.need_html
    assert list(advisory_request.themes.values_list("slug", flat=True)) == ["pcve"]
    assert advisory_request.events.get().to_status == RequestStatus.NEW
    [message] = mail.outbox
    assert message.to == [member.email] and advisory_request.reference in message.subject
    page = member_client.get(response["Location"]).content.decode()
    assert advisory_request.reference in page and "reached the network" in page


def test_the_same_form_sent_twice_files_one_request(member_client):
    data = _data()
    first = member_client.post(URL, data)
    second = member_client.post(URL, data)
    assert AdvisoryRequest.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_request_without_need_or_country_keeps_what_was_typed(member_client):
    response = member_client.post(URL, _data(need="   ", country="", title="Keep this title"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say what you need, in your own words." in page
    assert "Choose the country that needs the help." in page
    assert 'href="#id_need"' in page and 'href="#id_country"' in page  # the error summary links to the field
    assert 'value="Keep this title"' in page
    assert 'value="Financial Intelligence Unit"' in page
    assert re.search(r'value="in-country-training"[^>]*checked', page)
    assert re.search(r'value="fr"[^>]*checked', page) and not re.search(r'value="ar"[^>]*checked', page)
    assert not AdvisoryRequest.objects.exists()


def test_a_focal_point_may_file_for_their_institution(make_member):
    focal = make_member(membership__is_focal_point=True)
    client = Client()
    client.force_login(focal)
    assert "on_behalf_of_institution" in client.get(URL).content.decode()
    client.post(URL, _data(on_behalf_of_institution="on"))
    assert AdvisoryRequest.objects.get().on_behalf_of_institution


def test_a_member_who_is_not_a_focal_point_cannot_file_for_an_institution(member_client):
    member_client.post(URL, _data(on_behalf_of_institution="on"))
    assert not AdvisoryRequest.objects.get().on_behalf_of_institution
