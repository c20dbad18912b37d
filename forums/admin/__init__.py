"""The forums in the staff admin, built on the shared queue tools (network/admin/tools.py): the flag queue
(flags.py), the premoderation queue and post decisions (posts.py), thread decisions incl. move and merge
(threads.py), and categories, the forum's switches and quick updates (settings.py)."""

from . import flags, posts, settings, threads

__all__ = ["flags", "posts", "settings", "threads"]
