from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from network.permissions import is_member


def membership(request: HttpRequest) -> dict[str, Any]:
    return {"is_member": is_member(getattr(request, "user", None)), "support_email": settings.SUPPORT_EMAIL}
