"""The good-practice queue in the admin: waiting first and oldest first, filters that ignore junk, the count on
the admin index, content edits through the service, the preview link, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.models import Pillar, Theme
from network.visibility import Visibility
from practices.models import GoodPractice, GoodPracticeEvent, PracticeStatus
from practices.search import practice_search_query
from practices.services.moderation import practice_staff_edit
from practices.services.workflow import practice_submit
from tests.conftest import TOTP_SECRET
from tests.factories import GoodPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db
S = PracticeStatus
CHANGELIST = reverse("admin:practices_goodpractice_changelist")


def _change_url(practice: GoodPractice) -> str:
    return reverse("admin:practices_goodpractice_change", args=[practice.pk])


def _titles(response) -> list[str]:
    return [p.title for p in response.context["cl"].result_list]


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_waiting_practices_come_first_oldest_first_with_waiting_since(moderator_client):
    GoodPracticeFactory(title="Published long ago", submitted_at=_ago(90))
    GoodPracticeFactory(title="Submitted yesterday", status=S.SUBMITTED, submitted_at=_ago(1))
    GoodPracticeFactory(title="In review for a month", status=S.IN_REVIEW, submitted_at=_ago(31))
    GoodPracticeFactory(title="A draft", status=S.DRAFT)
    response = moderator_client.get(CHANGELIST)
    titles = _titles(response)
    assert titles[:2] == ["In review for a month", "Submitted yesterday"]
    assert set(titles[2:]) == {"Published long ago", "A draft"}
    page = response.content.decode()
    assert "waiting since" in page.lower()
    assert f"(since {_ago(31).date().isoformat()})" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=submitted", {"Kenyan youth"}),
        (f"pillar={Pillar.PREVENT_COMBAT.value}", {"Border training"}),
        ("region=asia", {"Border training"}),
        ("country=JO", {"Jordan CSOs"}),
        ("language=fr", {"Jordan CSOs"}),
        ("visibility__exact=members", {"Jordan CSOs"}),
        ("waiting=30", {"Kenyan youth"}),
        ("q=recruitment", {"Kenyan youth"}),
        ("q=grace@example.org", {"Border training"}),
        # Junk values are ignored: the whole list.
        ("pillar=9", {"Kenyan youth", "Border training", "Jordan CSOs"}),
        ("region=atlantis", {"Kenyan youth", "Border training", "Jordan CSOs"}),
        ("language=xx", {"Kenyan youth", "Border training", "Jordan CSOs"}),
        ("theme=abc", {"Kenyan youth", "Border training", "Jordan CSOs"}),
    ],
)
def test_filters_and_search(moderator_client, query, expected):
    GoodPracticeFactory(
        title="Kenyan youth", status=S.SUBMITTED, submitted_at=_ago(40),
        summary="Mentors reduce recruitment in Mombasa.",
    )  # fmt: skip
    GoodPracticeFactory(
        title="Border training", countries=["PH"], pillars=[Pillar.PREVENT_COMBAT], themes=["border-security"],
        submitted_by=UserFactory(email="grace@example.org"), summary="Trainers trained.",
    )  # fmt: skip
    GoodPracticeFactory(
        title="Jordan CSOs", countries=["JO"], language="fr", visibility=Visibility.MEMBERS,
        status=S.IN_REVIEW, submitted_at=_ago(2), summary="Des organisations.",
    )  # fmt: skip
    response = moderator_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert set(_titles(response)) == expected


def test_theme_filter(moderator_client):
    GoodPracticeFactory(title="Gender work", themes=["gender"])
    GoodPracticeFactory(title="PCVE work")
    gender = Theme.objects.get(slug="gender")
    assert _titles(moderator_client.get(f"{CHANGELIST}?theme={gender.pk}")) == ["Gender work"]


def test_the_list_shows_countries_language_and_submitter(moderator_client):
    GoodPracticeFactory(
        title="Two countries",
        countries=["KE", "ET"],
        language="fr",
        submitted_by=UserFactory(full_name="Amina Yusuf"),
    )
    page = moderator_client.get(CHANGELIST).content.decode()
    assert "Ethiopia, Kenya" in page or "Kenya, Ethiopia" in page
    assert "French" in page and "Amina Yusuf" in page


def test_the_changelist_runs_as_many_queries_for_50_practices_as_for_5(moderator_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(CHANGELIST).status_code == 200
        return len(captured)

    for n in range(5):
        GoodPracticeFactory(status=S.SUBMITTED, countries=["KE", "JO"], submitted_at=_ago(n))
    count()  # the first request of a session warms caches (content types, the session)
    five = count()
    for n in range(45):
        GoodPracticeFactory(status=S.IN_REVIEW, countries=["PH"], submitted_at=_ago(n))
    assert count() == five


def test_the_admin_index_counts_what_waits_in_each_queue(moderator_client, make_membership):
    GoodPracticeFactory(status=S.SUBMITTED)
    GoodPracticeFactory(status=S.IN_REVIEW)
    GoodPracticeFactory(status=S.CHANGES_REQUESTED)
    GoodPracticeFactory()
    make_membership()
    response = moderator_client.get(reverse("admin:index"))
    page = response.content.decode()
    assert "Waiting for a decision" in page
    queues = {queue.label: queue.count for queue in response.context["queues"]}
    assert queues["Good practices"] == 2
    assert queues["Memberships"] == 1
    assert f'href="{CHANGELIST}"' in page


def test_the_index_shows_no_queue_to_staff_who_may_not_view_it(make_user):
    staff = make_user(is_staff=True)
    TOTP.activate(staff, TOTP_SECRET)  # staff without it are sent to enrolment first
    client = Client()
    client.force_login(staff)
    GoodPracticeFactory(status=S.SUBMITTED)
    response = client.get(reverse("admin:index"))
    assert "Waiting for a decision" not in response.content.decode()


def test_status_is_read_only_and_staff_content_edits_are_audited_rendered_and_searchable(
    moderator_client, moderator
):
    practice = GoodPracticeFactory(status=S.IN_REVIEW, title="Old title")
    page = moderator_client.get(_change_url(practice)).content.decode()
    assert 'name="status"' not in page
    data = {
        "title": "Mentoring against recruitment", "summary": practice.summary, "body": "A **bold** claim.",
        "outcomes": "", "lessons": "", "safeguards": "", "language": "en", "visibility": "public",
        "countries": ["KE"], "pillars": [str(Pillar.CONDITIONS_CONDUCIVE.value)],
        "themes": [str(t.pk) for t in practice.themes.all()], "keywords": "mentoring", "organisations": [],
        "other_organisations": "", "start_year": "2019", "end_year": "", "target_groups": ["youth"],
        "contact_experts": [], "status": S.PUBLISHED,
        "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0", "links-0-title": "Evaluation",
        "links-0-url": "example.org/evaluation", "links-0-position": "0",
    }  # fmt: skip
    for prefix in ("attachments", "events", "versions", "endorsements"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = moderator_client.post(_change_url(practice), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    practice.refresh_from_db()
    assert practice.status == S.IN_REVIEW  # a posted status is ignored
    assert practice.title == "Mentoring against recruitment"
    assert practice.body_html.strip() == "<p>A <strong>bold</strong> claim.</p>"
    assert [link.url for link in practice.links.all()] == ["https://example.org/evaluation"]
    event = GoodPracticeEvent.objects.filter(practice=practice).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == (S.IN_REVIEW, S.IN_REVIEW, moderator)
    assert "title" in event.note and "description" in event.note and "sources and links" in event.note
    assert "summary" not in event.note
    assert GoodPractice.objects.filter(search_vector=practice_search_query("recruitment")).get() == practice


def test_saving_an_unchanged_practice_writes_no_audit_row(moderator):
    practice = GoodPracticeFactory()
    practice_staff_edit(practice=practice, actor=moderator, changed=["status"])
    assert not GoodPracticeEvent.objects.filter(practice=practice).exists()


def test_the_change_page_links_to_the_reader_page(moderator_client):
    practice = GoodPracticeFactory(status=S.SUBMITTED, slug="youth-mentoring")
    page = moderator_client.get(_change_url(practice)).content.decode()
    assert '<a href="/practices/youth-mentoring/">Preview as readers will see it</a>' in page


def test_the_change_page_shows_history_versions_and_only_the_transitions_that_apply(moderator_client):
    practice = GoodPracticeFactory(status=S.DRAFT, title="Versioned")
    practice_submit(practice=practice, actor=practice.submitted_by)
    page = moderator_client.get(_change_url(practice)).content.decode()
    assert "Community mentors" not in page  # the version shows the text as written
    assert "The programme trained **community** mentors" in page
    assert "Submitted versions" in page and "Moderation history" in page
    for label in ("Start review", "Request changes", "Publish", "Reject"):
        assert f">{label}</a>" in page
    assert ">Archive</a>" not in page and ">Publish again</a>" not in page


def test_the_moderators_group_has_exactly_the_practice_permissions(moderator):
    group = Group.objects.get(name="Moderators")
    codenames = set(
        group.permissions.filter(content_type__app_label="practices").values_list("codename", flat=True)
    )
    assert codenames == {
        "view_goodpractice", "change_goodpractice",
        "view_goodpracticeevent", "view_practiceversion", "view_endorsement",
        "view_practicelink", "add_practicelink", "change_practicelink", "delete_practicelink",
        "view_practiceattachment",
        "view_handbook", "add_handbook", "change_handbook", "delete_handbook",
        "view_handbookentry", "add_handbookentry", "change_handbookentry", "delete_handbookentry",
        "view_handbookbuild", "add_handbookbuild",
    }  # fmt: skip
    assert not moderator.has_perm("practices.delete_goodpractice")
    assert not moderator.has_perm("practices.add_goodpractice")


def test_moderators_cannot_add_or_delete_a_practice(moderator_client):
    practice = GoodPracticeFactory()
    assert moderator_client.get(f"{CHANGELIST}add/").status_code == 403
    delete = reverse("admin:practices_goodpractice_delete", args=[practice.pk])
    assert moderator_client.get(delete).status_code == 403
    assert moderator_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [practice.pk]})
    assert GoodPractice.objects.filter(pk=practice.pk).exists()


def test_a_member_gets_nothing_of_the_admin(member_client):
    practice = GoodPracticeFactory(status=S.SUBMITTED)
    for url in (CHANGELIST, _change_url(practice), f"{_change_url(practice)}../transition/publish/"):
        response = member_client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = member_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [practice.pk]})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED
