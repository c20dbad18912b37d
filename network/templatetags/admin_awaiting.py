"""`{% admin_awaiting as queues %}` on the admin index: network/admin/awaiting.py."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib import admin

from network.admin.awaiting import AwaitingQueue, awaiting_queues

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_awaiting(context: dict[str, Any]) -> list[AwaitingQueue]:
    request = context.get("request")
    return awaiting_queues(request, admin.site) if request is not None else []
