"""The forums' admin pages, one module per subject (each registers its own)."""

from forums.admin import consultations as consultations
from forums.admin import news as news
