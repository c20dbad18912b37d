"""Staff decide on the triage desk: each step through the note page, in bulk and from the change page, through the
request services — an audit row with the actor and the note, the requester's email queued — owners assigned and
audited, internal notes added once and kept internal; a second POST changes nothing twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from advisory.models import AdvisoryRequest, AdvisoryRequestEvent, Invitation, InvitationStatus, RequestStatus
from tests.factories import AdvisoryRequestFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db
S = RequestStatus
CHANGELIST = reverse("admin:advisory_advisoryrequest_changelist")


def _transition_url(request: AdvisoryRequest, name: str) -> str:
    return reverse("admin:advisory_advisoryrequest_transition", args=[request.pk, name])


def _change_url(request: AdvisoryRequest) -> str:
    return reverse("admin:advisory_advisoryrequest_change", args=[request.pk])


def _accepted(request: AdvisoryRequest) -> AdvisoryRequest:
    Invitation.objects.create(
        request=request, expert=ExpertProfileFactory(), message="Help us", status=InvitationStatus.ACCEPTED
    )
    return request


# step → (a status it applies to, the status after, extra fields of its form)
STEPS = {
    "triage": (S.NEW, S.TRIAGED, {"owner": "me"}),
    "start_matching": (S.TRIAGED, S.MATCHING, {}),
    "start": (S.MATCHING, S.IN_PROGRESS, {}),
    "complete": (S.IN_PROGRESS, S.COMPLETED, {"outcome_summary": "Two workshops with the county teams."}),
    "decline": (S.NEW, S.DECLINED, {}),
}


@pytest.mark.parametrize("step", STEPS)
def test_each_bulk_step_goes_through_the_note_page_and_is_audited_with_actor_and_note(
    moderator_client, moderator, step
):
    source, target, extra = STEPS[step]
    extra = {name: moderator.pk if value == "me" else value for name, value in extra.items()}
    first = _accepted(AdvisoryRequestFactory(status=source, title="First request"))
    second = _accepted(AdvisoryRequestFactory(status=source, title="Second request"))
    untouched = AdvisoryRequestFactory(status=source, title="Not selected")
    data = {"action": step, "_selected_action": [first.pk, second.pk]}
    note_page = moderator_client.post(CHANGELIST, data)
    assert note_page.status_code == 200
    page = note_page.content.decode()
    assert "First request" in page and "Not selected" not in page
    assert "The requester reads this note" in page or "the requester reads it" in page
    response = moderator_client.post(CHANGELIST, {**data, **extra, "confirm": "yes", "note": "From the desk"})
    assert response.status_code == 302
    for request in (first, second):
        request.refresh_from_db()
        assert request.status == target
        event = request.events.latest("pk")
        assert (event.from_status, event.to_status, event.actor, event.note) == (
            source, target, moderator, "From the desk",
        )  # fmt: skip
        assert request.status_changed_at == event.created_at
    untouched.refresh_from_db()
    assert untouched.status == source


def test_a_change_page_button_applies_one_step_and_a_second_post_changes_nothing(moderator_client, moderator):
    request = AdvisoryRequestFactory(status=S.TRIAGED)
    url = _transition_url(request, "start_matching")
    assert moderator_client.get(url).status_code == 200
    for _ in range(2):
        response = moderator_client.post(url, {"confirm": "yes", "note": ""})
        assert response.status_code == 302 and response["Location"] == _change_url(request)
    request.refresh_from_db()
    assert request.status == S.MATCHING
    assert AdvisoryRequestEvent.objects.filter(request=request, to_status=S.MATCHING).count() == 1


def test_triage_names_me_as_owner_by_default_or_another_staff_member(moderator_client, moderator, make_user):
    colleague = make_user(is_staff=True, full_name="Colleague Staff")
    member = ExpertProfileFactory().user
    mine, theirs = AdvisoryRequestFactory(), AdvisoryRequestFactory()
    page = moderator_client.get(_transition_url(mine, "triage"))
    form = page.context["form"]
    assert form["owner"].value() == moderator.pk
    choices = {value for value, _label in form.fields["owner"].choices}
    assert colleague.pk in {getattr(v, "value", v) for v in choices}
    assert member.pk not in {getattr(v, "value", v) for v in choices}
    moderator_client.post(_transition_url(mine, "triage"), {"confirm": "yes", "owner": moderator.pk})
    moderator_client.post(_transition_url(theirs, "triage"), {"confirm": "yes", "owner": colleague.pk})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, mine.owner, theirs.status, theirs.owner) == (
        S.TRIAGED,
        moderator,
        S.TRIAGED,
        colleague,
    )


def test_a_member_cannot_be_made_owner(moderator_client):
    request = AdvisoryRequestFactory()
    member = ExpertProfileFactory().user
    response = moderator_client.post(
        _transition_url(request, "triage"), {"confirm": "yes", "owner": member.pk}
    )
    assert response.status_code == 200 and response.context["form"].errors["owner"]
    request.refresh_from_db()
    assert (request.status, request.owner) == (S.NEW, None)


def test_complete_needs_the_outcome_and_records_it(moderator_client, moderator):
    request = AdvisoryRequestFactory(status=S.IN_PROGRESS)
    url = _transition_url(request, "complete")
    response = moderator_client.post(url, {"confirm": "yes", "note": "Thanks to all"})
    assert response.status_code == 200
    assert "Record the outcome: what was delivered, to whom." in response.content.decode()
    assert response.context["form"]["note"].value() == "Thanks to all"  # what was typed stays
    request.refresh_from_db()
    assert request.status == S.IN_PROGRESS
    moderator_client.post(
        url, {"confirm": "yes", "note": "", "outcome_summary": "A review of the draft law."}
    )
    request.refresh_from_db()
    assert request.status == S.COMPLETED
    assert request.outcome_summary == "A review of the draft law." and request.completed_at is not None
    assert request.can_be_rated


def test_decline_needs_a_reason(moderator_client):
    request = AdvisoryRequestFactory(status=S.MATCHING)
    response = moderator_client.post(_transition_url(request, "decline"), {"confirm": "yes", "note": " "})
    assert response.status_code == 200 and response.context["form"].errors["note"]
    request.refresh_from_db()
    assert request.status == S.MATCHING
    moderator_client.post(
        _transition_url(request, "decline"), {"confirm": "yes", "note": "Outside our mandate."}
    )
    request.refresh_from_db()
    assert request.status == S.DECLINED
    assert request.events.latest("pk").note == "Outside our mandate."


def test_the_work_cannot_start_before_an_expert_accepted(moderator_client):
    request = AdvisoryRequestFactory(status=S.MATCHING, title="Nobody yet")
    response = moderator_client.post(_transition_url(request, "start"), {"confirm": "yes"}, follow=True)
    page = response.content.decode()
    assert "was left unchanged" in page and "No expert has accepted" in page
    request.refresh_from_db()
    assert request.status == S.MATCHING


def test_assigning_an_owner_is_audited_and_can_unassign(moderator_client, moderator, make_user):
    colleague = make_user(is_staff=True, full_name="Colleague Staff")
    first, second = AdvisoryRequestFactory(status=S.TRIAGED), AdvisoryRequestFactory(status=S.MATCHING)
    closed = AdvisoryRequestFactory(status=S.COMPLETED)
    data = {"action": "assign", "_selected_action": [first.pk, second.pk, closed.pk]}
    page = moderator_client.post(CHANGELIST, data)
    assert page.context["form"]["owner"].value() == moderator.pk
    response = moderator_client.post(
        CHANGELIST, {**data, "confirm": "yes", "owner": colleague.pk, "note": "Knows the region"}, follow=True
    )
    assert "was left unchanged" in response.content.decode()  # the completed one
    for request, status in ((first, S.TRIAGED), (second, S.MATCHING)):
        request.refresh_from_db()
        assert request.owner == colleague and request.status == status
        event = request.events.latest("pk")
        assert (event.from_status, event.to_status, event.actor) == (status, status, moderator)
        assert "Colleague Staff" in event.note and "Knows the region" in event.note
    closed.refresh_from_db()
    assert closed.owner is None
    moderator_client.post(_transition_url(first, "assign"), {"confirm": "yes", "owner": ""})
    first.refresh_from_db()
    assert first.owner is None


def test_assign_to_me_in_bulk_and_from_the_change_page(moderator_client, moderator):
    first, second = AdvisoryRequestFactory(), AdvisoryRequestFactory(status=S.MATCHING)
    moderator_client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.owner == moderator
    assert first.events.latest("pk").actor == moderator
    url = reverse("admin:advisory_advisoryrequest_assign_to_me", args=[second.pk])
    assert moderator_client.get(url).status_code == 405
    for _ in range(2):
        assert moderator_client.post(url)["Location"] == _change_url(second)
    second.refresh_from_db()
    assert second.owner == moderator
    assert second.events.filter(from_status=S.MATCHING, to_status=S.MATCHING).count() == 1  # once, not twice
    assert "Assign to me" not in moderator_client.get(_change_url(second)).content.decode()


def test_internal_notes_are_added_once_newest_first_and_labelled_internal(moderator_client, moderator):
    request = AdvisoryRequestFactory()
    url = reverse("admin:advisory_advisoryrequest_note_add", args=[request.pk])
    page = moderator_client.get(_change_url(request))
    token = page.context["note_form"]["form_token"].value()
    for _ in range(2):  # a double click
        response = moderator_client.post(url, {"body": "Called the focal point", "form_token": token})
        assert response["Location"] == f"{_change_url(request)}#internal-notes"
    token = moderator_client.get(_change_url(request)).context["note_form"]["form_token"].value()
    moderator_client.post(url, {"body": "Waiting for the ministry", "form_token": token})
    assert list(request.notes.values_list("body", "author")) == [
        ("Called the focal point", moderator.pk),
        ("Waiting for the ministry", moderator.pk),
    ]
    page = moderator_client.get(_change_url(request)).content.decode()
    assert "Internal notes — staff only" in page
    assert "Never shown to the requester or to the experts" in page
    assert page.index("Waiting for the ministry") < page.index("Called the focal point")
    assert request.events.count() == 0  # notes are not history the requester could be shown


def test_an_empty_note_is_refused_next_to_the_field(moderator_client):
    request = AdvisoryRequestFactory()
    url = reverse("admin:advisory_advisoryrequest_note_add", args=[request.pk])
    response = moderator_client.post(url, {"body": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write the note." in page and 'aria-invalid="true"' in page
    assert not request.notes.exists()
    assert moderator_client.get(url).status_code == 405
