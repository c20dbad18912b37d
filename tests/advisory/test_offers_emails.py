"""Every offer email in every language reads well: no blank placeholder, the site's name, the staff's note, and
the link the offerer needs (their offers, the edit page, or the published offer)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail

from advisory.models import OfferStatus
from advisory.services.offers import (
    offer_close,
    offer_publish,
    offer_reject,
    offer_request_changes,
    offer_submit,
)
from tests.factories import OfferFactory, UserFactory
from tests.network.test_emails import _assert_reads_well
from tests.network.test_emails import _loud_missing_variables as _loud_missing_variables  # autouse

pytestmark = pytest.mark.django_db
S = OfferStatus
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# email → (starting status, the service, the link it gives)
EMAILS = {
    "advisory_offer_submitted": (S.DRAFT, offer_submit, "/advisory/offers/mine/"),
    "advisory_offer_changes_requested": (S.SUBMITTED, offer_request_changes, "/advisory/offers/{slug}/edit/"),
    "advisory_offer_published": (S.SUBMITTED, offer_publish, "/advisory/offers/{slug}/"),
    "advisory_offer_rejected": (S.SUBMITTED, offer_reject, "/advisory/offers/mine/"),
    "advisory_offer_closed": (S.PUBLISHED, offer_close, "/advisory/offers/mine/"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAILS)
def test_every_offer_email_reads_well_in_the_offerers_language(
    moderator, make_member, django_capture_on_commit_callbacks, language, template
):
    start, service, link = EMAILS[template]
    offerer = make_member(language=language, user__full_name="Grace Wanjiku")
    offer = OfferFactory(status=start, offered_by=offerer, title="Course for FIU analysts")
    with django_capture_on_commit_callbacks(execute=True):
        if service is offer_submit:
            service(offer=offer, actor=offerer)
        else:
            service(offer=offer, actor=moderator, note="Note from UNCCT")
    [message] = mail.outbox
    assert message.to == [offerer.email]
    _assert_reads_well(message, language, settings.SITE_URL + link.format(slug=offer.slug))
    assert "Course for FIU analysts" in message.subject and "Course for FIU analysts" in message.body
    if service is not offer_submit:
        assert "Note from UNCCT" in message.body and "Note from UNCCT" in message.alternatives[0][0]


def test_nobody_is_emailed_about_an_offer_whose_offerer_left(moderator, django_capture_on_commit_callbacks):
    offer = OfferFactory(status=S.SUBMITTED, offered_by=None)
    with django_capture_on_commit_callbacks(execute=True):
        offer_publish(offer=offer, actor=moderator)
    assert mail.outbox == []


def test_the_offerer_closing_their_own_offer_gets_no_email(django_capture_on_commit_callbacks):
    offerer = UserFactory()
    offer = OfferFactory(offered_by=offerer)
    with django_capture_on_commit_callbacks(execute=True):
        offer_close(offer=offer, actor=offerer)
    assert mail.outbox == []
