"""The portal's URLs plus a stand-in reader page (`practices:detail`) for admin tests on a branch without it."""

from django.http import HttpResponse
from django.urls import include, path

from network.urls import urlpatterns as portal

reader = [path("practices/<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")]
urlpatterns = [path("", include((reader, "practices"))), *portal]
