"""The experts app's pages, included at the site root by network/urls.py (namespace ``experts``)."""

from django.urls import include, path

from experts import contact_urls, profile_urls

app_name = "experts"

urlpatterns = [
    # The member's own pages and the contact pages come before the <slug>/ pages they would otherwise match.
    path("experts/", include(profile_urls.urlpatterns)),
    path("experts/", include(contact_urls.urlpatterns)),
]
