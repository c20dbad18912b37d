"""The site's URLs with a stand-in thread page, for the moderation tests on a branch where the reading slice's
thread page does not exist yet (tests/forums/conftest.py uses it only when ``forums:thread`` is missing)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from forums.urls import urlpatterns as forum_patterns
from network.urls import urlpatterns as site_patterns


def _thread_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    return HttpResponse("thread page")


urlpatterns = [
    path(
        "discussions/",
        include(([*forum_patterns, path("<int:pk>-<slug:slug>/", _thread_page, name="thread")], "forums")),
    ),
    *(p for p in site_patterns if getattr(p, "namespace", None) != "forums"),
]
