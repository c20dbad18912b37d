"""The practices app's pages, included at ``practices/`` by network/urls.py (namespace ``practices``)."""

from django.urls import path

from practices import feeds, views_opendata

app_name = "practices"

urlpatterns = [
    path("feed/", feeds.PracticeFeed(), name="feed"),
    path("feed/pillar/<slug:pillar>/", feeds.PillarPracticeFeed(), name="feed_pillar"),
    path("feed/theme/<slug:theme>/", feeds.ThemePracticeFeed(), name="feed_theme"),
    path("export.csv", views_opendata.export_csv, name="export_csv"),
    path("export.json", views_opendata.export_json, name="export_json"),
]
