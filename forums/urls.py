"""The discussions' pages, in the ``forums`` namespace (included at /discussions/ by network/urls.py).

Fixed paths come before ``<slug:slug>/`` (a category), which would otherwise match them."""

from django.urls import path

from forums import reading_views

app_name = "forums"

urlpatterns = [
    # reading (index, search, threads, categories)
    path("", reading_views.forum_index, name="index"),
    path("search/", reading_views.forum_search, name="search"),
    path("t/<int:pk>/<slug:slug>/", reading_views.thread_detail, name="thread"),
    path("<slug:slug>/", reading_views.category_detail, name="category"),
    path("<slug:slug>/mark-read/", reading_views.category_mark_read_view, name="mark_read"),
]
