from .membership import Membership, MembershipEvent
from .taxonomy import Country, NetworkRegion, Pillar, Theme
from .users import User

__all__ = ["Country", "Membership", "MembershipEvent", "NetworkRegion", "Pillar", "Theme", "User"]
