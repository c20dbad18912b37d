"""Links to pages other forum modules add (the thread page), with a fallback while they are not there."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from forums.models import Thread


def thread_url(thread: Thread) -> str:
    try:
        return thread.get_absolute_url()
    except NoReverseMatch:
        return f"{reverse('forums:consultations')}#consultation-{thread.pk}"
