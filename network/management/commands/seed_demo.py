from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from network.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo accounts and memberships (idempotent). Password: DEMO_PASSWORD."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Seed even when DEBUG is off (tests, staging)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off; pass --force if you mean it."
            )
        result = seed_demo(password=settings.DEMO_PASSWORD)
        self.stdout.write(f"Demo data ready ({result['memberships_created']} new memberships).")
