"""Clients and page reads the tests share: a signed-in client, and a page with the SQL statements it ran."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get_page(client: Client, url: str, status: int = 200, **extra: Any) -> tuple[str, list[str]]:
    """The page's HTML (its status checked) and the SQL of every statement it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == status, url
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]
