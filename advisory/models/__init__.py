from .offers import Delivery, Offer, OfferEvent, OfferInterest, OfferKind, OfferStatus
from .requests import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    Confidentiality,
    Invitation,
    InvitationEvent,
    InvitationStatus,
    Modality,
    ProposedOffer,
    RequestNote,
    RequestStatus,
    Timeframe,
)

__all__ = [
    "AdvisoryRequest",
    "AdvisoryRequestEvent",
    "Confidentiality",
    "Delivery",
    "Invitation",
    "InvitationEvent",
    "InvitationStatus",
    "Modality",
    "Offer",
    "OfferEvent",
    "OfferInterest",
    "OfferKind",
    "OfferStatus",
    "ProposedOffer",
    "RequestNote",
    "RequestStatus",
    "Timeframe",
]
