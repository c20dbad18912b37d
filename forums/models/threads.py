"""Threads and posts. Everything here is members-only (``visible_to``): a visitor, an applicant, a rejected or a
suspended member sees nothing; staff see everything, including hidden and pending posts.

Posts carry a ``number`` within their thread (1, 2, 3… in order, never reused): a page of a thread is the
posts whose numbers fall in its range, found through the ``(thread, number)`` index — post 2,000 costs what
post 20 costs (no OFFSET). Counters on the thread and its category are kept by the posting services inside the
post's transaction. Status changes (approve, hide, lock, close…) go through the shared workflow with an audit
row; the author is emailed about their post's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Self

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from network.markdown import markdown_fields
from network.models.attachments import Attachment
from network.permissions import is_member
from network.workflow import AuditEvent, Transition, Workflow, status_constraint, transitions

PAGE_SIZE = 20  # posts per thread page: page k holds numbers (k-1)*PAGE_SIZE+1 … k*PAGE_SIZE


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


class ThreadStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    OPEN = "open", _("Open")
    LOCKED = "locked", _("Locked")
    CLOSED = "closed", _("Closed")
    HIDDEN = "hidden", _("Hidden")


class PostStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden")


_T = ThreadStatus
_P = PostStatus
# The threads every member reads: not waiting for approval, not hidden by a moderator.
READABLE_THREAD_STATUSES = (_T.OPEN, _T.LOCKED, _T.CLOSED)


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: Any) -> Self:
        """Members see open, locked and closed threads (and their own pending one); staff everything."""
        if _is_staff(user):
            return self.all()
        if not is_member(user):
            return self.none()
        return self.filter(
            models.Q(status__in=READABLE_THREAD_STATUSES) | models.Q(status=_T.PENDING, author=user)
        )

    def visible_to_every_member(self) -> Self:
        """What any member in good standing reads (``visible_to(member)`` without their own pending thread)."""
        return self.filter(status__in=READABLE_THREAD_STATUSES)

    def with_unread(self, user: Any, *, unread_only: bool = False) -> Self:
        """Each thread with ``is_unread``, ``unread_count``, ``first_unread_number``, ``read_number`` for this
        member, computed in the same query (forums/models/reading.py, ``unread_annotations``); only the unread
        ones with ``unread_only``."""
        from .reading import READ_CUTOFF_DAYS, unread_annotations

        annotated = self.annotate(**unread_annotations(user))
        if not unread_only:
            return annotated
        # Implied by is_unread (no activity before the read cutoff's earliest bound counts), and answerable from
        # the index on last_post_at rather than by computing is_unread for every thread.
        horizon = timezone.now() - timedelta(days=READ_CUTOFF_DAYS)
        return annotated.filter(last_post_at__gt=horizon, is_unread=True)


class Thread(Workflow, models.Model):
    Status = ThreadStatus

    TRANSITIONS = transitions(
        Transition("approve", _("Approve"), frozenset({_T.PENDING}), _T.OPEN, "thread_approved"),
        Transition("lock", _("Lock"), frozenset({_T.OPEN}), _T.LOCKED),
        Transition("unlock", _("Unlock"), frozenset({_T.LOCKED}), _T.OPEN),
        Transition("close", _("Close"), frozenset({_T.OPEN, _T.LOCKED}), _T.CLOSED),
        Transition("reopen", _("Reopen"), frozenset({_T.CLOSED}), _T.OPEN),
        Transition(
            "hide",
            _("Hide"),
            frozenset({_T.PENDING, _T.OPEN, _T.LOCKED, _T.CLOSED}),
            _T.HIDDEN,
            "thread_hidden",
        ),
        Transition("unhide", _("Show again"), frozenset({_T.HIDDEN}), _T.OPEN, "thread_unhidden"),
    )

    category = models.ForeignKey(
        "forums.Category", on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_threads",
        verbose_name=_("started by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ThreadStatus.choices, default=_T.OPEN)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    keywords = TaggableManager(verbose_name=_("keywords"), blank=True)
    practice = models.ForeignKey(
        "practices.GoodPractice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussions",
        verbose_name=_("about the good practice"),
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    # Kept by the posting services in the post's transaction; never written when someone reads the thread.
    last_number = models.PositiveIntegerField(_("posts numbered"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("visible posts"), default=0, editable=False)
    last_post = models.ForeignKey(
        "forums.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_post_number = models.PositiveIntegerField(_("last visible post"), default=0, editable=False)
    last_post_at = models.DateTimeField(_("last activity"), null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        constraints = [status_constraint(ThreadStatus, name="thread_status_valid")]
        indexes = [
            models.Index(fields=["category", "-is_pinned", "-last_post_at"], name="thread_category_activity"),
            models.Index(fields=["-last_post_at"], name="thread_recent_activity"),
            GinIndex(fields=["search_vector"], name="thread_search_vector"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", kwargs={"pk": self.pk, "slug": self.slug})

    def notification_recipient(self) -> Any:
        return self.author

    @property
    def accepts_posts(self) -> bool:
        return self.status == ThreadStatus.OPEN


class ThreadEvent(AuditEvent):
    SUBJECT_FIELD = "thread"

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="events", verbose_name=_("thread")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ThreadStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ThreadStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("thread moderation event")
        verbose_name_plural = _("thread moderation history")


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: Any) -> Self:
        """Members see visible posts of threads they may see, and their own pending posts; staff everything."""
        if _is_staff(user):
            return self.all()
        if not is_member(user):
            return self.none()
        return self.filter(
            models.Q(status=_P.VISIBLE) | models.Q(status=_P.PENDING, author=user),
            thread__in=Thread.objects.visible_to(user),
        )

    def visible_to_every_member(self) -> Self:
        """Visible posts of threads any member reads (``visible_to(member)`` without their own pending posts)."""
        return self.filter(status=_P.VISIBLE, thread__status__in=READABLE_THREAD_STATUSES)

    def pending(self) -> Self:
        """Posts waiting for a moderator's approval (the premoderation queue)."""
        return self.filter(status=_P.PENDING)

    def page_of(self, thread: Thread, page: int) -> Self:
        """The posts of one page of a thread, by number (an index range, not an OFFSET)."""
        first = (page - 1) * PAGE_SIZE + 1
        return self.filter(thread=thread, number__gte=first, number__lt=first + PAGE_SIZE).order_by("number")


