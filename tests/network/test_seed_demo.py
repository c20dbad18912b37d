import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.utils import timezone

from network.models import Membership, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("files_in_tmp")]


def test_seed_demo_creates_every_demo_account_once():
    call_command("seed_demo", "--force")
    counts = (User.objects.count(), Membership.objects.count())
    call_command("seed_demo", "--force")
    assert (User.objects.count(), Membership.objects.count()) == counts
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


def test_seed_demo_refuses_without_debug_unless_forced():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_each_demo_staff_account_has_its_own_totp_secret_printed_by_demo_logins():
    from io import StringIO

    from network.demo import demo_staff_totp_secrets
    from network.management.commands.demo_logins import current_totp

    call_command("seed_demo", "--force")
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
