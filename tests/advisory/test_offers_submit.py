"""The offerer's pages: write an offer, save it, submit it, see the problems listed with everything kept, revise
it after the staff's note, take it back, close it; "my offers" with status, interest counts and notes."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from advisory.models import Offer, OfferStatus
from advisory.services.offers import interest_register, offer_request_changes
from network.models import Membership, Theme
from tests.factories import ExpertProfileFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NEW = reverse("advisory:offer_create")
MINE = reverse("advisory:offer_mine")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**overrides) -> dict:
    data = {
        "title": "CFT training for financial intelligence unit analysts",
        "kind": "training",
        "summary": "Five days on tracing the financing of terrorism, with case studies from the region.",
        "description": "Taught by **analysts** of our unit.",
        "themes": [Theme.objects.get(slug="cft").pk],
        "pillars": ["2"],
        "languages": ["en", "fr"],
        "delivery": "hybrid",
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-09",
        "capacity": "20",
        "eligibility": "Analysts of financial intelligence units in West Africa",
        "visibility": "members",
        "form_token": str(uuid.uuid4()),
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def offerer():
    return ExpertProfileFactory(organisation=OrganisationFactory(name="Financial Intelligence Centre")).user


def test_outsiders_cannot_reach_the_offerers_pages(outsiders, offer):
    edit = reverse("advisory:offer_edit", args=[offer.slug])
    for name, client in outsiders.items():
        for url in (NEW, MINE, edit):
            response = client.get(url)
            if name == "visitor":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
            else:
                assert response.status_code == 403, (name, url)
                assert "Financial" not in response.content.decode()


def test_the_blank_form_names_the_members_organisation(offerer):
    response = _client(offerer).get(NEW)
    assert response.status_code == 200
    assert response.context["form"].initial["organisation"] == offerer.expert_profile.organisation_id


def test_save_a_draft_then_submit_it(offerer, django_capture_on_commit_callbacks, mailoutbox):
    client = _client(offerer)
    response = client.post(NEW, _form())
    offer = Offer.objects.get(offered_by=offerer)
    assert response.status_code == 302 and response["Location"] == reverse(
        "advisory:offer_edit", args=[offer.slug]
    )
    assert offer.status == OfferStatus.DRAFT
    assert "<p>Taught by <strong>analysts</strong> of our unit.</p>" in offer.description_html
    assert list(offer.themes.values_list("slug", flat=True)) == ["cft"]
    assert (offer.languages, offer.pillars, offer.capacity) == (["en", "fr"], [2], 20)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("advisory:offer_edit", args=[offer.slug]), _form(action="submit", title="CFT training")
        )
    assert response.status_code == 302 and response["Location"] == MINE
    offer.refresh_from_db()
    assert (offer.status, offer.title) == (OfferStatus.SUBMITTED, "CFT training")
    assert offer.submitted_at is not None
    [email] = mailoutbox
    assert email.to == [offerer.email] and "CFT training" in email.subject


def test_the_same_form_sent_twice_makes_one_offer(offerer):
    client = _client(offerer)
    data = _form()
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert Offer.objects.filter(offered_by=offerer).count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_bad_input_is_explained_next_to_the_field_and_everything_typed_is_kept(offerer):
    response = _client(offerer).post(
        NEW, _form(title="", kind="", starts_on="2026-10-09", ends_on="2026-10-01", capacity="-3")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "kind", "ends_on", "capacity"}
    html = response.content.decode()
    assert "error-summary" in html and "The end date comes before the start date." in html
    assert "Analysts of financial intelligence units in West Africa" in html
    assert "Taught by **analysts** of our unit." in html
    assert not Offer.objects.exists()


def test_submitting_an_incomplete_offer_saves_it_and_lists_what_is_missing(offerer):
    response = _client(offerer).post(
        NEW, _form(action="submit", summary="", themes=[], languages=[], starts_on="", ends_on="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    for problem in (
        "Write a short summary.",
        "Choose at least one theme.",
        "Say in which languages it is offered.",
        "Give the dates, or say they are on request.",
    ):
        assert problem in html, problem
    offer = Offer.objects.get(offered_by=offerer)
    assert offer.status == OfferStatus.DRAFT
    assert response.context["offer"] == offer  # the page now posts to the saved draft
    assert "Analysts of financial intelligence units in West Africa" in html


def test_after_changes_are_requested_the_offerer_reads_the_note_revises_and_submits_again(offerer, moderator):
    offer = OfferFactory(offered_by=offerer, status=OfferStatus.SUBMITTED, title="Mentoring for analysts")
    offer_request_changes(offer=offer, actor=moderator, note="Say who may apply.", notify=False)
    client = _client(offerer)
    mine = client.get(MINE).content.decode()
    assert "Say who may apply." in mine and "Changes requested" in mine
    edit = reverse("advisory:offer_edit", args=[offer.slug])
    assert "Say who may apply." in client.get(edit).content.decode()
    client.post(edit, _form(action="submit", title="Mentoring for analysts"))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SUBMITTED and offer.eligibility.startswith("Analysts")


def test_an_offer_under_review_cannot_be_edited_but_can_be_taken_back(offerer):
    offer = OfferFactory(offered_by=offerer, status=OfferStatus.SUBMITTED)
    client = _client(offerer)
    edit = reverse("advisory:offer_edit", args=[offer.slug])
    assert client.get(edit)["Location"] == MINE
    client.post(edit, _form(title="Changed behind the staff's back"))
    offer.refresh_from_db()
    assert offer.title != "Changed behind the staff's back"
    client.post(edit, {"action": "withdraw"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_the_offerer_closes_a_published_offer(offerer):
    offer = OfferFactory(offered_by=offerer)
    _client(offerer).post(reverse("advisory:offer_edit", args=[offer.slug]), {"action": "close"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    assert offer.events.latest("pk").actor == offerer


def test_nobody_else_edits_withdraws_or_closes_an_offer(offerer, member_client, moderator_client):
    offer = OfferFactory(offered_by=offerer)
    edit = reverse("advisory:offer_edit", args=[offer.slug])
    for client in (member_client, moderator_client):
        assert client.get(edit).status_code == 404
        assert client.post(edit, {"action": "close"}).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED


def test_my_offers_lists_only_mine_with_status_and_interest_counts(offerer, make_member):
    published = OfferFactory(offered_by=offerer, title="Published course")
    OfferFactory(offered_by=offerer, title="My draft", status=OfferStatus.DRAFT)
    OfferFactory(title="Somebody else's offer")
    for _ in range(2):
        interest_register(offer=published, member=make_member())
    response = _client(offerer).get(MINE)
    html = response.content.decode()
    assert [o.title for o in response.context["offers"]] == ["My draft", "Published course"]
    assert "Somebody else" not in html
    assert "2 members registered interest" in html and "Close the offer" in html


def test_a_suspended_offerer_can_no_longer_write(offerer):
    Membership.objects.filter(user=offerer).update(status=Membership.Status.SUSPENDED)
    assert _client(offerer).post(NEW, _form()).status_code == 403
    assert not Offer.objects.exists()
