"""Good practices in the staff admin: the moderation queue (practices/admin/practice.py), its read-only records
(inlines.py) and the full CSV export (export.py), all built on the shared tools in network/admin/tools.py."""

from . import practice

__all__ = ["practice"]
