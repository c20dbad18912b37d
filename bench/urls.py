"""The load benchmark's URLconf (bench/settings.py): every URL of the portal, plus the hello-world floor.

``/__floor__/`` answers a constant text behind the full middleware stack: what the server, WSGI and the
middleware cost before any view does anything. Each page's throughput is read against it, measured in the same
run. It exists only here, never in network/urls.py (tests/network/test_bench_load.py checks that).
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from network.urls import handler429
from network.urls import urlpatterns as project_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world.", content_type="text/plain; charset=utf-8")


urlpatterns = [path("__floor__/", floor, name="bench_floor"), *project_urlpatterns]

__all__ = ["handler429", "urlpatterns"]
