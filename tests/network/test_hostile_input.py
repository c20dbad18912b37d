"""Every URL of the site and the admin, fed hostile paths, query strings and forms: a 400, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.regex_helper import normalize

from network.models import Membership
from tests.conftest import TOTP_SECRET

pytestmark = pytest.mark.django_db

# Query strings no browser of a real member would send. Each must be refused before it reaches a view.
REFUSED_QUERIES = [
    "country=%00&region=%00&status__exact=%00&q=%00",
    "%00=1",
    "q=%ED%A0%80",  # a lone surrogate, percent-encoded as UTF-8
    "q=%FF%FE",  # not UTF-8 at all
]
# Hostile but readable text: it reaches the views, which must answer it sensibly.
READABLE_JUNK = (
    "q=%3Cscript%3Ealert(1)%3C/script%3E&o=-99.x&p=999999&country=ZZ&region=%27%22&status__exact=nope"
    "&e=1&all=&id__gt=x&pk=-1&next=//evil.example.org/&_to_field=password&page=-1&lang=xx"
    "&_changelist_filters=status__exact%3D%2500%26country%3D%ED"
)
REFUSED_PATH_VALUES = ["%00", "1%00", "%ED%A0%80", "%FF"]
REGEX_SAMPLES = {"app_label": "network", "key": "x-1", "uidb36": "1", "url": "no-such-page"}


def _leaf_patterns(
    patterns: list[URLPattern | URLResolver], chain: tuple[object, ...] = ()
) -> Iterator[tuple[object, ...]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _leaf_patterns(pattern.url_patterns, (*chain, pattern.pattern))
        else:
            yield (*chain, pattern.pattern)


def _fill(chain: tuple[object, ...], values: dict[str, str]) -> str:
    """A path for one URL pattern, each converter or named group filled from ``values``."""
    url = "/"
    for part in chain:
        if isinstance(part, RoutePattern):
            url += re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "1"), str(part._route))
        elif isinstance(part, RegexPattern):
            template, params = normalize(part._regex)[0]
            url += template % {name: values.get(name, REGEX_SAMPLES.get(name, "x")) for name in params}
    return url


def _object_ids() -> dict[str, str]:
    """An existing primary key per admin URL prefix, so change pages render a real object."""
    ids = {}
    for model in admin.site._registry:
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            ids[f"/admin/{model._meta.app_label}/{model._meta.model_name}/"] = str(first.pk)
    return ids


def _urls() -> Iterator[tuple[str, list[str]]]:
    """(sample URL, hostile variants of its path) for every URL pattern in the URLconf."""
    object_ids = _object_ids()
    for chain in _leaf_patterns(get_resolver().url_patterns):
        sample = _fill(chain, {})
        real_id = next((pk for prefix, pk in object_ids.items() if sample.startswith(prefix)), "1")
        sample = _fill(chain, {"object_id": real_id, "id": real_id})
        params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", "".join(str(p) for p in chain))
        names = {a or b for a, b in params}
        hostile = (
            [_fill(chain, dict.fromkeys(names, value)) for value in REFUSED_PATH_VALUES] if names else []
        )
        yield sample, hostile


@pytest.fixture
def populated(make_membership, member) -> None:
    for status in Membership.Status.values:
        make_membership(status=status)


def _superuser_with_totp(make_user) -> Client:
    user = make_user(email="root@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["visitor", "staff with TOTP"])
def test_no_url_answers_hostile_input_with_a_server_error(role, populated, make_user):
    client = Client() if role == "visitor" else _superuser_with_totp(make_user)
    assert client.get("/admin/network/membership/").status_code == (302 if role == "visitor" else 200)
    urls = list(_urls())
    assert len(urls) > 80  # the site, allauth and every admin model: nothing skipped silently
    problems = []
    for url, hostile_paths in urls:
        try:
            resolve(url)
        except Resolver404:
            problems.append(f"{url}: the sample path does not resolve")
            continue
        for query in REFUSED_QUERIES:
            if (status := client.get(f"{url}?{query}").status_code) != 400:
                problems.append(f"GET {url}?{query}: {status}")
        if (status := client.get(f"{url}?{READABLE_JUNK}").status_code) >= 500:
            problems.append(f"GET {url}?{READABLE_JUNK}: {status}")
        for path in hostile_paths:
            if (status := client.get(path).status_code) != 400:
                problems.append(f"GET {path}: {status}")
        form = {"name": "x\x00y", "email": "a@example.org", "q": "\x00"}
        if (status := client.post(url, form).status_code) != 400:
            problems.append(f"POST multipart {url}: {status}")
        body = "q=%00&email=a%40example.org"
        encoded = client.post(url, body, content_type="application/x-www-form-urlencoded")
        if encoded.status_code != 400:
            problems.append(f"POST urlencoded {url}: {encoded.status_code}")
    assert not problems, "\n".join(problems)


def test_the_refusal_is_a_branded_page_in_the_visitors_language(client):
    response = client.get("/admin/network/country/%00/change/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="fr"' in body and 'class="site-header"' in body
    assert response["Content-Security-Policy"]


def test_a_nul_byte_in_a_cookie_is_refused_before_the_session_is_read(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/members/").status_code == 400


def test_ordinary_text_in_every_script_still_passes(member_client):
    response = member_client.get("/about/?q=نيروبي+Nairobi+東京+Ñuñoa")
    assert response.status_code == 200
