from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from network.demo import PEOPLE, STAFF, demo_staff_totp_secrets

TOTP_PERIOD = 30


def current_totp(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // TOTP_PERIOD))


class Command(BaseCommand):
    help = "Print the portal URL, the demo logins and each demo staff account's TOTP secret and current code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default=settings.SITE_URL + "/")
        parser.add_argument(
            "--code-only", action="store_true", help="Print only each staff account's current TOTP code."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        secrets = demo_staff_totp_secrets()
        codes = [f"    {email:<26} {current_totp(secret)}" for email, secret in secrets.items()]
        if options["code_only"]:
            self.stdout.write(
                "\n".join(codes) if codes else "No demo staff yet: run make run (or seed_demo)."
            )
            return
        lines = [
            "",
            f"  ONSE is running at {options['url']}",
            f"  Demo password for every account: {settings.DEMO_PASSWORD}",
            "",
            *[f"    {email:<26} {name}" for email, name, _flags in STAFF],
            *[
                f"    {p.email:<26} {p.full_name} ({p.status or 'no application'})"
                for p in PEOPLE
                if p.email.split("@")[0] in {"member", "focal", "applicant", "suspended"}
            ],
            "",
            "  Staff sign-in asks for a two-factor code (TOTP). Each demo staff account has its own secret,",
            "  for an authenticator app:",
            *[f"    {email:<26} {secret}" for email, secret in secrets.items()],
            "  Current codes (new codes any time: make totp):",
            *codes,
            f"  Emails sent in development: {options['url']}dev/outbox/ (staff) and .data/outbox/*.eml",
            "  Press Ctrl-C to stop web, worker, beat and the embedded servers.",
            "",
        ]
        self.stdout.write("\n".join(lines))
