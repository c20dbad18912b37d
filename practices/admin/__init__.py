"""Good practices in the staff admin: the moderation queue (practices/admin/practice.py), its read-only records
(inlines.py), the full CSV export (export.py) and the handbook (handbook.py), all built on the shared tools in network/admin/tools.py."""

from . import handbook, practice

__all__ = ["handbook", "practice"]
