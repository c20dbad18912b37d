"""News (public), included at "news/" under the namespace "news"."""

from django.urls import path

from forums import news_views

app_name = "news"

urlpatterns = [
    path("", news_views.news_list, name="list"),
    path("feed/", news_views.NewsFeed(), name="feed"),
    path("<slug:slug>/", news_views.news_detail, name="detail"),
]
