"""The member's own profile pages, included under /experts/ in the ``experts`` namespace."""

from django.urls import path

from experts import profile_views

urlpatterns = [
    path("me/edit/", profile_views.profile_edit, name="profile_edit"),
]
