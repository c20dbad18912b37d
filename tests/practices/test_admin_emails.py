"""Every good-practice email in every language reads well: no blank placeholder, the site's name, the moderator's
note, and the link the submitter needs (their practices, the edit page, or the published practice)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail

from practices.models import PracticeStatus
from practices.services.workflow import (
    practice_archive,
    practice_publish,
    practice_reject,
    practice_request_changes,
    practice_restore,
    practice_start_review,
    practice_submit,
)
from tests.factories import GoodPracticeFactory, UserFactory
from tests.network.test_emails import _assert_reads_well
from tests.network.test_emails import _loud_missing_variables as _loud_missing_variables  # autouse

pytestmark = pytest.mark.django_db
S = PracticeStatus
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# email → (starting status, the service, the link it gives)
EMAILS = {
    "practice_submitted": (S.DRAFT, practice_submit, "/practices/mine/"),
    "practice_in_review": (S.SUBMITTED, practice_start_review, "/practices/mine/"),
    "practice_changes_requested": (S.IN_REVIEW, practice_request_changes, "/practices/{slug}/edit/"),
    "practice_published": (S.IN_REVIEW, practice_publish, "/practices/{slug}/"),
    "practice_rejected": (S.SUBMITTED, practice_reject, "/practices/mine/"),
    "practice_archived": (S.PUBLISHED, practice_archive, "/practices/mine/"),
    "practice_restored": (S.ARCHIVED, practice_restore, "/practices/{slug}/"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAILS)
def test_every_practice_email_reads_well_in_the_submitters_language(
    moderator, django_capture_on_commit_callbacks, language, template
):
    start, service, link = EMAILS[template]
    submitter = UserFactory(preferred_language=language, full_name="Grace Wanjiku")
    practice = GoodPracticeFactory(status=start, submitted_by=submitter, title="Mentors in Mombasa")
    with django_capture_on_commit_callbacks(execute=True):
        if service is practice_submit:
            service(practice=practice, actor=submitter)
        else:
            service(practice=practice, actor=moderator, note="Note from UNCCT")
    [message] = mail.outbox
    assert message.to == [submitter.email]
    _assert_reads_well(message, language, settings.SITE_URL + link.format(slug=practice.slug))
    assert "Mentors in Mombasa" in message.subject and "Mentors in Mombasa" in message.body
    if service is not practice_submit:
        assert "Note from UNCCT" in message.body and "Note from UNCCT" in message.alternatives[0][0]


def test_a_title_with_markup_is_plain_in_the_subject_and_escaped_in_the_html(
    moderator, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(status=S.IN_REVIEW, title="Youth & <b>elders</b>")
    with django_capture_on_commit_callbacks(execute=True):
        practice_publish(practice=practice, actor=moderator)
    [message] = mail.outbox
    assert "Youth & <b>elders</b>" in message.subject
    assert "<b>elders</b>" not in message.alternatives[0][0]
    assert "Youth &amp; &lt;b&gt;elders&lt;/b&gt;" in message.alternatives[0][0]
