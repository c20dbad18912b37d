"""A cached fragment kept compressed and spliced into a gzip response (network/compressed.py): the stream is valid
gzip of exactly the page, a browser without gzip gets the page inflated, and a visitor's stored page is never
an encoded one."""

from __future__ import annotations

import gzip
import os

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify

from experts.models import ExpertProfile
from network.compressed import CompressedFragment, gzip_around
from network.models import Membership
from network.visibility import Visibility
from tests.factories import GoodPracticeFactory


@pytest.mark.parametrize(
    ("before", "html", "after"),
    [
        (
            b"<html><body>",
            "<ul><li>Aïssata Traoré</li><li>مريم الفارسي</li><li>王伟</li></ul>",
            b"</body></html>",
        ),
        (b"", "", b""),
        (b"x" * 70_000, "<td>1</td>" * 50_000, os.urandom(5_000)),
    ],
)
def test_the_spliced_stream_is_gzip_of_exactly_the_page(before, html, after):
    fragment = CompressedFragment.of(html)
    assert fragment.html() == html
    stream = gzip_around(before, fragment, after)
    assert stream[:3] == b"\x1f\x8b\x08" and stream[3] & 0x08  # a (random-length) file name, against BREACH
    assert gzip.decompress(stream) == before + html.encode() + after  # the CRC and length are checked too


def test_the_fragment_is_compressed_once_not_per_request():
    fragment = CompressedFragment.of("<td>1</td>" * 50_000)
    assert len(fragment.deflated) < 5_000


def _member_client(make_membership) -> Client:
    client = Client()
    client.force_login(make_membership(status=Membership.Status.APPROVED).user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [reverse("experts:directory"), reverse("practices:list"), reverse("practices:matrix")]
)
def test_a_members_list_is_sent_gzipped_and_reads_the_same_as_without(make_membership, url):
    user = make_membership(status=Membership.Status.APPROVED, user__full_name="Amina Yusuf").user
    ExpertProfile.objects.create(user=user, slug=slugify("Amina Yusuf"), visibility=Visibility.MEMBERS)
    GoodPracticeFactory(title="Members-only mentoring", visibility=Visibility.MEMBERS)
    client = _member_client(make_membership)
    plain = client.get(url)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert int(zipped["Content-Length"]) == len(zipped.content)
    html = gzip.decompress(zipped.content).decode()
    main = plain.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert (
        main == html.split("<main", 1)[1].split("</main>", 1)[0]
    )  # the same page (the header's token aside)
    assert html.rstrip().endswith("</html>")


@pytest.mark.django_db
def test_a_visitors_stored_page_is_never_an_encoded_one(make_membership):
    user = make_membership(status=Membership.Status.APPROVED, user__full_name="Amina Yusuf").user
    ExpertProfile.objects.create(user=user, slug=slugify("Amina Yusuf"), visibility=Visibility.PUBLIC)
    url = reverse("experts:directory")
    Client().get(url, HTTP_ACCEPT_ENCODING="gzip")  # stored by the first visitor, who takes gzip
    plain = Client().get(url)  # a visitor who does not
    assert "Content-Encoding" not in plain
    assert "Amina Yusuf" in plain.content.decode()
