"""Contact pages, mounted under /experts/ in the ``experts`` namespace."""

from django.urls import path

from experts import contact_views

urlpatterns = [
    path("contact/settings/", contact_views.contact_settings, name="contact_settings"),
    path("contact/block/<str:token>/", contact_views.contact_block_page, name="contact_block"),
    path("<slug:slug>/contact/", contact_views.contact, name="contact"),
]
