"""Good practices' pages, in the ``practices`` namespace (included at /practices/ by network/urls.py).

Fixed paths come before ``<slug>/``, which would otherwise match them (practice_create reserves these words)."""

from django.urls import path

from practices import attachment_views, feeds, member_views, views, views_opendata

app_name = "practices"

urlpatterns = [
    path("", views.practice_list, name="list"),
    path("export.csv", views_opendata.export_csv, name="export_csv"),
    path("export.json", views_opendata.export_json, name="export_json"),
    path("feed/", feeds.PracticeFeed(), name="feed"),
    path("feed/pillar/<slug:pillar>/", feeds.PillarPracticeFeed(), name="feed_pillar"),
    path("feed/theme/<slug:theme>/", feeds.ThemePracticeFeed(), name="feed_theme"),
    path("matrix/", views.practice_matrix, name="matrix"),
    path("mine/", member_views.practice_mine, name="mine"),
    path("submit/", member_views.practice_submit_page, name="submit"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/attachments/<int:pk>/", attachment_views.attachment_download, name="attachment"),
    # The file's name is cosmetic (readable in the address and the browser's history); the number decides.
    path(
        "<slug:slug>/attachments/<int:pk>/<str:name>/",
        attachment_views.attachment_download,
        name="attachment",
    ),
    path(
        "<slug:slug>/attachments/remove/<int:pk>/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
    path("<slug:slug>/edit/", member_views.practice_edit, name="edit"),
    path("<slug:slug>/endorse/", views.practice_endorse_toggle, name="endorse"),
    path("<slug:slug>/history/", member_views.practice_history_page, name="history"),
    path("<slug:slug>/submit/", member_views.practice_submit_existing, name="submit_existing"),
    path("<slug:slug>/withdraw/", member_views.practice_withdraw_page, name="withdraw"),
]
