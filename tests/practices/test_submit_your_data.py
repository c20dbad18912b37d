"""A member's practices in "Your data": in the download, and what account deletion removes or keeps."""

from __future__ import annotations

import pytest

from network.models import User
from network.services.accounts import account_delete
from network.your_data import account_export
from practices.models import GoodPractice, PracticeStatus
from practices.services.workflow import practice_request_changes
from tests.factories import ExpertProfileFactory, GoodPracticeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_download_holds_my_practices_with_versions_and_notes_from_staff_by_role():
    author = ExpertProfileFactory().user
    moderator = UserFactory(is_staff=True, full_name="Moderator Name")
    practice = GoodPracticeFactory(submitted_by=author, status=PracticeStatus.SUBMITTED, title="Mine")
    practice_request_changes(practice=practice, actor=moderator, note="Add sources.")
    GoodPracticeFactory(title="Someone else's")

    data = account_export(author)
    [exported] = data["good_practices"]
    assert exported["title"] == "Mine" and exported["status"] == "changes_requested"
    assert exported["history"][-1] == {
        "at": exported["history"][-1]["at"],
        "from": "submitted",
        "to": "changes_requested",
        "by": "staff",
        "note": "Add sources.",
    }
    assert "Moderator Name" not in str(data)


def test_deleting_my_account_removes_unpublished_practices_and_keeps_published_ones_without_me():
    author = ExpertProfileFactory().user
    for status in PracticeStatus.values:
        GoodPracticeFactory(submitted_by=author, status=status, title=status)
    other = GoodPracticeFactory(status=PracticeStatus.DRAFT, title="Someone else's draft")

    deletion = account_delete(user=author)

    assert not User.objects.filter(pk=author.pk).exists()
    kept = GoodPractice.objects.exclude(pk=other.pk)
    assert sorted(kept.values_list("title", flat=True)) == ["archived", "published"]
    assert set(kept.values_list("submitted_by", flat=True)) == {None}
    assert deletion.summary["good_practices_removed"] == 5
    assert deletion.summary["good_practices_kept_without_submitter"] == 2
