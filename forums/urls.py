"""E-discussions (members only), included at "discussions/" under the namespace "forums"."""

from django.urls import path

from forums import consultation_views, update_views

app_name = "forums"

urlpatterns = [
    # --- time-boxed e-discussions and quick updates ---
    path("e-discussions/", consultation_views.consultations, name="consultations"),
    path("e-discussions/<int:pk>/summary/", consultation_views.summary_new, name="summary_new"),
    path("updates/", update_views.updates, name="updates"),
]
