"""The forums in the staff admin, built on the shared queue tools (network/admin/tools.py): the flag queue
(flags.py), the premoderation queue and post decisions (posts.py), thread decisions incl. move and merge
(threads.py), categories, the forum's switches and quick updates (settings.py), time-boxed e-discussions
(consultations.py) and news (news.py)."""

from . import consultations, flags, news, posts, settings, threads

__all__ = ["consultations", "flags", "news", "posts", "settings", "threads"]
