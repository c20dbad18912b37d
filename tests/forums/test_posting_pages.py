"""The pages members write with: what they see, what they are told, what is kept, and who is kept out."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forums.cards import cards_for_posts
from forums.models import Category, Post, PostAttachment, Thread, ThreadStatus
from forums.services.posting import post_reply, thread_start
from practices.models import PracticeStatus
from tests.factories import GoodPracticeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    return thread_start(
        category=Category.objects.get(slug="youth"), author=member, title="Mentoring", body="How?"
    )


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("map.png", buffer.getvalue(), content_type="image/png")


def _reply(client, thread, body="Five per mentor", **extra):
    data = {"body": body, "form_token": str(uuid.uuid4()), **extra}
    return client.post(reverse("forums:reply", args=[thread.pk]), data)


def test_a_member_starts_a_thread_and_lands_on_its_first_post(member_client):
    url = reverse("forums:thread_new", args=["youth"])
    page = member_client.get(url)
    assert page.status_code == 200 and 'name="form_token"' in page.content.decode()
    response = member_client.post(
        url,
        {
            "title": "Youth councils",
            "body": "Who runs one?",
            "keywords": "youth, councils",
            "form_token": uuid.uuid4(),
        },
    )
    thread = Thread.objects.get()
    assert response["Location"] == thread.posts.get(number=1).get_absolute_url()
    assert thread.title == "Youth councils" and sorted(thread.keywords.names()) == ["councils", "youth"]


def test_a_double_submit_creates_one_thread_and_one_reply(member_client, thread):
    token = str(uuid.uuid4())
    data = {"title": "Twice", "body": "Sent twice", "form_token": token}
    url = reverse("forums:thread_new", args=["youth"])
    first, second = member_client.post(url, data), member_client.post(url, data)
    assert Thread.objects.filter(title="Twice").count() == 1
    started = Thread.objects.get(title="Twice")
    assert first["Location"] == started.posts.get().get_absolute_url()
    assert second["Location"] == started.get_absolute_url()  # the same discussion, not a second one
    token = str(uuid.uuid4())
    first = _reply(member_client, thread, form_token=token)
    second = _reply(member_client, thread, form_token=token)
    assert thread.posts.count() == 2
    assert first["Location"] == second["Location"] == thread.posts.get(number=2).get_absolute_url()


@pytest.mark.parametrize(
    ("body", "message"), [("", "Write something first."), ("x" * 102_400, "the limit is 20,000")]
)
def test_a_refused_reply_keeps_the_text(member_client, thread, body, message):
    response = _reply(member_client, thread, body=body)
    content = response.content.decode()
    assert response.status_code == 400 and message in content
    if body:
        assert body in content  # the text is back in the form
    assert thread.posts.count() == 1


def test_a_locked_thread_says_why_and_keeps_the_text(member_client, thread):
    Thread.objects.filter(pk=thread.pk).update(status=ThreadStatus.LOCKED)
    response = _reply(member_client, thread, body="My careful answer")
    content = response.content.decode()
    assert "locked by a moderator" in content and "My careful answer" in content
    assert (
        member_client.get(reverse("forums:reply", args=[thread.pk])).content.decode().count("<textarea") == 0
    )


def test_a_refused_file_keeps_the_text_and_a_good_one_is_downloadable_by_members_only(
    member_client, thread, outsiders
):
    bad = SimpleUploadedFile("run.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _reply(member_client, thread, body="See the file", attachments=[bad])
    assert response.status_code == 400 and "See the file" in response.content.decode()
    assert "run.pdf" in response.content.decode() and thread.posts.count() == 1

    _reply(member_client, thread, body="See the map", attachments=[_png()])
    attachment = PostAttachment.objects.get()
    url = reverse("forums:attachment", args=[attachment.post_id, attachment.pk, "map.png"])
    download = member_client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")
    for name, client in outsiders.items():
        response = client.get(url)
        assert response.status_code in {302, 403} and not response.streaming, name
    Post.objects.filter(pk=attachment.post_id).update(status="hidden")
    assert member_client.get(url).status_code == 404


def test_quote_prefills_the_reply_form(member_client, thread, amina):
    post = post_reply(thread=thread, author=amina, body="Pair them by district")
    page = member_client.get(reverse("forums:post_quote", args=[post.pk]), follow=True)
    content = page.content.decode()
    assert "&gt; Pair them by district" in content and f'value="{post.pk}"' in content
    response = _reply(member_client, thread, body="> Pair them by district\n\nYes", quote_of=post.pk)
    assert Post.objects.get(number=3).quote_of == post and response.status_code == 302


def test_edit_page_for_the_author_only_within_the_window(member_client, thread, amina):
    post = thread.posts.get()
    url = reverse("forums:post_edit", args=[post.pk])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"body": "Edited text"})
    post.refresh_from_db()
    assert response.status_code == 302 and post.body == "Edited text" and post.edited_at
    assert member_client.post(url, {"body": ""}).status_code == 400
    other = post_reply(thread=thread, author=amina, body="Mine")
    response = member_client.post(reverse("forums:post_edit", args=[other.pk]), {"body": "Hijack"})
    other.refresh_from_db()
    assert other.body == "Mine"


def test_discuss_from_a_practice_starts_or_finds_its_discussion(member_client, member):
    practice = GoodPracticeFactory(title="Youth mentoring in Mombasa", themes=["pcve"])
    response = member_client.get(reverse("forums:practice_discussion", args=[practice.slug]))
    assert "/discussions/new/" in response["Location"] and f"practice={practice.slug}" in response["Location"]
    form = member_client.get(response["Location"]).content.decode()
    assert "Youth mentoring in Mombasa" in form and f"/practices/{practice.slug}/" in form
    category = Category.objects.get(slug=response["Location"].split("/new/")[1].split("/")[0])
    thread = thread_start(category=category, author=member, title="About it", body="x", practice=practice)
    response = member_client.get(reverse("forums:practice_discussion", args=[practice.slug]))
    assert response["Location"] == thread.get_absolute_url()


def test_link_cards_only_for_what_the_reader_may_see_in_one_query_per_kind(
    member, thread, amina, django_assert_num_queries
):
    public = GoodPracticeFactory(title="Visible practice")
    draft = GoodPracticeFactory(title="Draft practice", status=PracticeStatus.DRAFT)
    organisation = OrganisationFactory(name="Kenya NCTC")
    body = (
        f"[a](/practices/{public.slug}/) [b](/practices/{draft.slug}/) [c](/experts/amina-yusuf/) "
        f"[d](http://127.0.0.1:8000/organisations/{organisation.slug}/) [e](https://elsewhere.example/practices/{public.slug}/)"
    )
    posts = [post_reply(thread=thread, author=member, body=body) for _ in range(3)]
    with django_assert_num_queries(3):
        cards = cards_for_posts(posts, member)
    titles = [card.title for card in cards[posts[0].pk]]
    assert titles == ["Visible practice", "Amina Yusuf", "Kenya NCTC"]


@pytest.mark.parametrize("name", ["visitor", "applicant", "suspended"])
def test_outsiders_get_nothing_on_every_posting_page(outsiders, thread, name):
    client = outsiders[name]
    post = thread.posts.get()
    practice = GoodPracticeFactory()
    urls = [
        reverse("forums:thread_new", args=["youth"]),
        reverse("forums:reply", args=[thread.pk]),
        reverse("forums:post_quote", args=[post.pk]),
        reverse("forums:post_edit", args=[post.pk]),
        reverse("forums:practice_discussion", args=[practice.slug]),
    ]
    for url in urls:
        for response in (client.get(url), client.post(url, {"body": "x", "title": "x"})):
            assert response.status_code in {302, 403}, url
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"], url
            assert "How?" not in response.content.decode()
    assert Post.objects.count() == 1 and Thread.objects.count() == 1
