"""The experts app's pages, included at the site root by network/urls.py (namespace ``experts``)."""

from django.urls import include, path

from experts import contact_urls, profile_urls, views

app_name = "experts"

urlpatterns = [
    path("experts/", views.directory, name="directory"),
    # The member's own pages and the contact pages come before the <slug>/ page they would otherwise match.
    path("experts/", include(profile_urls.urlpatterns)),
    path("experts/", include(contact_urls.urlpatterns)),
    path("experts/<slug:slug>/", views.profile_detail, name="profile"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
