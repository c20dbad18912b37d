"""Who may see a row that carries a visibility level: one rule for expert profiles, practices and the rest.

A model stores ``visibility`` (``VisibilityModel`` adds the field and its check constraint) and its queryset
subclasses ``VisibilityQuerySet``; every read of such rows starts from ``visible_to(user)``::

    class ExpertProfileQuerySet(VisibilityQuerySet["ExpertProfile"]):
        owner_field = "user"

    ExpertProfile.objects.visible_to(request.user)
    GoodPractice.objects.published().visible_to(request.user)

The rule, built on the members-only gate (``network.permissions.is_member``):

- a visitor, an applicant, a rejected or a suspended member sees public rows only;
- a member sees public and members-only rows;
- the owner (an active, signed-in user named by ``owner_field``) also sees their own rows at any level, so an
  applicant can work on their own profile before they are approved;
- staff see everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import is_member

_M = TypeVar("_M", bound=models.Model)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone, including visitors")
    MEMBERS = "members", _("Members of the network only")
    HIDDEN = "hidden", _("Hidden: only me and the network's staff")


# The levels a member sees on other people's rows.
MEMBER_LEVELS: list[str] = [Visibility.PUBLIC, Visibility.MEMBERS]


def visibility_levels_for(user: Any) -> list[str]:
    """The levels a user sees on other people's rows (staff are handled by ``visible_to``)."""
    if is_member(user):
        return list(MEMBER_LEVELS)
    return [Visibility.PUBLIC]


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


class VisibilityQuerySet(models.QuerySet[_M]):
    """Base queryset for models with a visibility level.

    ``owner_field`` is the lookup path from the model to its owning user (``"user"``,
    ``"submitted_by"``); leave it ``None`` when rows have no owner. It should follow single-valued relations
    only, so that the owner condition cannot duplicate rows.
    """

    visibility_field: str = "visibility"
    owner_field: str | None = None
    # For moderated rows: the lookup a row must also match before anyone but its owner and staff sees it, e.g.
    # ``{"status": "published"}`` — a draft, a rejected or an archived row reaches its author and staff only.
    published_lookup: Mapping[str, Any] | None = None

    def visible_to(self, user: Any) -> Self:
        if _is_staff(user):
            return self.all()
        condition = self._readers_condition(visibility_levels_for(user))
        if self.owner_field and getattr(user, "is_authenticated", False) and user.is_active:
            condition |= models.Q(**{self.owner_field: user})
        return self.filter(condition)

    def visible_to_shared(self, user: Any) -> Self:
        """``visible_to(user)``, stated as ``visible_to_every_member()`` whenever that selects the same rows: for
        a member in good standing (not staff) who owns no row here that other members may not see (a hidden
        profile, a hidden practice). The statement — the key of every count and fragment cached from it
        (network/cache.py) — is then the same for all such members, who share one set of cached pieces; a member
        who owns such a row, a visitor, an applicant, a suspended member and staff get ``visible_to``.

        Why the rows are the same: for a member, ``visible_to`` is "every member's rows, or mine"; when each of
        mine (in this queryset, after the filters already applied) is at a level members read and published,
        "or mine" adds nothing. A subclass whose ``visible_to_every_member`` narrows further must make sure a
        member in good standing passes that too (profiles: an active, approved member's own). One ``EXISTS`` on
        the owner's rows."""
        if self.owner_field is None or not is_member(user) or _is_staff(user):
            return self.visible_to(user)
        own_unshared = self.filter(**{self.owner_field: user}).exclude(self._readers_condition(MEMBER_LEVELS))
        return self.visible_to(user) if own_unshared.exists() else self.visible_to_every_member()

    def visible_to_every_member(self) -> Self:
        """What any member in good standing sees of other people's rows: ``visible_to(member)`` without the
        member's own. For work done once for many members (a chunk of digests), who each then leave out their
        own rows; staff get the same (a digest is no moderation queue)."""
        return self.filter(self._readers_condition(MEMBER_LEVELS))

    def _readers_condition(self, levels: list[str]) -> models.Q:
        condition = models.Q(**{f"{self.visibility_field}__in": levels})
        if self.published_lookup:
            condition &= models.Q(**self.published_lookup)
        return condition


class VisibilityModel(models.Model):
    """Abstract base adding ``visibility`` (members-only unless the author says otherwise) and a database
    check that it holds one of the three levels.

    A subclass that declares its own ``Meta`` keeps the constraint by inheriting it:
    ``class Meta(VisibilityModel.Meta): ...`` (and adding to ``constraints`` with
    ``[*VisibilityModel.Meta.constraints, ...]``).
    """

    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        db_index=True,
        help_text=_("Who can see this."),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="%(app_label)s_%(class)s_visibility_valid",
            ),
        ]