class Post(Workflow, models.Model):
    Status = PostStatus

    TRANSITIONS = transitions(
        Transition("approve", _("Approve"), frozenset({_P.PENDING}), _P.VISIBLE, "post_approved"),
        Transition("reject", _("Reject"), frozenset({_P.PENDING}), _P.HIDDEN, "post_rejected"),
        Transition("hide", _("Hide"), frozenset({_P.VISIBLE}), _P.HIDDEN, "post_hidden"),
        Transition("unhide", _("Show again"), frozenset({_P.HIDDEN}), _P.VISIBLE, "post_unhidden"),
    )

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    body, body_html = markdown_fields(_("message"))
    quote_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("quotes")
    )
    status = models.CharField(_("status"), max_length=20, choices=PostStatus.choices, default=_P.VISIBLE)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("mentioned members")
    )
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "number"]
        constraints = [
            status_constraint(PostStatus, name="post_status_valid"),
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_once"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="post_search_vector"),
            models.Index(fields=["author", "-created_at"], name="post_author_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} #{self.number}"

    def get_absolute_url(self) -> str:
        page = (self.number - 1) // PAGE_SIZE + 1
        return f"{self.thread.get_absolute_url()}?page={page}#post-{self.number}"

    def notification_recipient(self) -> Any:
        return self.author


class PostEvent(AuditEvent):
    SUBJECT_FIELD = "post"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events", verbose_name=_("post"))
    from_status = models.CharField(_("from"), max_length=20, choices=PostStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PostStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("post moderation event")
        verbose_name_plural = _("post moderation history")


class PostAttachment(Attachment):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("post")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def visible_to(self, user: Any) -> Self:
        """Members see the e-discussions whose thread they may see; staff all; everyone else nothing."""
        return self.filter(thread__in=Thread.objects.visible_to(user))

    def upcoming(self, now: Any = None) -> Self:
        return self.filter(closed_at__isnull=True, opens_at__gt=now or timezone.now())

    def open_now(self, now: Any = None) -> Self:
        now = now or timezone.now()
        return self.filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)

    def ended(self, now: Any = None) -> Self:
        return self.filter(models.Q(closed_at__isnull=False) | models.Q(closes_at__lte=now or timezone.now()))

    def close_due(self, now: Any = None) -> Self:
        """Past their end and not closed yet: the beat task closes them."""
        return self.filter(closed_at__isnull=True, closes_at__lte=now or timezone.now())

    def open_unannounced(self, now: Any = None) -> Self:
        """Open now and followers not told yet (one that ended before the beat saw it is only closed)."""
        now = now or timezone.now()
        return self.filter(
            opened_notified_at__isnull=True, closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now
        )

    def with_header(self) -> Self:
        """What the header include prints, in three queries: the row with its thread, summaries with their
        authors (newest first), facilitators."""
        return self.select_related("thread").prefetch_related(
            models.Prefetch("summaries", queryset=ConsultationSummary.objects.select_related("author")),
            "facilitators",
        )


class Consultation(models.Model):
    """A time-boxed, moderated e-discussion (like a UN online consultation), held in its thread: open to posts
    between ``opens_at`` and ``closes_at`` only; closed by the beat task at the end, with a synthesis."""

    thread = models.OneToOneField(
        Thread, on_delete=models.CASCADE, related_name="consultation", verbose_name=_("thread")
    )
    lead_question, lead_question_html = markdown_fields(_("lead question"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), db_index=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("facilitators")
    )
    synthesis, synthesis_html = markdown_fields(_("closing synthesis"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Followers are told once when it opens (the beat task claims the row by setting this).
    opened_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("time-boxed e-discussion")
        verbose_name_plural = _("time-boxed e-discussions")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="consultation_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return str(self.thread)

    def phase(self, now: Any = None) -> str:
        """ "upcoming", "open" or "closed" (closed once its end has passed, even before the beat runs)."""
        now = now or timezone.now()
        if self.closed_at is not None or self.closes_at <= now:
            return "closed"
        return "upcoming" if self.opens_at > now else "open"

    def accepts_posts(self, now: Any = None) -> bool:
        return self.phase(now) == "open"


class ConsultationSummary(models.Model):
    """A facilitator's dated summary of the discussion so far (the newest is pinned above the posts)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("e-discussion")
    )
    body, body_html = markdown_fields(_("summary"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.consultation_id} @ {self.created_at:%Y-%m-%d}"
