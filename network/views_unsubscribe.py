"""Stub (helper U): the one-click unsubscribe page (network/unsubscribe.py)."""

from django.http import Http404, HttpRequest, HttpResponse


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404
