"""Where attachments are kept: a storage of their own, outside ``MEDIA_ROOT`` and without a public URL.

``MEDIA_ROOT`` is public (profile photos; ``static()`` serves it in development, a web server may in
production). Members-only files must never be reachable that way, so ``STORAGES["attachments"]`` points
elsewhere and every download goes through a view that checked visibility (``attachment_response``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``settings.ATTACHMENTS_ROOT`` (unless given a location), followed when tests change it."""

    @cached_property
    def base_location(self) -> str:
        return str(self._value_or_setting(getattr(self, "_location", None), settings.ATTACHMENTS_ROOT))

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]
        if setting == "ATTACHMENTS_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError(
            "Attachments have no public URL: serve them with network.attachments.attachment_response"
        )


def attachment_storage() -> Storage:
    """The ``attachments`` storage (``settings.STORAGES``); a callable, so migrations name no backend."""
    return storages["attachments"]
