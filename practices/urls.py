"""Good practices' pages, in the ``practices`` namespace (included at /practices/ by network/urls.py)."""

from django.urls import path

from practices import member_views

app_name = "practices"

urlpatterns = [
    path("<slug:slug>/edit/", member_views.practice_edit, name="edit"),
    path("<slug:slug>/history/", member_views.practice_history_page, name="history"),
    path("mine/", member_views.practice_mine, name="mine"),
    path("submit/", member_views.practice_submit_page, name="submit"),
    path("<slug:slug>/submit/", member_views.practice_submit_existing, name="submit_existing"),
    path("<slug:slug>/withdraw/", member_views.practice_withdraw_page, name="withdraw"),
]
