"""The triage desk's list and change page: waiting requests first and oldest first, the filters staff use (and
junk ignored), a flat number of queries, the admin index count, what the requester wrote read-only, the way to the
suggestions, the CSV export, and who may see any of it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisory.models import AdvisoryRequest, AdvisoryRequestEvent, Confidentiality, Modality, RequestStatus
from advisory.services.requests import request_note_add
from network.models import Country, Pillar, Theme
from tests.conftest import TOTP_SECRET
from tests.factories import AdvisoryRequestFactory, UserFactory

pytestmark = pytest.mark.django_db
S = RequestStatus
CHANGELIST = reverse("admin:advisory_advisoryrequest_changelist")


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def _change_url(request: AdvisoryRequest) -> str:
    return reverse("admin:advisory_advisoryrequest_change", args=[request.pk])


def _titles(response) -> list[str]:
    return [r.title for r in response.context["cl"].result_list]


def _staff_client(user) -> Client:
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


def test_waiting_requests_come_first_oldest_first_with_waiting_since(moderator_client):
    AdvisoryRequestFactory(title="Completed long ago", status=S.COMPLETED, status_changed_at=_ago(90))
    AdvisoryRequestFactory(title="New yesterday", status=S.NEW, status_changed_at=_ago(1))
    AdvisoryRequestFactory(title="Matching for a month", status=S.MATCHING, status_changed_at=_ago(31))
    AdvisoryRequestFactory(title="Triaged last week", status=S.TRIAGED, status_changed_at=_ago(7))
    AdvisoryRequestFactory(title="In progress", status=S.IN_PROGRESS, status_changed_at=_ago(60))
    response = moderator_client.get(CHANGELIST)
    titles = _titles(response)
    assert titles[:3] == ["Matching for a month", "Triaged last week", "New yesterday"]
    assert set(titles[3:]) == {"Completed long ago", "In progress"}
    page = response.content.decode()
    assert "waiting since" in page.lower()
    assert f"(since {_ago(31).date().isoformat()})" in page


@pytest.fixture
def three_requests(moderator, make_user):
    colleague = make_user(email="colleague@example.org", is_staff=True, full_name="Colleague Staff")
    AdvisoryRequestFactory(
        title="Kenyan plan", status=S.NEW, status_changed_at=_ago(40), owner=moderator,
        requested_by=UserFactory(email="amina@example.org"), need="Monitoring the Mombasa programmes.",
    )  # fmt: skip
    AdvisoryRequestFactory(
        title="Philippine borders", country=Country.objects.get(code="PH"), themes=["border-security"],
        pillars=[Pillar.PREVENT_COMBAT], modality=Modality.IN_COUNTRY_TRAINING, owner=colleague,
        status=S.TRIAGED, status_changed_at=_ago(2),
    )  # fmt: skip
    AdvisoryRequestFactory(
        title="Jordan victims", country=Country.objects.get(code="JO"), confidentiality=Confidentiality.MATCHED,
        status=S.COMPLETED, status_changed_at=_ago(50), modality=Modality.POLICY_REVIEW,
    )  # fmt: skip


ALL = {"Kenyan plan", "Philippine borders", "Jordan victims"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=triaged", {"Philippine borders"}),
        ("owner=mine", {"Kenyan plan"}),
        ("owner=unassigned", {"Jordan victims"}),
        ("owner=others", {"Philippine borders"}),
        ("region=asia", {"Philippine borders"}),
        ("country=JO", {"Jordan victims"}),
        (f"pillar={Pillar.PREVENT_COMBAT.value}", {"Philippine borders"}),
        ("waiting=30", {"Kenyan plan"}),  # the completed one waits for nobody
        ("modality__exact=policy-review", {"Jordan victims"}),
        ("confidentiality__exact=matched", {"Jordan victims"}),
        ("q=borders", {"Philippine borders"}),
        ("q=mombasa", {"Kenyan plan"}),
        ("q=amina@example.org", {"Kenyan plan"}),
        # Junk values are ignored: the whole list.
        ("owner=everyone", ALL),
        ("region=atlantis", ALL),
        ("pillar=9", ALL),
        ("theme=abc", ALL),
        ("waiting=3", ALL),
    ],
)
def test_filters_and_search(moderator_client, three_requests, query, expected):
    response = moderator_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert set(_titles(response)) == expected


def test_theme_filter_and_search_by_reference(moderator_client):
    border = AdvisoryRequestFactory(title="Border work", themes=["border-security"])
    AdvisoryRequestFactory(title="PCVE work")
    theme = Theme.objects.get(slug="border-security")
    assert _titles(moderator_client.get(f"{CHANGELIST}?theme={theme.pk}")) == ["Border work"]
    for term in (border.reference, border.reference.lower(), str(border.pk)):
        assert "Border work" in _titles(moderator_client.get(CHANGELIST, {"q": term}))
    assert _titles(moderator_client.get(CHANGELIST, {"q": border.reference})) == ["Border work"]


def test_the_list_shows_reference_country_owner_and_modality(moderator_client, moderator):
    request = AdvisoryRequestFactory(owner=moderator, modality=Modality.MENTORING)
    page = moderator_client.get(CHANGELIST).content.decode()
    assert request.reference in page and "Kenya" in page and "Mentoring" in page
    assert moderator.display_name in page


def test_the_changelist_runs_as_many_queries_for_50_requests_as_for_5(moderator_client, moderator):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(CHANGELIST).status_code == 200
        return len(captured)

    for n in range(5):
        AdvisoryRequestFactory(status=S.NEW, status_changed_at=_ago(n), owner=moderator)
    count()  # the first request of a session warms caches
    five = count()
    for n in range(45):
        AdvisoryRequestFactory(
            status=S.TRIAGED, status_changed_at=_ago(n), country=Country.objects.get(code="PH")
        )
    assert count() == five


def test_the_admin_index_counts_the_requests_waiting_for_staff(moderator_client):
    for status in (S.NEW, S.TRIAGED, S.MATCHING, S.IN_PROGRESS, S.COMPLETED, S.DECLINED):
        AdvisoryRequestFactory(status=status)
    response = moderator_client.get(reverse("admin:index"))
    queues = {queue.label: queue.count for queue in response.context["queues"]}
    assert queues["Advisory requests"] == 3


def test_the_change_page_shows_the_request_read_only_with_the_way_to_the_suggestions(
    moderator_client, filed_request
):
    page = moderator_client.get(_change_url(filed_request)).content.decode()
    for name in (
        "title",
        "need",
        "institution",
        "country",
        "confidentiality",
        "status",
        "owner",
        "timeframe",
    ):
        assert f'name="{name}"' not in page
    for name in ("themes", "pillars", "languages", "modality"):
        assert f'name="{name}"' in page
    assert "<strong>monitoring and evaluation</strong>" in page  # the need as rendered, not as typed
    assert "Staff only: an invited expert reads only the message of their invitation" in page
    match_url = reverse("admin:advisory_advisoryrequest_match", args=[filed_request.pk])
    assert f'href="{match_url}"' in page and "Suggestions and invitations" in page
    assert "Internal notes — staff only" in page
    for label in ("Triage", "Decline", "Assign an owner", "Assign to me"):
        assert f">{label}<" in page
    for label in ("Start finding experts", "Start the work", "Complete"):
        assert f">{label}</a>" not in page


def _classification(request: AdvisoryRequest, **changes) -> dict:
    data = {
        "themes": [str(t.pk) for t in request.themes.all()],
        "pillars": [str(p) for p in request.pillars],
        "languages": list(request.languages),
        "modality": request.modality,
    }
    for prefix in ("invitations", "proposed_offers", "events"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_staff_correct_the_classification_audited_and_nothing_the_requester_wrote(
    moderator_client, moderator, filed_request
):
    border = Theme.objects.get(slug="border-security")
    data = _classification(
        filed_request,
        themes=[str(border.pk)],
        modality=Modality.MENTORING,
        # Posted by hand: ignored, these are not on the form.
        title="Changed by staff",
        need="Changed",
        confidentiality=Confidentiality.MATCHED,
        status=S.COMPLETED,
    )
    response = moderator_client.post(_change_url(filed_request), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    filed_request.refresh_from_db()
    assert list(filed_request.themes.all()) == [border]
    assert filed_request.modality == Modality.MENTORING
    assert filed_request.title == "Monitoring our county action plans"
    assert filed_request.confidentiality == Confidentiality.STAFF
    assert filed_request.status == S.NEW
    event = AdvisoryRequestEvent.objects.filter(request=filed_request).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == (S.NEW, S.NEW, moderator)
    assert "themes" in event.note and "kind of help" in event.note and "languages" not in event.note


def test_saving_an_unchanged_request_writes_no_audit_row(moderator_client, filed_request):
    before = filed_request.events.count()
    response = moderator_client.post(_change_url(filed_request), _classification(filed_request))
    assert response.status_code == 302
    assert filed_request.events.count() == before


def test_the_csv_export_has_the_requests_but_not_the_need_nor_the_internal_notes(
    moderator_client, moderator, filed_request
):
    request_note_add(request=filed_request, actor=moderator, body="Secret staff remark")
    other = AdvisoryRequestFactory(title="=HYPERLINK(evil)", status=S.DECLINED)
    response = moderator_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [filed_request.pk, other.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Id", "Reference", "Title"]
    by_id = {row[0]: row for row in rows[1:]}
    row = dict(zip(rows[0], by_id[str(filed_request.pk)], strict=True))
    assert row["Reference"] == filed_request.reference and row["Country"] == "Kenya"
    assert set(row["Themes"].split("; ")) == {t.name for t in filed_request.themes.all()}
    assert row["Requester's email"] == filed_request.requested_by.email
    assert by_id[str(other.pk)][2] == "'=HYPERLINK(evil)"
    assert "monitoring and evaluation" not in text and "Secret staff remark" not in text


def test_the_moderators_group_has_exactly_the_advisory_permissions(moderator):
    group = Group.objects.get(name="Moderators")
    codenames = set(
        group.permissions.filter(content_type__app_label="advisory").values_list("codename", flat=True)
    )
    assert codenames == {
        "view_advisoryrequest", "change_advisoryrequest", "triage_advisoryrequest",
        "view_advisoryrequestevent", "view_requestnote", "add_requestnote",
        "view_invitation", "view_invitationevent", "view_proposedoffer",
        "view_offer", "change_offer", "view_offerevent", "view_offerinterest",
    }  # fmt: skip
    assert not moderator.has_perm("advisory.delete_advisoryrequest")
    assert not moderator.has_perm("advisory.change_requestnote")


def test_moderators_cannot_add_or_delete_a_request(moderator_client, filed_request):
    assert moderator_client.get(f"{CHANGELIST}add/").status_code == 403
    delete = reverse("admin:advisory_advisoryrequest_delete", args=[filed_request.pk])
    assert moderator_client.get(delete).status_code == 403
    moderator_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [filed_request.pk]})
    assert AdvisoryRequest.objects.filter(pk=filed_request.pk).exists()


def _desk_urls(request: AdvisoryRequest) -> list[str]:
    return [
        CHANGELIST,
        _change_url(request),
        reverse("admin:advisory_advisoryrequest_transition", args=[request.pk, "triage"]),
        reverse("admin:advisory_advisoryrequest_note_add", args=[request.pk]),
        reverse("admin:advisory_advisoryrequest_assign_to_me", args=[request.pk]),
    ]


def test_members_and_outsiders_get_nothing_of_the_desk(member_client, outsiders, filed_request):
    for client in (member_client, *outsiders.values()):
        for url in _desk_urls(filed_request):
            response = client.get(url)
            assert response.status_code == 302 and "/login/" in response["Location"], url
            response = client.post(
                url, {"body": "x", "action": "export_csv", "_selected_action": [filed_request.pk]}
            )
            assert response.status_code == 302 and "/login/" in response["Location"], url
    assert not filed_request.notes.exists()
    assert filed_request.events.count() == 1
    filed_request.refresh_from_db()
    assert filed_request.owner is None


def test_staff_without_the_advisory_permissions_get_nothing(make_user, filed_request):
    client = _staff_client(make_user(is_staff=True))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(_change_url(filed_request)).status_code == 403
    for url in _desk_urls(filed_request)[2:]:
        assert client.post(url, {"body": "A note", "confirm": "yes"}).status_code == 403, url
    assert not filed_request.notes.exists()
    assert filed_request.events.count() == 1
