"""Stub: replaced by the helper that owns this area (see the brief)."""

from django.http import Http404, HttpRequest, HttpResponse


def request_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def request_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def request_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def request_withdraw(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def request_rate(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
