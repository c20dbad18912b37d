from .categories import Category
from .moderation import Flag, FlagEvent, FlagReason, FlagStatus, ForumSettings
from .notifications import Notification, NotificationKind
from .reading import CategoryFollow, CategoryReadMark, FollowLevel, ReadState, ThreadFollow
from .threads import (
    PAGE_SIZE,
    Consultation,
    ConsultationSummary,
    Post,
    PostAttachment,
    PostEvent,
    PostStatus,
    Thread,
    ThreadEvent,
    ThreadStatus,
)
from .updates import QUICK_UPDATE_MAX, NewsItem, QuickUpdate

__all__ = [
    "PAGE_SIZE",
    "QUICK_UPDATE_MAX",
    "Category",
    "CategoryFollow",
    "CategoryReadMark",
    "Consultation",
    "ConsultationSummary",
    "Flag",
    "FlagEvent",
    "FlagReason",
    "FlagStatus",
    "FollowLevel",
    "ForumSettings",
    "NewsItem",
    "Notification",
    "NotificationKind",
    "Post",
    "PostAttachment",
    "PostEvent",
    "PostStatus",
    "QuickUpdate",
    "ReadState",
    "Thread",
    "ThreadEvent",
    "ThreadFollow",
    "ThreadStatus",
]
