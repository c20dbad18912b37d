"""The demo (``manage.py seed_demo``): every app's demo data, checked against one seeding.

Seeding the whole demo takes seconds, so this module seeds once (the ``demo`` fixture, inside a transaction
rolled back when the module ends; each test runs in its own savepoint within it, so it sees the seeded data and
never another test's changes) and a single test seeds again to prove nothing changes. Each xdist worker that
runs some of these tests seeds once. A seeding that must fail needs an empty database and stays outside
(tests/network/test_workflow.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from advisory.indicators import advisory_indicators
from advisory.models import (
    AdvisoryRequest,
    AdvisoryRequestEvent,
    Invitation,
    InvitationEvent,
    InvitationStatus,
    Offer,
    OfferEvent,
    OfferInterest,
    OfferStatus,
    ProposedOffer,
    RequestStatus,
)
from experts.models import ExpertProfile, Organisation
from forums.models import (
    Consultation,
    Flag,
    FlagStatus,
    NewsItem,
    Notification,
    Post,
    QuickUpdate,
    Thread,
    ThreadFollow,
    ThreadStatus,
)
from network.models import Membership, MembershipEvent, User
from network.visibility import Visibility
from practices.models import (
    Endorsement,
    GoodPractice,
    GoodPracticeEvent,
    PracticeAttachment,
    PracticeStatus,
    PracticeVersion,
)
from practices.opendata import open_practices

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Demo:
    files: Path  # MEDIA_ROOT and ATTACHMENTS_ROOT while seeding: files / "media", files / "attachments"
    sent: list[Any]  # the emails sent while seeding


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Demo]:
    files = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=files / "media", ATTACHMENTS_ROOT=files / "attachments"),
        transaction.atomic(),
    ):
        mail.outbox = []
        call_command("seed_demo", "--force")
        yield Demo(files=files, sent=list(mail.outbox))
        transaction.set_rollback(True)


def _stored(files: Path) -> list[Path]:
    root = files / "attachments"
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def _forum_counts() -> tuple[int, ...]:
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Consultation.objects.count(),
        Flag.objects.count(),
        QuickUpdate.objects.count(),
        NewsItem.objects.count(),
        Notification.objects.count(),
        ThreadFollow.objects.count(),
    )


def _advisory_counts() -> tuple[int, ...]:
    return (
        AdvisoryRequest.objects.count(),
        AdvisoryRequestEvent.objects.count(),
        Invitation.objects.count(),
        InvitationEvent.objects.count(),
        Offer.objects.count(),
        OfferEvent.objects.count(),
        OfferInterest.objects.count(),
        ProposedOffer.objects.count(),
    )


def _snapshot(files: Path) -> dict[str, object]:
    """What a second seeding must leave as it is, app by app."""
    return {
        "accounts": (User.objects.count(), Membership.objects.count()),
        "experts": sorted(ExpertProfile.objects.values_list("slug", "headline", "visibility")),
        "organisations": Organisation.objects.count(),
        "practices": sorted(GoodPractice.objects.values_list("slug", "status", "translation_group")),
        "practice history": (
            GoodPracticeEvent.objects.count(),
            Endorsement.objects.count(),
            PracticeVersion.objects.count(),
        ),
        "practice files": (_stored(files), PracticeAttachment.objects.count()),
        "forums": _forum_counts(),
        "advisory": _advisory_counts(),
    }


def test_seed_demo_refuses_without_debug_unless_forced():
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_seeding_again_changes_nothing(demo: Demo):
    before = _snapshot(demo.files)
    call_command("seed_demo", "--force")
    assert _snapshot(demo.files) == before


# --- Accounts and memberships (network) -------------------------------------------------------------------


def test_seed_demo_creates_every_demo_account(demo: Demo):
    status = dict(Membership.objects.values_list("user__email", "status"))
    assert status["member@example.org"] == "approved"
    assert status["focal@example.org"] == "approved"
    assert status["applicant@example.org"] == "applied"
    assert status["suspended@example.org"] == "suspended"
    assert Membership.objects.get(user__email="focal@example.org").is_focal_point
    admin = User.objects.get(email="admin@example.org")
    moderator = User.objects.get(email="moderator@example.org")
    assert admin.is_superuser and moderator.groups.filter(name="Moderators").exists()
    assert not moderator.is_superuser
    assert Authenticator.objects.filter(user__in=[admin, moderator], type="totp").count() == 2
    suspended = Membership.objects.get(user__email="suspended@example.org")
    assert list(suspended.events.values_list("to_status", flat=True)) == ["applied", "approved", "suspended"]


def test_each_demo_staff_account_has_its_own_totp_secret_printed_by_demo_logins(demo: Demo):
    from network.demo import demo_staff_totp_secrets
    from network.management.commands.demo_logins import current_totp

    secrets = demo_staff_totp_secrets()
    assert set(secrets) == {"admin@example.org", "moderator@example.org"}
    assert secrets["admin@example.org"] != secrets["moderator@example.org"]
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert all(secret in out.getvalue() for secret in secrets.values())
    codes = StringIO()
    with time_machine.travel(timezone.now(), tick=False):  # the same 30-second window for both
        call_command("demo_logins", "--code-only", stdout=codes)
        for email, secret in secrets.items():
            assert f"{email}  " in codes.getvalue() and current_totp(secret) in codes.getvalue()


def test_demo_history_is_audited_by_staff_and_emails_nobody(demo: Demo):
    """seed_demo takes the services' path (tests/network/test_workflow.py shows a forbidden history fails)."""
    suspended = Membership.objects.get(user__email="suspended@example.org")
    events = list(suspended.events.select_related("actor"))
    assert [(e.from_status, e.to_status) for e in events] == [
        ("", "applied"),
        ("applied", "approved"),
        ("approved", "suspended"),
    ]
    assert {e.actor.email for e in events[1:]} == {"moderator@example.org"}
    assert suspended.decided_at == events[-1].created_at and suspended.decision_note
    assert not demo.sent
    everything = MembershipEvent.objects.notification_due(
        min_age=timezone.timedelta(0), max_age=timezone.timedelta(days=9999)
    )
    assert not everything.exists()  # the sweep will not email years-old demo decisions either


