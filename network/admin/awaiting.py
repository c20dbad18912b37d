"""How many objects wait for a decision in each moderation queue, for the admin's index page.

Every admin built on `WaitingQueueMixin` is a queue: its `queue_waiting_method` already says what waits, so a
new queue shows up on the index by existing, with nothing to register. Only queues the user may view count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import capfirst

from .tools import WaitingQueueMixin


@dataclass(frozen=True)
class AwaitingQueue:
    label: str
    count: int
    url: str


def awaiting_queues(request: HttpRequest, site: AdminSite) -> list[AwaitingQueue]:
    """One entry per queue the user may view (one COUNT each), in the order of their labels."""
    queues = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, WaitingQueueMixin) or not model_admin.has_view_permission(request):
            continue
        waiting = getattr(model._default_manager.all(), model_admin.queue_waiting_method)()
        opts = model._meta
        queues.append(
            AwaitingQueue(
                label=capfirst(str(opts.verbose_name_plural)),
                count=waiting.count(),
                url=reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist"),
            )
        )
    return sorted(queues, key=lambda queue: queue.label)
