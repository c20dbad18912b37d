"""Stub: replaced by the helper that owns this area (see the brief)."""

from django.http import Http404, HttpRequest, HttpResponse


def service(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
