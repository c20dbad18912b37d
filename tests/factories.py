"""factory_boy factories; the fixtures that use them live in tests/conftest.py."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from network.models import Country, Membership, Theme, User

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
        model = "experts.Organisation"

    name = factory.Sequence(lambda n: f"Centre for Prevention Studies {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    kind = "academia"


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """A profile of an approved member; call ``experts.search.profile_search_refresh`` when search matters."""

    class Meta:
        model = "experts.ExpertProfile"

    user = factory.LazyFunction(
        lambda: MembershipFactory(status=Membership.Status.APPROVED, decided_at=timezone.now()).user
    )
    slug = factory.Sequence(lambda n: f"expert-{n}")
