"""E-discussions' pages, namespace ``forums``, included at /discussions/ by network/urls.py. Each part of the
forums adds its own block (alphabetical by module)."""

from django.urls import path

from forums import posting_views

app_name = "forums"

urlpatterns = [
    # posting_views: writing
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
]
