"""Advisory services under /advisory/: the public page explaining the service, members' requests, invitations to
experts and offers. Each area has its own views module (advisory/views/)."""

from django.urls import path

from advisory.views import invitations, offers, requests, service

app_name = "advisory"

urlpatterns = [
    path("", service.service, name="service"),
    # Requests: only the requester (and staff, and invited experts when allowed) ever see one.
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/withdraw/", requests.request_withdraw, name="request_withdraw"),
    path("requests/<int:pk>/rate/", requests.request_rate, name="request_rate"),
    # Invitations: an expert answers from the signed link in their email.
    path("invitations/", invitations.invitation_list, name="invitation_list"),
    path("invitations/<str:token>/", invitations.invitation_respond, name="invitation_respond"),
    # Offers: members browse published offers and register interest.
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/mine/", offers.offer_mine, name="offer_mine"),
    path("offers/<slug:slug>/", offers.offer_detail, name="offer_detail"),
    path("offers/<slug:slug>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<slug:slug>/interest/", offers.offer_interest, name="offer_interest"),
]
