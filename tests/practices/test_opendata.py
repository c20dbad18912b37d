"""Feeds and open-data exports: published public practices only, whoever asks; documented, stable fields."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client

from network.models import Membership, Pillar, Theme
from network.visibility import Visibility
from practices.models import Endorsement, PracticeLink, PracticeStatus
from practices.opendata import EXPORT_FIELDS
from tests.factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
URLS = ["/practices/feed/", "/practices/export.csv", "/practices/export.json"]


@pytest.fixture
def practices(member):
    """One practice each that may go out, and four that never may (members-only, draft, in review, archived),
    the draft and the members-only one submitted by the member who will ask."""
    public = GoodPracticeFactory(title="Public practice", themes=["cft"], pillars=[Pillar.PREVENT_COMBAT])
    GoodPracticeFactory(title="Members practice", visibility=Visibility.MEMBERS, submitted_by=member)
    GoodPracticeFactory(title="Draft practice", status=PracticeStatus.DRAFT, submitted_by=member)
    GoodPracticeFactory(title="Review practice", status=PracticeStatus.IN_REVIEW)
    GoodPracticeFactory(title="Archived practice", status=PracticeStatus.ARCHIVED)
    return public


def _atom(content: bytes | str) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (the portal's own response, not untrusted input)


def _body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def _titles(url: str, text: str) -> set[str]:
    if url.endswith(".csv"):
        return {row["title"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    if url.endswith(".json"):
        return {row["title"] for row in json.loads(text)["practices"]}
    return {e.findtext(f"{ATOM}title") for e in _atom(text).iter(f"{ATOM}entry")}


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("who", ["visitor", "applicant", "member", "suspended", "moderator"])
def test_only_published_public_practices_go_out_whoever_asks(request, practices, url, who):
    client = Client()
    if who != "visitor":
        user = request.getfixturevalue(who if who != "suspended" else "member")
        if who == "suspended":
            Membership.objects.filter(user=user).update(status=Membership.Status.SUSPENDED)
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert _titles(url, _body(response)) == {"Public practice"}


def test_the_feed_is_valid_atom_with_dates_categories_language_and_absolute_links(client, practices):
    GoodPracticeFactory(title="Pratique publique", language="fr", themes=["youth"])
    response = client.get("/practices/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"] == "public, max-age=300"
    feed = _atom(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    assert "CC BY 4.0" in feed.findtext(f"{ATOM}rights")
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}
    assert set(entries) == {"Public practice", "Pratique publique"}
    entry = entries["Public practice"]
    assert entry.find(f"{ATOM}link").get("href") == f"{settings.SITE_URL}/practices/{practices.slug}/"
    assert entry.findtext(f"{ATOM}id").endswith(f":practice:{practices.pk}")
    assert entry.findtext(f"{ATOM}published") and entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}summary") == practices.summary
    terms = {c.get("term") for c in entry.iter(f"{ATOM}category")}
    assert terms == {"Preventing and combating terrorism", "Countering the financing of terrorism"}
    assert entries["Pratique publique"].get(XML_LANG) == "fr"


def test_feeds_per_pillar_and_theme_narrow_and_unknown_ones_are_404(client, practices):
    GoodPracticeFactory(title="Youth practice", themes=["youth"], pillars=[Pillar.CONDITIONS_CONDUCIVE])
    by_theme = client.get("/practices/feed/theme/cft/")
    assert _titles("feed", by_theme.content.decode()) == {"Public practice"}
    by_pillar = client.get("/practices/feed/pillar/conditions-conducive/")
    assert _titles("feed", by_pillar.content.decode()) == {"Youth practice"}
    assert "Pillar I" in _atom(by_pillar.content).findtext(f"{ATOM}title")
    assert client.get("/practices/feed/theme/no-such-theme/").status_code == 404
    assert client.get("/practices/feed/pillar/pillar-9/").status_code == 404
    # The list page's query string narrows the same way
    assert _titles(
        "feed", client.get(f"/practices/feed/?theme={Theme.objects.get(slug='youth').pk}").content.decode()
    ) == {"Youth practice"}


def test_the_feed_holds_the_newest_fifty(client):
    GoodPracticeFactory.create_batch(52)
    entries = _atom(client.get("/practices/feed/").content).findall(f"{ATOM}entry")
    assert len(entries) == 50


def test_the_json_export_documents_its_licence_and_gives_stable_ids(client, practices):
    PracticeLink.objects.create(
        practice=practices, title="Report", url="https://www.un.org/counterterrorism/"
    )
    Endorsement.objects.create(practice=practices, endorser=practices.submitted_by)
    practices.keywords.add("FATF")
    response = client.get("/practices/export.json")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Disposition"].startswith('attachment; filename="onse-good-practices-20')
    data = json.loads(_body(response))
    assert data["metadata"]["licence"] == settings.OPEN_DATA_LICENCE
    assert data["metadata"]["fields"] == list(EXPORT_FIELDS)
    (row,) = data["practices"]
    assert list(row) == list(EXPORT_FIELDS)
    assert row["id"] == practices.pk
    assert row["translation_group"] == str(practices.translation_group)
    assert row["url"] == f"{settings.SITE_URL}/practices/{practices.slug}/"
    assert row["countries"] == ["KE"] and row["country_names"] == ["Kenya"]
    assert row["pillars"] == [2] and row["themes"] == ["cft"]
    assert row["theme_names"] == ["Countering the financing of terrorism"]
    assert row["keywords"] == ["FATF"]
    assert row["links"] == [{"title": "Report", "url": "https://www.un.org/counterterrorism/"}]
    assert row["endorsements"] == 1
    assert row["published_at"].startswith("20")


def test_the_csv_export_is_utf8_with_a_bom_for_excel_and_a_licence_link(client):
    GoodPracticeFactory(title="حماية الشباب", language="ar", themes=["youth", "education"])
    response = client.get("/practices/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == f'<{settings.OPEN_DATA_LICENCE["url"]}>; rel="license"'
    assert response["Content-Disposition"].endswith('.csv"')
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    (row,) = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    assert list(row) == list(EXPORT_FIELDS)
    assert row["title"] == "حماية الشباب" and row["language"] == "ar"
    assert row["themes"] == "education; youth" or row["themes"] == "youth; education"


def test_exports_take_the_list_pages_filters(client, practices):
    GoodPracticeFactory(title="Pratique", language="fr", countries=["SN"])
    get = lambda q: _titles(".json", _body(client.get(f"/practices/export.json?{q}")))  # noqa: E731
    assert get("language=fr") == {"Pratique"}
    assert get("country=sn") == {"Pratique"}
    assert get(f"theme={Theme.objects.get(slug='cft').pk}") == {"Public practice"}
    assert get("pillar=2") == {"Public practice"}
    # As on the list page, a value that is not an option is ignored rather than emptying the export.
    assert get("pillar=nonsense") == get("")
    assert _titles(".json", _body(client.get("/practices/export.json?language=fr"))) == get("language=fr")


@pytest.mark.parametrize("url", URLS)
def test_a_fixed_number_of_queries_whatever_the_number_of_practices(client, url, django_assert_num_queries):
    def queries(n: int) -> int:
        GoodPracticeFactory.create_batch(n, themes=["cft", "youth"], countries=["KE", "NG"])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            _body(client.get(url))
        return len(captured)

    small = queries(5)
    assert queries(45) == small  # 50 practices now
    assert small <= 3, small
