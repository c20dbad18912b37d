"""Test URLconf: the practice file addresses under the "practices" namespace as practices/urls.py will include
them, with a stand-in for the practice page (the remove view goes back to it). Once practices/urls.py adds
``attachment_urlpatterns`` the tests can use the real URLconf instead."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from network import urls as site_urls
from practices.attachment_urls import attachment_urlpatterns


def practice_page(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(slug)


practice_patterns = [path("<slug:slug>/", practice_page, name="detail"), *attachment_urlpatterns]

urlpatterns = [path("practices/", include((practice_patterns, "practices"))), *site_urls.urlpatterns]
