from .attachments import Attachment
from .membership import Membership, MembershipEvent
from .preferences import MemberPreferences
from .taxonomy import Country, NetworkRegion, Pillar, Theme
from .users import AccountDeletion, User

__all__ = [
    "AccountDeletion",
    "Attachment",
    "Country",
    "MemberPreferences",
    "Membership",
    "MembershipEvent",
    "NetworkRegion",
    "Pillar",
    "Theme",
    "User",
]
