"""The forum queues in the admin: flags and waiting posts first, the oldest at the top, with "waiting since";
each decision through the note page, in bulk and from the change page; exactly the Moderators' permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from forums.models import (
    Category,
    Flag,
    FlagReason,
    FlagStatus,
    ForumSettings,
    Post,
    PostStatus,
    QuickUpdate,
    Thread,
    ThreadStatus,
)
from forums.services.flags import post_flag
from network.admin.awaiting import awaiting_queues
from network.models import Membership
from tests.factories import ExpertProfileFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db
FLAGS = reverse("admin:forums_flag_changelist")
POSTS = reverse("admin:forums_post_changelist")
THREADS = reverse("admin:forums_thread_changelist")


def _flag(post=None, *, days_ago: int = 0, reason=FlagReason.SPAM) -> Flag:
    flag = post_flag(post=post or PostFactory(), by=ExpertProfileFactory().user, reason=reason, details="")
    Flag.objects.filter(pk=flag.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return flag


def test_the_flag_queue_lists_open_flags_first_oldest_first_with_the_post(moderator_client):
    recent, old = _flag(days_ago=1), _flag(days_ago=9)
    decided = _flag(days_ago=20)
    Flag.objects.filter(pk=decided.pk).update(status=FlagStatus.DISMISSED)
    response = moderator_client.get(FLAGS)
    assert [f.pk for f in response.context["cl"].result_list] == [old.pk, recent.pk, decided.pk]
    html = response.content.decode()
    assert "Mombasa" in html and "Mentoring networks" in html and "(since " in html
    assert old.post.author.email in html
    waiting = moderator_client.get(FLAGS, {"waiting": "7"}).context["cl"].result_list
    assert [f.pk for f in waiting] == [old.pk]
    by_reason = moderator_client.get(FLAGS, {"reason__exact": "abuse"}).context["cl"].result_list
    assert list(by_reason) == []


def test_the_admin_index_counts_what_waits(moderator, rf):
    _flag()
    Flag.objects.filter(pk=_flag().pk).update(status=FlagStatus.DISMISSED)
    PostFactory(status=PostStatus.PENDING)
    request = rf.get("/admin/")
    request.user = moderator
    queues = {q.label: q.count for q in awaiting_queues(request, admin.site)}
    assert queues["Flags"] == 1 and queues["Posts"] == 1


def test_upholding_flags_in_bulk_hides_each_post_and_tells_each_author(
    moderator_client, moderator, django_capture_on_commit_callbacks
):
    first, second, untouched = _flag(), _flag(), _flag()
    data = {"action": "uphold", "_selected_action": [first.pk, second.pk]}
    page = moderator_client.post(FLAGS, data)
    assert page.status_code == 200 and "Mombasa" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(FLAGS, {**data, "confirm": "yes", "note": "Advertising"})
    assert response.status_code == 302
    for flag in (first, second):
        flag.refresh_from_db()
        assert flag.status == FlagStatus.UPHELD and flag.events.latest("pk").actor == moderator
        assert Post.objects.get(pk=flag.post_id).status == PostStatus.HIDDEN
    untouched.refresh_from_db()
    assert untouched.status == FlagStatus.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.post.author.email, second.post.author.email])


def test_a_post_is_hidden_from_its_change_page_only_with_a_reason(moderator_client):
    post = PostFactory()
    change = reverse("admin:forums_post_change", args=[post.pk])
    html = moderator_client.get(change).content.decode()
    assert ">Hide</a>" in html and ">Approve</a>" not in html and "Suspend this member" in html
    url = reverse("admin:forums_post_transition", args=[post.pk, "hide"])
    refused = moderator_client.post(url, {"confirm": "yes", "note": ""})
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
    assert moderator_client.post(url, {"confirm": "yes", "note": "Insults"}).status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.events.get().note == "Insults"


def test_the_premoderation_queue_puts_waiting_posts_first_and_approves_in_bulk(moderator_client):
    visible = PostFactory()
    newer = PostFactory(status=PostStatus.PENDING)
    older = PostFactory(status=PostStatus.PENDING, created_at=timezone.now() - timedelta(days=3))
    response = moderator_client.get(POSTS)
    assert [p.pk for p in response.context["cl"].result_list] == [older.pk, newer.pk, visible.pk]
    data = {"action": "approve", "_selected_action": [older.pk, newer.pk, visible.pk]}
    result = moderator_client.post(POSTS, {**data, "confirm": "yes", "note": ""}, follow=True)
    assert {p.status for p in Post.objects.filter(pk__in=[older.pk, newer.pk])} == {PostStatus.VISIBLE}
    assert any("left unchanged" in str(m) for m in result.context["messages"])  # the visible one
    assert not moderator_client.get(POSTS, {"status__exact": "pending"}).context["cl"].result_list


def test_the_post_list_filters_by_category_and_searches_authors(moderator_client):
    youth = PostFactory()
    other = PostFactory(thread=ThreadFactory(category=Category.objects.exclude(slug="youth").first()))
    by_category = moderator_client.get(POSTS, {"category": str(youth.thread.category_id)}).context["cl"]
    assert [p.pk for p in by_category.result_list] == [youth.pk]
    found = moderator_client.get(POSTS, {"q": other.author.email}).context["cl"].result_list
    assert [p.pk for p in found] == [other.pk]


def test_the_suspend_link_leads_to_the_membership_note_page(moderator_client):
    post = PostFactory()
    membership = Membership.objects.get(user=post.author)
    html = moderator_client.get(reverse("admin:forums_post_change", args=[post.pk])).content.decode()
    url = reverse("admin:network_membership_transition", args=[membership.pk, "suspend"])
    assert url in html
    moderator_client.post(url, {"confirm": "yes", "note": "Repeated abuse"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.SUSPENDED


def test_moving_and_merging_threads_ask_for_the_target(moderator_client):
    thread, target = PostFactory().thread, PostFactory().thread
    other = Category.objects.exclude(pk=thread.category_id).first()
    move = reverse("admin:forums_thread_transition", args=[thread.pk, "move"])
    assert 'name="category"' in moderator_client.get(move).content.decode()
    moderator_client.post(move, {"confirm": "yes", "category": other.pk, "note": ""})
    assert Thread.objects.get(pk=thread.pk).category_id == other.pk
    merge = reverse("admin:forums_thread_transition", args=[thread.pk, "merge"])
    moderator_client.post(merge, {"confirm": "yes", "target": target.pk, "note": "Same topic"})
    assert Thread.objects.get(pk=thread.pk).status == ThreadStatus.HIDDEN
    assert Post.objects.filter(thread=target).count() == 2


def test_bulk_lock_and_pin(moderator_client):
    threads = [ThreadFactory(), ThreadFactory()]
    ids = [t.pk for t in threads]
    for action in ("lock", "pin"):
        moderator_client.post(
            THREADS, {"action": action, "_selected_action": ids, "confirm": "yes", "note": ""}
        )
    assert set(Thread.objects.filter(pk__in=ids).values_list("status", "is_pinned")) == {("locked", True)}


def test_quick_updates_are_hidden_with_a_note_in_the_change_history(moderator_client, moderator):
    update = QuickUpdate.objects.create(author=ExpertProfileFactory().user, body="Our report is out")
    url = reverse("admin:forums_quickupdate_transition", args=[update.pk, "hide"])
    moderator_client.post(url, {"confirm": "yes", "note": "Spam link"})
    update.refresh_from_db()
    assert update.is_hidden
    entry = LogEntry.objects.get(object_id=str(update.pk))
    assert entry.user == moderator and "Spam link" in entry.change_message


def test_forum_settings_are_one_row_never_deleted(moderator_client):
    assert not ForumSettings.objects.exists()  # reading the switches never writes; the admin saves the row
    changelist = reverse("admin:forums_forumsettings_changelist")
    response = moderator_client.get(changelist)
    assert response.status_code == 302 and response["Location"].endswith("/1/change/")
    assert moderator_client.get(f"{changelist}add/").status_code == 403
    assert moderator_client.get(reverse("admin:forums_forumsettings_delete", args=[1])).status_code == 403


def test_categories_are_edited_but_counters_are_not(moderator_client):
    category = Category.objects.get(slug="youth")
    page = moderator_client.get(reverse("admin:forums_category_change", args=[category.pk])).content.decode()
    assert 'name="name"' in page and 'name="thread_count"' not in page and 'name="slug"' not in page


def test_the_moderators_group_has_exactly_the_forum_permissions(moderator):
    group = Group.objects.get(name="Moderators")
    codenames = set(
        group.permissions.filter(content_type__app_label="forums").values_list("codename", flat=True)
    )
    assert codenames == {
        "view_flag", "change_flag", "view_flagevent",
        "view_post", "change_post", "view_postevent", "view_postattachment",
        "view_thread", "change_thread", "view_threadevent",
        "view_category", "change_category",
        "view_forumsettings", "change_forumsettings",
        "view_quickupdate", "change_quickupdate",
        "view_consultation", "add_consultation", "change_consultation",
        "view_consultationsummary", "add_consultationsummary", "change_consultationsummary",
        "view_newsitem", "add_newsitem", "change_newsitem", "delete_newsitem",
    }  # fmt: skip
    for codename in ("delete_post", "add_post", "delete_thread", "delete_flag", "add_category"):
        assert not moderator.has_perm(f"forums.{codename}")


def test_a_member_gets_nothing_of_the_forum_admin(member_client):
    flag = _flag()
    urls = [FLAGS, POSTS, THREADS, reverse("admin:forums_post_transition", args=[flag.post_id, "hide"])]
    for url in urls:
        response = member_client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    member_client.post(FLAGS, {"action": "uphold", "_selected_action": [flag.pk], "confirm": "yes"})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
