"""Members flag a post for the moderators (the flag queue in the admin: forums/admin/flags.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from forums.models import Flag, FlagReason, FlagStatus, Post
from network.models import User
from network.permissions import is_member
from network.workflow import audit_record


@transaction.atomic
def post_flag(*, post: Post, by: User, reason: str, details: str = "") -> Flag:
    """A member flags a post they can see (not their own); one open flag per member and post."""
    if not is_member(by) or not Post.objects.visible_to(by).filter(pk=post.pk, status="visible").exists():
        raise PermissionDenied
    if post.author_id == by.pk:
        raise ValidationError(_("You cannot flag your own post."), code="own_post")
    if reason not in FlagReason.values:
        raise ValidationError(_("Choose a reason."), code="reason")
    already = _("You have already flagged this post; a moderator will look at it.")
    if Flag.objects.filter(post=post, flagged_by=by, status=FlagStatus.OPEN).exists():
        raise ValidationError(already, code="already_flagged")
    try:
        with transaction.atomic():  # two clicks at once: the database keeps one open flag
            flag = Flag.objects.create(post=post, flagged_by=by, reason=reason, details=details.strip())
    except IntegrityError:
        raise ValidationError(already, code="already_flagged") from None
    audit_record(instance=flag, actor=by, from_status="", to_status=FlagStatus.OPEN, note=flag.details)
    return flag
