"""Status workflows with an audit trail: the one way a moderated thing changes status.

A model with a workflow mixes in ``Workflow`` and names its ``TRANSITIONS`` (approve, reject, …); its audit
model subclasses ``AuditEvent`` with a foreign key back to it (``SUBJECT_FIELD``). ``transition_apply`` is the
only writer of the status: it locks the row, checks the named transition, writes the audit row, stamps the
instance and, when the transition names an email template, queues the email once the transaction commits
(sent at most once by ``network.notifications.email_send_once``). Modelled on Zulip's ``AbstractRealmAuditLog``
and pretix's ``LogEntry``; why not django-fsm: docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from network.notifications import NotificationEmail, SendOnceQuerySet, notification_enqueue

if TYPE_CHECKING:
    from network.models import User


@dataclass(frozen=True)
class Transition:
    """A named step: from any of ``source`` to ``target``. ``email_template`` (``emails/<it>_subject.txt``,
    ``.txt``, ``.html``) is sent to the subject's recipient after commit; empty means no email."""

    name: str
    label: str | Promise
    source: frozenset[str]
    target: str
    email_template: str = ""


def transitions(*steps: Transition) -> dict[str, Transition]:
    """``TRANSITIONS`` keyed by name; one (from, to) pair names exactly one transition."""
    pairs = [(source, step.target) for step in steps for source in step.source]
    if len(pairs) != len(set(pairs)):
        raise ValueError("Two transitions share a (from, to) pair: the audit row could not tell them apart.")
    return {step.name: step for step in steps}


def status_constraint(
    choices: type[models.TextChoices], *, name: str, field: str = "status"
) -> models.CheckConstraint:
    """The database refuses a status the choices do not list (built from the choices, never retyped)."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


class TransitionNotAllowed(ValidationError):
    """The instance's status does not allow this transition (a ValidationError: forms and admin show it)."""


class Workflow:
    """Mixin for a model with a ``status`` field and named ``TRANSITIONS``."""

    TRANSITIONS: ClassVar[dict[str, Transition]] = {}
    AUDIT_RELATED_NAME: ClassVar[str] = "events"  # related_name of the audit model's foreign key
    status: Any

    def can_become(self, status: str) -> bool:
        return any(self.status in step.source and step.target == status for step in self.TRANSITIONS.values())

    def can_take(self, name: str) -> bool:
        step = self.TRANSITIONS.get(name)
        return step is not None and self.status in step.source

    def available_transitions(self) -> list[Transition]:
        return [step for step in self.TRANSITIONS.values() if self.status in step.source]

    @classmethod
    def transition_between(cls, source: str, target: str) -> Transition | None:
        return next(
            (s for s in cls.TRANSITIONS.values() if source in s.source and s.target == target),
            None,
        )

    def notification_recipient(self) -> User:
        """Who is emailed about this instance's transitions."""
        raise NotImplementedError


class AuditEventQuerySet(SendOnceQuerySet):
    def for_notification(self) -> AuditEventQuerySet:
        return self.select_related(self.model.SUBJECT_FIELD)

    def notification_due(self, *, min_age: timedelta, max_age: timedelta) -> AuditEventQuerySet:
        """Rows whose email should have gone and has not (a stale decision is better left than sent late),
        only for transitions that send one, never a details change."""
        emailing = models.Q(pk__in=[])
        for step in self.model.subject_model().TRANSITIONS.values():
            if step.email_template:
                emailing |= models.Q(from_status__in=step.source, to_status=step.target)
        due = super().notification_due(min_age=min_age, max_age=max_age)
        return due.filter(emailing).exclude(from_status=models.F("to_status"))  # type: ignore[return-value]


