"""The staff admin: users, the membership queue and its audit trail, the taxonomy.

The pieces every moderation queue shares (queue ordering, transitions with a note, read-only audit trails,
region and country filters) live in `network.admin.tools`; feature apps import them from there.
"""

from . import digests, membership, taxonomy, users

__all__ = ["digests", "membership", "taxonomy", "users"]