# --- Experts -----------------------------------------------------------------------------------------------

ARABIC = re.compile("[\u0600-\u06ff]")
HAN = re.compile("[\u4e00-\u9fff]")


def test_demo_experts_are_many_and_varied(demo: Demo):
    """Enough, varied and real-looking to try the directory, created through the services."""
    profiles = list(ExpertProfile.objects.select_related("user__membership__country"))

    # >= 40 experts, every network region, names in Arabic and Chinese script and Latin with accents.
    assert len(profiles) >= 40
    regions = {p.user.membership.country.network_region for p in profiles}
    assert {"africa", "asia", "middle-east", "latin-america-caribbean"} <= regions
    names = [p.user.full_name for p in profiles]
    assert sum(bool(ARABIC.search(n)) for n in names) >= 3
    assert sum(bool(HAN.search(n)) for n in names) >= 3
    assert any(
        n != n.encode("ascii", "ignore").decode() and not ARABIC.search(n) and not HAN.search(n)
        for n in names
    )

    # Varied visibility, availability, languages, contact; every profile written through the services.
    assert {p.visibility for p in profiles} == {"public", "members", "hidden"}
    assert len({a for p in profiles for a in p.availability}) == 4
    assert ExpertProfile.objects.filter(languages__language="ar").exists()
    assert ExpertProfile.objects.filter(contact_enabled=False).exists()
    assert all(p.headline and p.bio_html and p.search_vector for p in profiles)
    assert ExpertProfile.objects.get(user__full_name="王伟").name_latin == "wang wei"

    # Organisations: >= 12 of every kind, the IGAD Centre and SEARCCT among the Centres of Excellence.
    assert Organisation.objects.count() >= 12
    assert len(set(Organisation.objects.values_list("kind", flat=True))) == 6
    assert {"ICEPCVE", "SEARCCT"} <= set(
        Organisation.objects.centres_of_excellence().values_list("acronym", flat=True)
    )
    assert ExpertProfile.objects.filter(organisation__slug="searcct").count() >= 2

    # The suspended demo member's public profile reaches no other member.
    suspended = ExpertProfile.objects.get(user__email="suspended@example.org")
    assert suspended.visibility == "public"
    member = ExpertProfile.objects.get(user__email="member@example.org").user
    assert not ExpertProfile.objects.visible_to(member).filter(pk=suspended.pk).exists()


