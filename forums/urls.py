"""E-discussions' pages, namespace ``forums``, included at /discussions/ by network/urls.py. Each part of the
forums adds its own block; fixed paths come before any ``<slug>/``."""

from django.urls import path

from forums import (
    consultation_views,
    flag_views,
    notification_views,
    posting_views,
    reading_views,
    update_views,
)

app_name = "forums"

urlpatterns = [
    path("", reading_views.forum_index, name="index"),
    path("search/", reading_views.forum_search, name="search"),
    path("t/<int:pk>/<slug:slug>/", reading_views.thread_detail, name="thread"),
    # Time-boxed e-discussions and quick updates
    path("e-discussions/", consultation_views.consultations, name="consultations"),
    path("e-discussions/<int:pk>/summary/", consultation_views.summary_new, name="summary_new"),
    path("updates/", update_views.updates, name="updates"),
    # Following and notifications
    path("follow/category/<slug:slug>/", notification_views.category_follow, name="category_follow"),
    path("follow/thread/<int:pk>/", notification_views.follow, name="follow"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path("notifications/read/", notification_views.notifications_read_all, name="notifications_read_all"),
    # Moderation: members flag posts
    path("posts/<int:pk>/flag/", flag_views.flag, name="flag"),
    # Writing
    path("new/<slug:slug>/", posting_views.thread_new, name="thread_new"),
    path("practice/<slug:slug>/", posting_views.practice_discussion, name="practice_discussion"),
    path("posts/<int:pk>/edit/", posting_views.post_edit, name="post_edit"),
    path("posts/<int:pk>/quote/", posting_views.post_quote, name="post_quote"),
    path(
        "posts/<int:post_pk>/files/<int:pk>/<str:name>",
        posting_views.attachment_download,
        name="attachment",
    ),
    path("threads/<int:pk>/reply/", posting_views.reply, name="reply"),
    # A category, last: its address would match every fixed path above.
    path("<slug:slug>/", reading_views.category_detail, name="category"),
    path("<slug:slug>/mark-read/", reading_views.category_mark_read_view, name="mark_read"),
]
