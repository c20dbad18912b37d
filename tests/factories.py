"""factory_boy factories; the fixtures that use them live in tests/conftest.py."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.db import models
from django.utils import timezone

from advisory.models import AdvisoryRequest, Delivery, Modality, Offer, OfferKind, OfferStatus
from experts.models import ExpertProfile, Organisation, OrganisationKind, ProfileLanguage
from experts.search import profile_search_refresh
from forums.models import Category, Post, Thread
from network.models import Country, Membership, Pillar, Theme, User
from network.visibility import Visibility
from practices.models import GoodPractice, PracticeStatus
from practices.search import practice_search_refresh

PASSWORD = "a-long-test-password-77"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    country = factory.LazyFunction(lambda: Country.objects.get(code="KE"))
    organisation = "National Counter Terrorism Centre"
    position = "Programme officer"
    motivation = "I coordinate county action plans and want to compare approaches with peers."

    @factory.post_generation
    def themes(obj: Membership, create: bool, extracted: list[Theme] | None, **kwargs: object) -> None:
        if create:
            obj.themes.set(extracted or Theme.objects.filter(slug="pcve"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.GOVERNMENT


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """An approved member's profile, search keys computed. ``membership__country=…``,
    ``membership__status=…``, ``membership__is_focal_point=True`` shape the membership; ``themes=[…]`` and
    ``languages=[("ar", "native"), …]`` the rest."""

    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"expert-{n}")

    @factory.post_generation
    def membership(obj: ExpertProfile, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create or Membership.objects.filter(user=obj.user).exists():
            return
        kwargs.setdefault("status", Membership.Status.APPROVED)
        if kwargs["status"] != Membership.Status.APPLIED:
            kwargs.setdefault("decided_at", timezone.now())
        MembershipFactory(user=obj.user, **kwargs)

    @factory.post_generation
    def themes(obj: ExpertProfile, create: bool, extracted: list[Theme] | None, **kwargs: Any) -> None:
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def languages(
        obj: ExpertProfile, create: bool, extracted: list[tuple[str, str]] | None, **kwargs: Any
    ) -> None:
        if create and extracted:
            ProfileLanguage.objects.bulk_create(
                ProfileLanguage(profile=obj, language=language, level=level) for language, level in extracted
            )

    @factory.post_generation
    def search_keys(obj: ExpertProfile, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            profile_search_refresh(profile_ids=[obj.pk])


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    """A published, public practice in English about PCVE in Kenya, search vector computed. ``countries=[…]``,
    ``themes=[…]`` (Theme rows or slugs) and ``status=…`` shape it; ``submitted_by`` defaults to a new member."""

    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"practice-{n}")
    title = factory.Sequence(lambda n: f"Community resilience programme {n}")
    summary = "Local leaders and youth workers built early-warning networks against recruitment."
    body = "The programme trained **community** mentors and ran dialogue sessions in schools."
    body_html = "<p>The programme trained <strong>community</strong> mentors and ran dialogue sessions in schools.</p>"
    language = "en"
    visibility = Visibility.PUBLIC
    status = PracticeStatus.PUBLISHED
    pillars = factory.LazyFunction(lambda: [Pillar.CONDITIONS_CONDUCIVE])
    start_year = 2019
    submitted_by = factory.LazyFunction(lambda: ExpertProfileFactory().user)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in {PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED} else None
    )
    submitted_at = factory.LazyAttribute(
        lambda o: None if o.status == PracticeStatus.DRAFT else timezone.now()
    )

    @factory.post_generation
    def countries(obj: GoodPractice, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create:
            codes = [getattr(c, "code", c) for c in (extracted or ["KE"])]
            obj.countries.set(Country.objects.filter(code__in=codes))

    @factory.post_generation
    def themes(obj: GoodPractice, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create:
            slugs = [getattr(t, "slug", t) for t in (extracted or ["pcve"])]
            obj.themes.set(Theme.objects.filter(slug__in=slugs))

    @factory.post_generation
    def search_vector(obj: GoodPractice, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            practice_search_refresh(practice_ids=[obj.pk])


class ThreadFactory(factory.django.DjangoModelFactory):
    """An open thread in the seeded "Engaging youth" category, started by a new member (no posts: add them with
    PostFactory and call forums.counters.thread_counters_refresh, as the services do)."""

    class Meta:
        model = Thread

    category = factory.LazyFunction(lambda: Category.objects.get(slug="youth"))
    title = factory.Sequence(lambda n: f"Mentoring networks for young people {n}")
    slug = factory.Sequence(lambda n: f"mentoring-networks-{n}")
    author = factory.LazyFunction(lambda: ExpertProfileFactory().user)


class PostFactory(factory.django.DjangoModelFactory):
    """A visible post, numbered after the thread's last one."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    number = factory.LazyAttribute(
        lambda o: (Post.objects.filter(thread=o.thread).aggregate(n=models.Max("number"))["n"] or 0) + 1
    )
    author = factory.LazyAttribute(lambda o: o.thread.author)
    body = "Schools in Mombasa paired each mentor with five students."
    body_html = "<p>Schools in Mombasa paired each mentor with five students.</p>"


class AdvisoryRequestFactory(factory.django.DjangoModelFactory):
    """A new request from a new member in Kenya on PCVE (remote advice, staff-only). ``themes=[…]`` (rows or
    slugs) and ``status=…`` shape it; for a realistic history use advisory.services.requests instead."""

    class Meta:
        model = AdvisoryRequest
        skip_postgeneration_save = True

    requested_by = factory.LazyFunction(lambda: ExpertProfileFactory().user)
    institution = "National Counter Terrorism Centre"
    country = factory.LazyFunction(lambda: Country.objects.get(code="KE"))
    title = factory.Sequence(lambda n: f"Support to the county action plans {n}")
    need = (
        "We need advice on monitoring and evaluating our county action plans on preventing violent extremism."
    )
    need_html = "<p>We need advice on monitoring and evaluating our county action plans on preventing violent extremism.</p>"
    pillars = factory.LazyFunction(lambda: [Pillar.CONDITIONS_CONDUCIVE])
    languages = factory.LazyFunction(lambda: ["en"])
    modality = Modality.REMOTE_ADVICE

    @factory.post_generation
    def themes(obj: AdvisoryRequest, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create:
            slugs = [getattr(t, "slug", t) for t in (extracted or ["pcve"])]
            obj.themes.set(Theme.objects.filter(slug__in=slugs))


class OfferFactory(factory.django.DjangoModelFactory):
    """A published, members-only remote training course in English and French on PCVE."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"offer-{n}")
    title = factory.Sequence(lambda n: f"Training of trainers on community policing {n}")
    summary = "A five-day course for police trainers on community engagement against violent extremism."
    description = "Taught by **practitioners** from the region."
    description_html = "<p>Taught by <strong>practitioners</strong> from the region.</p>"
    kind = OfferKind.TRAINING
    delivery = Delivery.REMOTE
    pillars = factory.LazyFunction(lambda: [Pillar.CONDITIONS_CONDUCIVE])
    languages = factory.LazyFunction(lambda: ["en", "fr"])
    on_request = True
    visibility = Visibility.MEMBERS
    status = OfferStatus.PUBLISHED
    offered_by = factory.LazyFunction(lambda: ExpertProfileFactory().user)
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == OfferStatus.PUBLISHED else None
    )

    @factory.post_generation
    def themes(obj: Offer, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create:
            slugs = [getattr(t, "slug", t) for t in (extracted or ["pcve"])]
            obj.themes.set(Theme.objects.filter(slug__in=slugs))
