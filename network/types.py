from django.http import HttpRequest

from network.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request type of views behind login_required / the staff admin: ``request.user`` is a ``User``."""

    user: User
