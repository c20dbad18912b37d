from .attachments import PracticeAttachment
from .handbook import BuildStatus, Handbook, HandbookBuild, HandbookEntry
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
    "BuildStatus",
    "Endorsement",
    "GoodPractice",
    "GoodPracticeEvent",
    "Handbook",
    "HandbookBuild",
    "HandbookEntry",
    "PracticeAttachment",
    "PracticeLink",
    "PracticeStatus",
    "PracticeVersion",
    "TargetGroup",
    "can_endorse",
]
