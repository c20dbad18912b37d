"""A published practice's page for members (practices/views.py ``_member_practice_page``): what every member in
good standing reads of it is rendered once and served from the cache; the reader's own part (the endorsement
form, their own hidden profile or practice, the submitter's links) never is; a change shows at once; a visitor,
an applicant or a suspended member gets nothing of what members read."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from network.services.membership import membership_suspend
from network.visibility import Visibility
from practices.models import PracticeStatus
from practices.services.endorsements import practice_endorse
from tests.clients import get_page, signed_in
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    """Signed in and seen once already (the "last active" stamp is written on a member's first page)."""
    client = signed_in(user)
    client.get(reverse("network:home"))
    return client


def _page(client: Client, url: str, status: int = 200) -> tuple[str, str]:
    """The page and every statement it ran, as one string."""
    page, queries = get_page(client, url, status)
    return page, "\n".join(queries)


def _practice(make_member, **kwargs):
    contact = make_member(user__full_name="Chidi Okafor")
    practice = GoodPracticeFactory(
        title="Mentoring returnees in Mombasa", visibility=Visibility.MEMBERS, **kwargs
    )
    practice.contact_experts.set([contact.expert_profile])
    return practice, contact


def test_members_read_the_page_from_the_cache(make_member):
    practice, _ = _practice(make_member)
    url = practice.get_absolute_url()
    one, another = make_member(), make_member()  # a new member changes the experts' version: made first
    first, built = _page(_signed_in(one), url)
    assert 'FROM "practices_goodpractice"' in built and "Mentoring returnees in Mombasa" in first
    page, served = _page(_signed_in(another), url)  # another member: the same page, not built again
    assert 'FROM "practices_goodpractice"' not in served and "experts_expertprofile" not in served
    assert served.count("SELECT") <= 4, served
    assert "Mentoring returnees in Mombasa" in page and "Chidi Okafor" in page


def test_the_page_follows_every_change_at_once(make_member, moderator):
    practice, contact = _practice(make_member)
    focal = make_member(user__full_name="Fatima Bello", membership__is_focal_point=True)
    reader = _signed_in(make_member())
    url = practice.get_absolute_url()
    _page(reader, url)
    practice.title = "Mentoring returnees in Mombasa and Kilifi"
    practice.save()
    page, _ = _page(reader, url)
    assert "Mentoring returnees in Mombasa and Kilifi" in page
    practice_endorse(practice=practice, user=focal)
    page, _ = _page(reader, url)
    assert "1 focal point endorses this practice." in page and "Fatima Bello" in page
    membership_suspend(membership=contact.membership, actor=moderator, notify=False)
    assert "Chidi Okafor" not in _page(reader, url)[0]
    practice.status = PracticeStatus.ARCHIVED
    practice.save()
    _page(reader, url, status=404)


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_a_readers_own_part_is_never_shared(make_member):
    practice, contact = _practice(make_member)
    url = practice.get_absolute_url()
    ada = make_member(membership__is_focal_point=True)
    bea = make_member(membership__is_focal_point=True)
    practice_endorse(practice=practice, user=ada)
    ada_client = _signed_in(ada)
    ada_page, _ = _page(ada_client, url)
    assert "Withdraw my endorsement" in ada_page
    bea_page, served = _page(_signed_in(bea), url)
    assert 'FROM "practices_goodpractice"' not in served  # from the cache, with Bea's own form around it
    assert "Endorse this practice" in bea_page and "Withdraw my endorsement" not in bea_page
    plain_page, _ = _page(_signed_in(make_member()), url)  # not a focal point: no form at all
    endorsements = plain_page.split('class="endorsements"')[1].split("</section>")[0]
    assert "<form" not in endorsements
    again, _ = _page(ada_client, url)  # the form's token is made for each page
    assert _tokens(ada_page) != _tokens(again)
    # The submitter gets their links; the others do not.
    submitter_page, _ = _page(_signed_in(practice.submitted_by), url)
    history = f"{url}history/"
    assert history in submitter_page and history not in bea_page
    # A contact expert whose profile is hidden is named to themselves only.
    contact.expert_profile.visibility = Visibility.HIDDEN
    contact.expert_profile.save()
    assert "Chidi Okafor" in _page(_signed_in(contact), url)[0]
    assert "Chidi Okafor" not in _page(_signed_in(bea), url)[0]


def test_a_submitters_draft_is_theirs_alone(make_member):
    submitter = make_member()
    draft = GoodPracticeFactory(
        title="A draft on prison dialogue", status=PracticeStatus.DRAFT, submitted_by=submitter
    )
    url = draft.get_absolute_url()
    _page(_signed_in(make_member()), url, status=404)
    assert "A draft on prison dialogue" in _page(_signed_in(submitter), url)[0]
    _page(_signed_in(make_member()), url, status=404)


def test_outsiders_get_nothing_of_what_members_read(make_member, outsiders):
    members_only, _ = _practice(make_member)
    public = GoodPracticeFactory(title="Open dialogue forums", visibility=Visibility.PUBLIC)
    focal = make_member(user__full_name="Fatima Bello", membership__is_focal_point=True)
    practice_endorse(practice=public, user=focal)
    member = _signed_in(make_member())
    assert "Fatima Bello" in _page(member, public.get_absolute_url())[0]
    _page(member, members_only.get_absolute_url())
    for name, client in outsiders.items():
        hidden = client.get(members_only.get_absolute_url())
        assert hidden.status_code == 404, name
        assert "Mentoring returnees in Mombasa" not in hidden.content.decode(), name
        page = client.get(public.get_absolute_url()).content.decode()
        assert "Open dialogue forums" in page and "Fatima Bello" not in page, name