class AuditEvent(models.Model):
    """One row per status change (or, with ``from_status == to_status``, per audited details change, never
    emailed). Written by ``transition_apply`` / ``audit_record``; never edited."""

    SUBJECT_FIELD: ClassVar[str]  # name of the foreign key to the Workflow instance

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    # Set before the email is handed to SMTP and never cleared once sent: a claimed but unstamped row is an
    # email that may have left (a worker died mid-send); it is not sent again.
    notify_claimed_at = models.DateTimeField(_("email claimed at"), null=True, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        labels = dict(self._meta.get_field("to_status").flatchoices)  # type: ignore[union-attr]
        return f"{labels.get(self.from_status, self.from_status) or '∅'} → {labels.get(self.to_status, self.to_status)}"

    @classmethod
    def subject_model(cls) -> type[Any]:
        return cls._meta.get_field(cls.SUBJECT_FIELD).related_model  # type: ignore[return-value]

    @property
    def subject(self) -> Any:
        return getattr(self, self.SUBJECT_FIELD)

    @property
    def transition(self) -> Transition | None:
        if self.from_status == self.to_status:
            return None
        return self.subject_model().transition_between(self.from_status, self.to_status)  # type: ignore[no-any-return]

    def notification_email(self) -> NotificationEmail | None:
        """The subject's recipient is told about the transition; a details change says nothing, and nobody is
        written to once the recipient's account is gone (``notification_recipient()`` is ``None``)."""
        step = self.transition
        if step is None or not step.email_template:
            return None
        recipient = self.subject.notification_recipient()
        if recipient is None:
            return None
        return NotificationEmail(
            recipient=recipient,
            template=step.email_template,
            context={"event": self, self.SUBJECT_FIELD: self.subject},
        )


W = TypeVar("W", bound=models.Model)


def audit_record(
    *,
    instance: models.Model,
    actor: User | None,
    from_status: str,
    to_status: str,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
) -> AuditEvent:
    """Write one audit row for ``instance``; queue its email after commit if its transition sends one.

    ``notify=False`` records a change the subject was told about another way (demo history): the row is
    stamped as notified so no sweep ever sends it. A ``from_status == to_status`` row is a details change.
    """
    at = at or timezone.now()
    manager = getattr(instance, type(instance).AUDIT_RELATED_NAME)  # type: ignore[attr-defined]
    event: AuditEvent = manager.create(
        actor=actor, from_status=from_status, to_status=to_status, note=note, created_at=at
    )
    step = event.transition
    if step is not None and step.email_template:
        if notify:
            transaction.on_commit(partial(notification_enqueue, type(event), event.pk))
        else:
            type(event).objects.filter(pk=event.pk).update(notified_at=at)
    return event


@transaction.atomic
def transition_apply(
    *,
    instance: W,
    transition: str,
    actor: User | None,
    note: str = "",
    at: datetime | None = None,
    notify: bool = True,
    changes: Mapping[str, Any] | None = None,
) -> W:
    """Take the named transition: lock the row, check it, audit it, set ``status`` and ``changes``.

    Returns the locked, updated row; the given instance gets the same new values.
    """
    model = type(instance)
    step: Transition = model.TRANSITIONS[transition]  # type: ignore[attr-defined]
    locked = model._default_manager.select_for_update().get(pk=instance.pk)
    current = locked.status  # type: ignore[attr-defined]
    if current not in step.source:
        raise TransitionNotAllowed(
            _("“%(transition)s” does not apply: the status is “%(current)s”."),
            code="invalid_transition",
            params={"transition": step.label, "current": locked.get_status_display()},  # type: ignore[attr-defined]
        )
    audit_record(
        instance=locked,
        actor=actor,
        from_status=current,
        to_status=step.target,
        note=note,
        at=at,
        notify=notify,
    )
    values = {"status": step.target, **(changes or {})}
    for field, value in values.items():
        setattr(locked, field, value)
        setattr(instance, field, value)
    locked.save(update_fields=list(values))
    return locked


__all__ = [
    "AuditEvent",
    "Transition",
    "TransitionNotAllowed",
    "Workflow",
    "audit_record",
    "status_constraint",
    "transition_apply",
    "transitions",
]
