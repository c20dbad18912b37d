"""The site's URLs plus a stand-in for the thread page (built by another part of the forums), so the posting
pages' redirects to a post's address can be followed in these tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from forums.urls import urlpatterns as forum_patterns
from network.urls import urlpatterns as site_patterns


def _thread_stand_in(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    return HttpResponse(f"thread {pk}")


stand_in = [path("<int:pk>-<slug:slug>/", _thread_stand_in, name="thread")]
urlpatterns = [path("discussions/", include((forum_patterns + stand_in, "forums"))), *site_patterns]
