"""The good-practices pages, included at the site root by network/urls.py (namespace ``practices``).

Fixed paths come before ``<slug>/``, which would otherwise match them; the submission, feed and export pages
add their paths here too."""

from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/matrix/", views.practice_matrix, name="matrix"),
    path("practices/<slug:slug>/", views.practice_detail, name="detail"),
    path("practices/<slug:slug>/endorse/", views.practice_endorse_toggle, name="endorse"),
]