# --- Practices ---------------------------------------------------------------------------------------------


def test_demo_practices_are_many_varied_and_moderated(demo: Demo):
    """Many, varied, real-looking, moderated through the workflow services."""
    practices = list(GoodPractice.objects.prefetch_related("countries", "themes", "events"))

    assert len(practices) >= 30
    assert {p.status for p in practices} == set(PracticeStatus.values)
    assert {p.visibility for p in practices} == {Visibility.PUBLIC, Visibility.MEMBERS}
    languages = {p.language for p in practices if p.status == PracticeStatus.PUBLISHED}
    assert {"en", "fr", "es", "ar", "zh", "ru", "pt"} <= languages
    assert all(p.countries.all() and p.themes.all() and p.pillars for p in practices if p.status != "draft")
    assert all(p.body_html and p.search_vector for p in practices)

    # Translations: the same practice in several languages shares its group.
    groups: dict[str, set[str]] = {}
    for practice in practices:
        groups.setdefault(str(practice.translation_group), set()).add(practice.language)
    assert sum(len(languages) > 1 for languages in groups.values()) >= 5

    # History through the workflow: audited, a version per submission, notes where they are owed, no email.
    for practice in practices:
        statuses = [e.to_status for e in practice.events.all()]
        assert statuses[-1:] == ([] if practice.status == "draft" else [practice.status])
        if practice.status in {"changes_requested", "rejected"}:
            assert practice.events.all()[len(statuses) - 1].note
    assert PracticeVersion.objects.count() == sum(p.status != "draft" for p in practices)
    assert not GoodPracticeEvent.objects.filter(notified_at=None).exists()
    assert demo.sent == []
    in_review = GoodPractice.objects.get(status=PracticeStatus.IN_REVIEW, language="en")
    assert 2 <= (timezone.now() - in_review.submitted_at).days <= 10
    assert all(p.published_at for p in practices if p.status in {"published", "archived"})

    # Relations to the demo experts and organisations; focal points' endorsements of published practices.
    stratcom = GoodPractice.objects.get(slug="igad-co-design-pcve-communications")
    assert stratcom.organisations.get().acronym == "ICEPCVE"
    assert stratcom.contact_experts.count() == 2
    assert Endorsement.objects.count() >= 5
    assert not Endorsement.objects.exclude(practice__status=PracticeStatus.PUBLISHED).exists()

    # Open data sees the published public ones only.
    assert open_practices().count() == sum(
        p.status == "published" and p.visibility == "public" for p in practices
    )


