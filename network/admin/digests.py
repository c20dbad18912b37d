"""Digests in the admin: each run's counts and failures, every delivery (with "Send again" for failed ones) and
the members' recorded email choices. Everything here is read-only except the resend, which goes through the
service (network/services/digests.py) and the sending task, like the beat's own sending.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from network.models import DeliveryStatus, DigestDelivery, DigestRun, EmailChoiceEvent, User
from network.models.digests import DigestRunQuerySet
from network.services.digests import chunks, digest_delivery_resend

from .tools import ReadOnlyAdminMixin

logger = logging.getLogger(__name__)

# The run's change page lists this many failures; the link below them opens all of them.
FAILURES_LISTED = 50

RUN_FIELDS = (
    "frequency",
    "period",
    "period_start",
    "period_end",
    "created_at",
    "counts",
    "failures",
)
DELIVERY_FIELDS = (
    "member",
    "run",
    "frequency",
    "period",
    "since",
    "status",
    "claimed_at",
    "sent_at",
    "attempts",
    "subject",
    "sections",
    "error",
)


def deliveries_url(**params: object) -> str:
    """The deliveries' list filtered by ``params`` (``run__id__exact``, ``member__id__exact``, ``status__exact``)."""
    return f"{reverse('admin:network_digestdelivery_changelist')}?{urlencode(params)}"


def delivery_history_html(user: User) -> SafeString:
    """A member's digests at a glance, for the user's change page: how many, how many failed, and links."""
    deliveries = DigestDelivery.objects.filter(member=user)
    total = deliveries.count()
    if not total:
        return SafeString(_("No digest yet."))
    failed = deliveries.failed().count()
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
        deliveries_url(member__id__exact=user.pk),
        ngettext("%(count)d digest", "%(count)d digests", total) % {"count": total},
        deliveries_url(member__id__exact=user.pk, status__exact=DeliveryStatus.FAILED),
        ngettext("%(count)d failed", "%(count)d failed", failed) % {"count": failed},
        f"{reverse('admin:network_emailchoiceevent_changelist')}?{urlencode({'member__id__exact': user.pk})}",
        _("email choices"),
    )


def _count(name: str, label: Any, status: str | None = None) -> Any:
    """A ``with_counts()`` column; with ``status``, a link to those deliveries of the run."""

    @admin.display(description=label, ordering=name)
    def column(self: DigestRunAdmin, run: DigestRun) -> Any:
        value = getattr(run, name)
        if status is None or not value:
            return value
        return format_html(
            '<a href="{}">{}</a>', deliveries_url(run__id__exact=run.pk, status__exact=status), value
        )

    column.__name__ = name
    return column


