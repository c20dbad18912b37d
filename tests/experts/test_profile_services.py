"""Approval creates the profile (through MEMBERSHIP_APPROVED_HOOKS), pre-filled, once; edits keep search fresh."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery

from experts.models import ExpertProfile
from experts.services.profiles import LinkData, profile_create_for, profile_update
from network.models import Country, Membership, Theme
from network.services.members import member_details_update
from network.services.membership import membership_approve, membership_reject

pytestmark = pytest.mark.django_db


def _approve(make_membership, moderator, **kwargs):
    membership = make_membership(**kwargs)
    return membership_approve(membership=membership, actor=moderator)


def test_approval_creates_a_members_only_profile_with_the_applications_themes(make_membership, moderator):
    themes = list(Theme.objects.filter(slug__in=["youth", "gender"]))
    membership = _approve(make_membership, moderator, user__full_name="José Martínez", themes=themes)
    profile = ExpertProfile.objects.get(user=membership.user)
    assert profile.visibility == "members"
    assert profile.contact_enabled
    assert profile.slug == "jose-martinez"
    assert set(profile.themes.all()) == set(themes)
    assert profile.name_key == "jose martinez"
    assert profile.search_vector is not None


def test_rejection_creates_no_profile(make_membership, moderator):
    membership = membership_reject(membership=make_membership(), actor=moderator)
    assert not ExpertProfile.objects.filter(user=membership.user).exists()


def test_a_failing_hook_rolls_the_approval_back(make_membership, moderator, settings):
    settings.MEMBERSHIP_APPROVED_HOOKS = ["tests.experts.test_profile_services.broken_hook"]
    membership = make_membership()
    with pytest.raises(RuntimeError):
        membership_approve(membership=membership, actor=moderator)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPLIED


def broken_hook(*, membership):
    raise RuntimeError("profile could not be created")


def test_profile_create_for_is_idempotent(make_membership):
    membership = make_membership(status=Membership.Status.APPROVED)
    first = profile_create_for(membership=membership)
    assert profile_create_for(membership=membership) == first
    assert ExpertProfile.objects.filter(user=membership.user).count() == 1


@pytest.mark.parametrize(
    ("name", "slug"),
    [("王伟", "wang-wei"), ("محمد الأمين", "expert"), ("Nguyễn Thị Hương", "nguyen-thi-huong")],
)
def test_slugs_are_ascii_from_any_script(make_membership, name, slug):
    profile = profile_create_for(membership=make_membership(user__full_name=name))
    assert profile.slug == slug


def test_namesakes_and_reserved_words_get_distinct_slugs(make_membership):
    a = profile_create_for(membership=make_membership(user__full_name="Wang Wei"))
    b = profile_create_for(membership=make_membership(user__full_name="王伟"))
    c = profile_create_for(membership=make_membership(user__full_name="Me"))
    assert (a.slug, b.slug, c.slug) == ("wang-wei", "wang-wei-2", "me-2")


def test_a_name_change_in_member_details_reaches_the_search_keys(make_membership):
    membership = make_membership(status=Membership.Status.APPROVED, user__full_name="Old Name")
    profile = profile_create_for(membership=membership)
    member_details_update(
        user=membership.user,
        actor=membership.user,
        full_name="Fatima Zahra Benali",
        position=membership.position,
        organisation=membership.organisation,
        country=Country.objects.get(code="MA"),
    )
    profile.refresh_from_db()
    assert profile.name_key == "fatima zahra benali"
    assert ExpertProfile.objects.filter(
        pk=profile.pk, search_vector=SearchQuery("benali", config="simple")
    ).exists()


def test_profile_update_renders_the_biography_once_and_replaces_languages_and_links(make_membership):
    profile = profile_create_for(membership=make_membership(status=Membership.Status.APPROVED))
    profile_update(
        profile=profile,
        headline="Prison rehabilitation, East Africa",
        bio="I led **disengagement** work. <script>alert(1)</script>",
        themes=Theme.objects.filter(slug="youth"),
        pillars=[4, 1, 4],
        years_of_experience=12,
        availability=["training", "advisory"],
        phone="+254 700 000000",
        visibility="public",
        contact_enabled=False,
        languages=[("sw", "native"), ("en", "fluent"), ("sw", "basic")],
        links=[
            LinkData(
                kind="publication", title="Rehabilitation in practice", url="https://example.org", year=2021
            )
        ],
    )
    profile.refresh_from_db()
    assert "<strong>disengagement</strong>" in profile.bio_html
    assert "<script>" not in profile.bio_html
    assert profile.pillars == [1, 4]
    assert profile.availability == ["advisory", "training"]
    assert [(x.language, x.level) for x in profile.languages.all()] == [("sw", "native"), ("en", "fluent")]
    assert [x.title for x in profile.links.all()] == ["Rehabilitation in practice"]
    assert ExpertProfile.objects.filter(
        pk=profile.pk, search_vector=SearchQuery("rehabilitation", config="simple")
    ).exists()


def test_a_members_edit_keeps_the_organisation_link_staff_set_meanwhile(make_membership):
    """The member's form was loaded before staff linked the organisation: saving it must not undo the link."""
    from tests.factories import OrganisationFactory

    profile = profile_create_for(membership=make_membership(status=Membership.Status.APPROVED))
    stale = ExpertProfile.objects.get(pk=profile.pk)  # what the member's edit page loaded
    organisation = OrganisationFactory()
    ExpertProfile.objects.filter(pk=profile.pk).update(organisation=organisation)  # staff, in the admin
    profile_update(
        profile=stale,
        headline="Community policing",
        bio="",
        themes=[],
        pillars=[],
        years_of_experience=None,
        availability=[],
        phone="",
        visibility="members",
        contact_enabled=True,
        languages=[],
        links=[],
    )
    profile.refresh_from_db()
    assert profile.headline == "Community policing"
    assert profile.organisation == organisation
