"""The directory's pages, included at the site root by network/urls.py (namespace ``experts``)."""

from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("experts/", views.directory, name="directory"),
    path("experts/<slug:slug>/", views.profile_detail, name="profile"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
