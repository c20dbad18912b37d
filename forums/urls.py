"""The forums' pages, in the ``forums`` namespace (included at /discussions/ by network/urls.py). Each slice of the
forums adds its own block here."""

from django.urls import path

from forums import flag_views

app_name = "forums"

urlpatterns = [
    # moderation (members flag posts)
    path("posts/<int:pk>/flag/", flag_views.flag, name="flag"),
]