@admin.register(DigestRun)
class DigestRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Each scheduled sending with its counts; its page lists the failures with their error."""

    list_display = [
        "__str__",
        "period_start",
        "period_end",
        "created_at",
        "planned_count",
        "sent_count",
        "skipped_empty_count",
        "skipped_active_count",
        "skipped_other_count",
        "failed_count",
        "waiting_count",
    ]
    list_filter = ["frequency"]
    date_hierarchy = "period_end"
    fields = RUN_FIELDS
    readonly_fields = RUN_FIELDS

    planned_count = _count("planned", _("planned"))
    sent_count = _count("sent", _("sent"), DeliveryStatus.SENT)
    skipped_empty_count = _count("skipped_empty", _("nothing new"), DeliveryStatus.EMPTY)
    skipped_active_count = _count("skipped_active", _("active on the site"), DeliveryStatus.ACTIVE)
    skipped_other_count = _count("skipped_other", _("no longer receiving"), DeliveryStatus.SKIPPED)
    failed_count = _count("failed", _("failed"), DeliveryStatus.FAILED)
    waiting_count = _count("waiting", pgettext_lazy("digest deliveries not sent yet", "waiting"))

    def get_queryset(self, request: HttpRequest) -> DigestRunQuerySet:
        return cast(DigestRunQuerySet, super().get_queryset(request)).with_counts()

    @admin.display(description=_("deliveries"))
    def counts(self, run: DigestRun) -> SafeString:
        rows = [
            (_("planned"), run.planned, deliveries_url(run__id__exact=run.pk)),  # type: ignore[attr-defined]
            *(
                (
                    DeliveryStatus(status).label,
                    getattr(run, name),
                    deliveries_url(run__id__exact=run.pk, status__exact=status),
                )
                for name, status in (
                    ("sent", DeliveryStatus.SENT),
                    ("skipped_empty", DeliveryStatus.EMPTY),
                    ("skipped_active", DeliveryStatus.ACTIVE),
                    ("skipped_other", DeliveryStatus.SKIPPED),
                    ("failed", DeliveryStatus.FAILED),
                )
            ),
            (_("waiting or being sent"), run.waiting, None),  # type: ignore[attr-defined]
        ]
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {}</li>",
                (
                    (label, format_html('<a href="{}">{}</a>', url, value) if url else value)
                    for label, value, url in rows
                ),
            ),
        )

    @admin.display(description=_("failures"))
    def failures(self, run: DigestRun) -> SafeString:
        failed = list(
            run.deliveries.failed().select_related("member").order_by("member__email")[:FAILURES_LISTED]
        )
        if not failed:
            return SafeString(_("None."))
        table = format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("member"),
            _("attempts"),
            _("error"),
            format_html_join(
                "",
                '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>',
                (
                    (
                        reverse("admin:network_digestdelivery_change", args=[delivery.pk]),
                        delivery.member.email,
                        delivery.attempts,
                        delivery.error,
                    )
                    for delivery in failed
                ),
            ),
        )
        if run.failed > len(failed):  # type: ignore[attr-defined]
            more = format_html(
                '<p><a href="{}">{}</a></p>',
                deliveries_url(run__id__exact=run.pk, status__exact=DeliveryStatus.FAILED),
                _("All %(count)d failures") % {"count": run.failed},  # type: ignore[attr-defined]
            )
            return format_html("{}{}", table, more)
        return table


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Every member's digest of every run; failed ones can be sent again."""

    list_display = ["member_email", "run", "status", "attempts", "sent_at", "short_error"]
    list_filter = ["status", "frequency", "run"]
    search_fields = ["member__email"]
    list_select_related = ["member", "run"]
    list_per_page = 100
    actions = ["send_again"]
    fields = DELIVERY_FIELDS
    readonly_fields = DELIVERY_FIELDS

    @admin.display(description=_("member"), ordering="member__email")
    def member_email(self, delivery: DigestDelivery) -> str:
        return delivery.member.email

    @admin.display(description=_("error"))
    def short_error(self, delivery: DigestDelivery) -> str:
        return Truncator(delivery.error).chars(80)

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("network.change_digestdelivery"))

    @admin.action(description=_("Send the selected failed digests again"), permissions=["resend"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[DigestDelivery]) -> None:
        """Failed ones go back to planned and are queued once the change is committed; the sending decides
        again (a member suspended, turned digests off or whose address was refused since gets nothing)."""
        with transaction.atomic():
            ids = [
                delivery.pk
                for delivery in queryset.filter(status=DeliveryStatus.FAILED)
                if digest_delivery_resend(delivery=delivery)
            ]
            if ids:
                transaction.on_commit(partial(_queue, request, ids))
        left = queryset.count() - len(ids)
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected digest had not failed: left as it was.",
                    "%(count)d selected digests had not failed: left as they were.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )


def _queue(request: HttpRequest, delivery_ids: list[int]) -> None:
    """Queue the resent deliveries in chunks, once committed; with the broker down, put them back to failed
    (nothing is lost, staff try again later) rather than leave them planned where no beat picks them up."""
    from network.tasks import digests_send_chunk

    try:
        for chunk in chunks(delivery_ids):
            digests_send_chunk.delay(delivery_ids=chunk)
    except Exception:  # kombu/redis errors vary by transport
        logger.exception("Could not queue digests %s for sending again", delivery_ids)
        DigestDelivery.objects.filter(pk__in=delivery_ids, status=DeliveryStatus.PLANNED).update(
            status=DeliveryStatus.FAILED
        )
        messages.error(request, _("The sending queue is unavailable: nothing was sent. Try again later."))
        return
    count = len(delivery_ids)
    messages.success(
        request,
        ngettext("%(count)d digest will be sent again.", "%(count)d digests will be sent again.", count)
        % {"count": count},
    )


@admin.register(EmailChoiceEvent)
class EmailChoiceEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """What members (or a refused address, or staff) changed about the emails they get: the record."""

    list_display = ["created_at", "member_email", "kind", "old_value", "new_value", "source", "actor"]
    list_filter = ["source", "kind"]
    search_fields = ["member__email"]
    list_select_related = ["member", "actor"]
    date_hierarchy = "created_at"

    @admin.display(description=_("member"), ordering="member__email")
    def member_email(self, event: EmailChoiceEvent) -> str:
        return event.member.email
