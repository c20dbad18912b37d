"""The site's URLs, plus stand-ins for the thread and category pages while this branch has none (another part
of the forums adds them; once they exist, the real ones are used and nothing is stubbed)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from forums import urls as forum_urls
from network import urls as site_urls


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("stub")


_names = {getattr(pattern, "name", None) for pattern in forum_urls.urlpatterns}
_stubs = []
if "thread" not in _names:
    _stubs.append(path("t/<int:pk>/<slug:slug>/", _stub, name="thread"))
if "category" not in _names:
    _stubs.append(path("c/<slug:slug>/", _stub, name="category"))


def _is_forums(pattern: URLPattern | URLResolver) -> bool:
    return str(pattern.pattern) == "discussions/"


urlpatterns = [
    path("discussions/", include(([*forum_urls.urlpatterns, *_stubs], "forums"))),
    *[pattern for pattern in site_urls.urlpatterns if not _is_forums(pattern)],
]