def test_demo_practice_files_are_stored_and_served_to_whoever_may_read_the_practice(demo: Demo):
    """A report or a chart on a few published practices, added by the submitter before submitting, kept in the
    attachments storage (here the module's folder) and served to whoever may read the practice."""
    attachments = list(PracticeAttachment.objects.select_related("practice"))
    assert len({a.practice for a in attachments}) >= 5
    assert {a.practice.status for a in attachments} == {PracticeStatus.PUBLISHED}
    assert {a.practice.visibility for a in attachments} == {Visibility.PUBLIC, Visibility.MEMBERS}
    assert {a.content_type for a in attachments} == {"application/pdf", "image/png"}
    assert all(a.uploaded_by_id == a.practice.submitted_by_id for a in attachments)
    assert all(a.original_name in a.practice.versions.get(number=1).data["attachments"] for a in attachments)
    assert _stored(demo.files) == sorted(Path(a.file.name) for a in attachments)

    public = next(
        a for a in attachments if a.content_type == "application/pdf" and a.practice.visibility == "public"
    )
    members = next(a for a in attachments if a.practice.visibility == "members")
    visitor = Client()
    response = visitor.get(reverse("practices:attachment", args=[public.practice.slug, public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert (
        visitor.get(reverse("practices:attachment", args=[members.practice.slug, members.pk])).status_code
        == 404
    )


# --- Forums ------------------------------------------------------------------------------------------------

SCRIPTS = {  # a character each language's posts cannot do without
    "ar": "ال",
    "zh": "的",
    "ru": "ы",
    "fr": "é",
    "es": "ción",
    "pt": "ção",
}


def test_demo_forums_are_rich_multilingual_and_email_nobody(demo: Demo):
    """Many posts in several languages with mentions and quotes, time-boxed e-discussions in each state, flags
    waiting, quick updates, public news — written through the services, nobody emailed."""
    discussions = Thread.objects.filter(consultation__isnull=True)
    assert discussions.count() >= 10
    assert Post.objects.filter(status="visible").count() >= 80
    assert discussions.values("category").distinct().count() >= 9
    bodies = list(Post.objects.values_list("body", flat=True))
    for language, letters in SCRIPTS.items():
        assert sum(letters in body for body in bodies) >= 3, language
    assert Post.mentions.through.objects.count() >= 15
    assert Post.objects.filter(quote_of__isnull=False).count() >= 15
    assert all("@{" not in body for body in bodies)  # every mention resolved to a profile address
    assert Thread.objects.filter(is_pinned=True).exists()

    # Dates spread over the past weeks, and the counters follow them.
    now = timezone.now()
    oldest = Post.objects.order_by("created_at").first()
    assert oldest is not None and (now - oldest.created_at).days >= 30
    assert Post.objects.filter(created_at__gte=now - timezone.timedelta(days=7)).exists()
    for thread in Thread.objects.annotate(newest=Max("posts__created_at")).filter(posts__isnull=False):
        assert thread.post_count == thread.posts.filter(status="visible").count()
        assert thread.last_post_at == thread.newest

    # One time-boxed e-discussion in each state.
    upcoming = Consultation.objects.get(opens_at__gt=now)
    assert upcoming.thread.follows.filter(level="following").count() >= 3
    current = Consultation.objects.get(opens_at__lte=now, closes_at__gt=now)
    assert current.summaries.exists() and current.thread.status == ThreadStatus.OPEN
    assert current.thread.posts.count() >= 5
    closed = Consultation.objects.get(closes_at__lte=now)
    assert closed.closed_at and closed.synthesis_html and closed.thread.status == ThreadStatus.CLOSED

    assert Flag.objects.filter(status=FlagStatus.OPEN).count() >= 3
    assert QuickUpdate.objects.count() >= 10
    assert NewsItem.objects.published().count() >= 5

    # Members were notified in the app, in the past; nobody is emailed now.
    assert Notification.objects.filter(kind="mention").count() >= 10
    assert not Notification.objects.filter(notified_at__isnull=True).exists()
    assert Notification.objects.filter(created_at__lt=now - timezone.timedelta(days=7)).exists()
    assert demo.sent == []


def test_demo_forums_are_members_only_but_the_news_is_public(demo: Demo, client: Client):
    assert not Thread.objects.visible_to(AnonymousUser()).exists()
    assert not Post.objects.visible_to(AnonymousUser()).exists()
    thread = Thread.objects.filter(consultation__isnull=True).first()
    assert thread is not None
    for url in (reverse("forums:index"), thread.get_absolute_url(), reverse("forums:search") + "?q=youth"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert thread.title.encode() not in response.content
    news = client.get(reverse("news:list"))
    assert news.status_code == 200 and NewsItem.objects.first().title.encode() in news.content  # type: ignore[union-attr]


# --- Advisory ----------------------------------------------------------------------------------------------


def test_demo_requests_and_offers_cover_every_status_through_the_services(demo: Demo):
    """Requests in every status and offers at every step, grounded in the programme documents, made through the
    services by the demo members and staff, dated in the past, nobody emailed."""
    now = timezone.now()
    requests = list(
        AdvisoryRequest.objects.select_related("requested_by").prefetch_related("events", "themes")
    )

    assert len(requests) >= 8
    assert {r.status for r in requests} == set(RequestStatus.values)
    by_requester = {r.requested_by.email for r in requests}
    assert {"member@example.org", "focal@example.org"} <= by_requester
    assert any(r.on_behalf_of_institution and r.requested_by.email == "focal@example.org" for r in requests)
    assert all(r.need_html and r.themes.all() and r.created_at < now for r in requests)
    # Each request's history is its status changes, ending in its status, in the past.
    for request in requests:
        statuses = [e.to_status for e in request.events.all() if e.from_status != e.to_status]
        assert statuses[0] == RequestStatus.NEW and statuses[-1] == request.status
        assert all(e.created_at <= now for e in request.events.all())
        assert request.status_changed_at == max(
            e.created_at for e in request.events.all() if e.from_status != e.to_status
        )
    declined = next(r for r in requests if r.status == RequestStatus.DECLINED)
    assert "equipment" in declined.events.get(to_status=RequestStatus.DECLINED).note
    completed = [r for r in requests if r.status == RequestStatus.COMPLETED]
    assert all(r.outcome_summary and r.completed_at for r in completed)
    assert any(r.rating for r in completed) and any(r.can_be_rated for r in completed)
    assert AdvisoryRequest.objects.filter(owner__email="moderator@example.org").count() >= 5

    # Experts invited with reasons; some accepted, one declined with a note, one still to answer.
    invitations = list(Invitation.objects.select_related("request__requested_by", "expert__user"))
    statuses = {i.status for i in invitations}
    assert {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED, InvitationStatus.INVITED} <= statuses
    assert all(i.reasons and i.message for i in invitations)
    assert all(i.expert.user_id != i.request.requested_by_id for i in invitations)
    mine = [i for i in invitations if i.request.requested_by.email == "member@example.org"]
    assert {InvitationStatus.ACCEPTED, InvitationStatus.DECLINED} <= {i.status for i in mine}

    # Offers at every step of their workflow; members registered interest in published ones; some proposed.
    offers = list(Offer.objects.prefetch_related("themes"))
    assert len(offers) >= 6
    assert {o.status for o in offers} == set(OfferStatus.values)
    assert all(o.published_at for o in offers if o.status in {OfferStatus.PUBLISHED, OfferStatus.CLOSED})
    assert OfferInterest.objects.filter(offer__status=OfferStatus.PUBLISHED).count() >= 4
    assert not OfferInterest.objects.exclude(offer__status=OfferStatus.PUBLISHED).exists()
    assert ProposedOffer.objects.filter(created_at__lt=now).count() >= 2

    # The history was told at the time: nothing emailed now, nothing left for the sweep to send.
    assert demo.sent == []
    for model in (AdvisoryRequestEvent, InvitationEvent, OfferEvent):
        assert not model.objects.notification_due(
            min_age=timezone.timedelta(0), max_age=timezone.timedelta(days=3650)
        ).exists()

    # The public page shows the service's numbers from the demo.
    figures = advisory_indicators()
    assert figures.completed_exchanges >= 3 and figures.cross_regional_exchanges >= 2
    assert figures.average_rating is not None
    page = Client().get(reverse("advisory:service"))
    assert page.status_code == 200
    assert all(r.title not in page.content.decode() for r in requests)
