from .attachments import PracticeAttachment
from .practice import (
    SEARCH_CONFIGS,
    Endorsement,
    GoodPractice,
    GoodPracticeEvent,
    PracticeLink,
    PracticeStatus,
    PracticeVersion,
    TargetGroup,
    can_endorse,
)

__all__ = [
    "SEARCH_CONFIGS",
    "Endorsement",
    "GoodPractice",
    "GoodPracticeEvent",
    "PracticeAttachment",
    "PracticeLink",
    "PracticeStatus",
    "PracticeVersion",
    "TargetGroup",
    "can_endorse",
]
