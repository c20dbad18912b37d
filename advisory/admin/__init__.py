"""UNOCT staff's advisory desk: the request triage queue with matching and invitations, and the offers queue."""

from . import offers, requests  # noqa: F401 (registers the admins)
