"""Stub: replaced by the helper that owns this area (see the brief)."""

from django.http import Http404, HttpRequest, HttpResponse


def offer_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def offer_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def offer_mine(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def offer_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def offer_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def offer_interest(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
