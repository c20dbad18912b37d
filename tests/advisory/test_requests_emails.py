"""Every email a requester receives, in every language: no blank placeholder, the site's name, the note staff
addressed to them (the reason, when declined; the outcome, when completed) and the link they need."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail

from advisory.models import RequestStatus
from advisory.services.requests import (
    request_assign,
    request_complete,
    request_decline,
    request_file,
    request_rate,
    request_start,
    request_start_matching,
    request_triage,
    request_withdraw,
)
from network.models import Country, Theme
from tests.advisory.request_steps import advance, invite
from tests.factories import ExpertProfileFactory
from tests.network.test_emails import _assert_reads_well
from tests.network.test_emails import _loud_missing_variables as _loud_missing_variables  # autouse

pytestmark = pytest.mark.django_db
S = RequestStatus
LANGUAGES = [code for code, _name in settings.LANGUAGES]
NOTE = "Note from UNCCT"

# email → (the status to reach first, the step that sends it, the link it gives, what the email must quote)
EMAILS = {
    "advisory_request_received": (None, None, "/advisory/requests/{pk}/", None),
    "advisory_request_triaged": (None, request_triage, "/advisory/requests/{pk}/", NOTE),
    "advisory_request_matching": (S.TRIAGED, request_start_matching, "/advisory/requests/{pk}/", NOTE),
    "advisory_request_started": (S.MATCHING, request_start, "/advisory/requests/{pk}/", NOTE),
    "advisory_request_completed": (
        S.IN_PROGRESS,
        request_complete,
        "/advisory/requests/{pk}/rate/",
        "Two sessions",
    ),
    "advisory_request_declined": (S.MATCHING, request_decline, "/advisory/requests/{pk}/", NOTE),
}


def _requester(**kwargs):
    return ExpertProfileFactory(**{f"user__{k}": v for k, v in kwargs.items()}).user


def _file(requester):
    return request_file(
        actor=requester,
        fields={
            "institution": "Ministry of Interior",
            "country": Country.objects.get(code="TN"),
            "title": "Review of our draft law",
            "need": "A review of our draft law on countering the financing of terrorism.",
            "modality": "policy-review",
        },
        themes=Theme.objects.filter(slug="pcve"),
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAILS)
def test_every_request_email_reads_well_in_the_requesters_language(
    moderator, django_capture_on_commit_callbacks, language, template
):
    start, step, link, quoted = EMAILS[template]
    requester = _requester(preferred_language=language, full_name="Grace Wanjiku")
    with django_capture_on_commit_callbacks(execute=True):
        advisory_request = _file(requester)
    if step is not None:
        mail.outbox.clear()
        if start is not None:
            advance(advisory_request, start, moderator)
        if step is request_start:
            invite(advisory_request, moderator, accept=True)
        kwargs = {"note": NOTE}
        if step is request_complete:
            kwargs = {"outcome_summary": "Two sessions with the drafting committee."}
        with django_capture_on_commit_callbacks(execute=True):
            step(request=advisory_request, actor=moderator, **kwargs)
    [message] = mail.outbox
    assert message.to == [requester.email]
    _assert_reads_well(message, language, settings.SITE_URL + link.format(pk=advisory_request.pk))
    assert advisory_request.reference in message.subject
    assert "Review of our draft law" in message.body
    if quoted:
        assert quoted in message.body and quoted in message.alternatives[0][0]


def test_withdrawing_and_details_changes_email_nobody(
    member, moderator, filed_request, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_assign(request=filed_request, actor=moderator, owner=moderator)
        request_withdraw(request=filed_request, actor=member)
    assert mail.outbox == []
    other = advance(_file(_requester()), S.COMPLETED, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_rate(request=other, actor=other.requested_by, rating=5, what_changed="A lot")
    assert mail.outbox == []


def test_a_title_with_markup_is_plain_in_the_subject_and_escaped_in_the_html(
    moderator, django_capture_on_commit_callbacks
):
    requester = _requester()
    advisory_request = _file(requester)
    advisory_request.title = "Youth & <b>elders</b>"
    advisory_request.save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        request_decline(request=advisory_request, actor=moderator, note="Out of <i>scope</i>")
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert "<b>elders</b>" not in html and "&lt;b&gt;elders&lt;/b&gt;" in html
    assert "<i>scope</i>" not in html and "Out of <i>scope</i>" in message.body
