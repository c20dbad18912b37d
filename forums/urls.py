"""E-discussions' pages, in the ``forums`` namespace (included at /discussions/ by network/urls.py).

Each part of the forums adds its own block; fixed paths come before any ``<slug>/``."""

from django.urls import path

from forums import notification_views

app_name = "forums"

urlpatterns = [
    # Following and notifications
    path("follow/category/<slug:slug>/", notification_views.category_follow, name="category_follow"),
    path("follow/thread/<int:pk>/", notification_views.follow, name="follow"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path("notifications/read/", notification_views.notifications_read_all, name="notifications_read_all"),
]
