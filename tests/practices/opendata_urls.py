"""The site's URLs plus stand-ins for the browse pages (list, detail) that feeds and exports link to.

Once the browse pages are merged into practices/urls.py the stand-ins are shadowed and this module can go.
"""

from django.http import HttpResponse
from django.urls import include, path

from network.urls import urlpatterns as site_patterns
from practices.urls import urlpatterns as practice_patterns


def _stand_in(request, **kwargs):  # type: ignore[no-untyped-def]
    return HttpResponse("")


urlpatterns = [
    path(
        "practices/",
        include(
            (
                [
                    *practice_patterns,
                    path("", _stand_in, name="list"),
                    path("<slug:slug>/", _stand_in, name="detail"),
                ],
                "practices",
            )
        ),
    ),
    *site_patterns,
]
