"""One visibility rule for every model with public / members / hidden rows (network/visibility.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import IntegrityError

from network.models import Membership
from network.visibility import Visibility
from tests.testapp.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make_membership):
    """One row at each level by a member who is nobody below, and a hidden row of each person below."""
    author = make_membership(status=Membership.Status.APPROVED).user
    for level in Visibility.values:
        Item.objects.create(title=f"author {level}", owner=author, visibility=level)


def titles(user):
    return set(Item.objects.visible_to(user).values_list("title", flat=True))


OTHERS_PUBLIC = {"author public"}
OTHERS_MEMBERS = {"author public", "author members"}


def test_visitor_sees_public_rows_only(items):
    assert titles(AnonymousUser()) == OTHERS_PUBLIC


@pytest.mark.parametrize(
    "status", [Membership.Status.APPLIED, Membership.Status.REJECTED, Membership.Status.SUSPENDED]
)
def test_applicant_rejected_and_suspended_see_public_rows_and_their_own(items, make_membership, status):
    person = make_membership(status=status).user
    Item.objects.create(title="mine", owner=person, visibility=Visibility.HIDDEN)
    assert titles(person) == OTHERS_PUBLIC | {"mine"}


def test_member_sees_members_rows_but_not_others_hidden_ones(items, member):
    assert titles(member) == OTHERS_MEMBERS


def test_owner_sees_their_own_hidden_row(items, member):
    Item.objects.create(title="mine", owner=member, visibility=Visibility.HIDDEN)
    assert titles(member) == OTHERS_MEMBERS | {"mine"}


def test_deactivated_owner_sees_public_rows_only(items, member):
    Item.objects.create(title="mine", owner=member, visibility=Visibility.HIDDEN)
    member.is_active = False
    assert titles(member) == OTHERS_PUBLIC


def test_staff_see_everything(items, moderator):
    assert titles(moderator) == {"author public", "author members", "author hidden"}


def test_deactivated_staff_see_public_rows_only(items, moderator):
    moderator.is_active = False
    assert titles(moderator) == OTHERS_PUBLIC


def test_visibility_chains_after_other_queryset_methods(items, member):
    assert list(Item.objects.filter(title__startswith="author p").visible_to(member)) == [
        Item.objects.get(title="author public")
    ]


def test_new_rows_are_members_only_and_unknown_levels_are_refused_by_the_database():
    assert Item.objects.create(title="default").visibility == Visibility.MEMBERS
    with pytest.raises(IntegrityError):
        Item.objects.create(title="typo", visibility="everyone")


def test_the_test_apps_migration_matches_its_models():
    call_command("makemigrations", "testapp", "--check", "--dry-run", verbosity=0)
