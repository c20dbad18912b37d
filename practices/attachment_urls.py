"""Addresses of practice files; practices/urls.py adds them to its list (namespace "practices"):
``urlpatterns += attachment_urlpatterns``. ``practices:attachment`` reverses with (slug, pk) or (slug, pk, name)."""

from django.urls import path

from practices import attachment_views

attachment_urlpatterns = [
    path(
        "<slug:slug>/attachments/<int:pk>/<str:name>/",
        attachment_views.attachment_download,
        name="attachment",
    ),
    path("<slug:slug>/attachments/<int:pk>/", attachment_views.attachment_download, name="attachment"),
    path(
        "<slug:slug>/attachments/remove/<int:pk>/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
]
