"""Celery tasks of the practices app: thin wrappers that take primary keys and call services."""

from __future__ import annotations

from celery import shared_task

from practices.services.handbook import handbook_build_run


# A build takes seconds to a minute: the soft limit stops a runaway layout (recorded as a failure by the
# service), well before the hard limit kills the worker process.
@shared_task(soft_time_limit=600, time_limit=660)
def handbook_build(*, build_id: int) -> None:
    """Render one handbook build's PDF, recording progress, the file or the error on the build row."""
    handbook_build_run(build_id=build_id)
