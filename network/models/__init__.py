from .attachments import Attachment
from .digests import (
    DeliveryStatus,
    DigestDelivery,
    DigestFrequency,
    DigestRun,
    EmailChoiceEvent,
    EmailChoiceSource,
)
from .membership import Membership, MembershipEvent
from .preferences import MemberPreferences
from .taxonomy import Country, NetworkRegion, Pillar, Theme
from .users import AccountDeletion, User

__all__ = [
    "AccountDeletion",
    "Attachment",
    "Country",
    "DeliveryStatus",
    "DigestDelivery",
    "DigestFrequency",
    "DigestRun",
    "EmailChoiceEvent",
    "EmailChoiceSource",
    "MemberPreferences",
    "Membership",
    "MembershipEvent",
    "NetworkRegion",
    "Pillar",
    "Theme",
    "User",
]
