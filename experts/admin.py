"""Admin of the experts app. The contact slice's admin lives in its own module."""

from experts import admin_contact as admin_contact  # registers messages and blocks
