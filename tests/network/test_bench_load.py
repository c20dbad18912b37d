"""The load benchmark's bench-only parts (bench/load.py): the hello-world floor never reaches the portal's
URLconf, and the pages the benchmark picks from the data exist and answer on the demo data. No timings here."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from bench.loadpages import bench_member, pick_pages


def test_the_floor_is_in_the_bench_urlconf_only():
    with pytest.raises(Resolver404):
        resolve("/__floor__/", urlconf="network.urls")
    with pytest.raises(NoReverseMatch):
        reverse("bench_floor", urlconf="network.urls")
    assert resolve("/__floor__/", urlconf="bench.urls").url_name == "bench_floor"
    assert resolve("/experts/", urlconf="bench.urls").view_name == "experts:directory"


@pytest.mark.django_db
@pytest.mark.usefixtures("files_in_tmp")
def test_the_pages_picked_from_the_demo_data_answer(client: Client):
    call_command("seed_demo", "--force")
    member = bench_member()
    pages = pick_pages(member)
    assert member.email == "member@example.org"
    searches = {(page.search, page.label.rsplit(" ", 2)[-2]) for page in pages if page.term}
    assert searches == {
        ("experts", "common"),
        ("experts", "rare"),
        ("practices", "common"),
        ("practices", "rare"),
    }
    signed_in = Client()
    signed_in.force_login(member)
    for page in pages:
        assert signed_in.get(page.path).status_code == 200, page
        if not page.members_only:
            assert client.get(page.path).status_code == 200, page
