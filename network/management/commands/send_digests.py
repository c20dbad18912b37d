"""``send_digests --frequency weekly [--dry-run] [--member EMAIL]``: the beat's digest run, by hand.

Without ``--dry-run`` it plans the current period's run (the same rows the beat would, once) and sends its
deliveries chunk by chunk in this process, with a progress line on stderr; running it again sends only what is
left. With ``--dry-run`` it writes nothing and prints, for each member who receives that frequency, what their
digest would hold or why none would be sent. How it works: docs/digests.md ("Digests: operations").
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from network.models import DeliveryStatus, DigestDelivery, MemberPreferences, User
from network.models.digests import PERIOD_LENGTH
from network.notifications import TemporaryEmailError
from network.permissions import is_member
from network.services.digests import (
    ChunkOutcome,
    DigestPreview,
    chunks,
    digest_deliveries_send,
    digest_period,
    digest_previews,
    digest_recipients,
    digest_recipients_since,
    digest_run_plan,
)

NOT_SENT: dict[str, str] = {
    DeliveryStatus.SKIPPED: "no longer receives this digest",
    DeliveryStatus.ACTIVE: "active on the site since then: has seen it",
    DeliveryStatus.EMPTY: "nothing new: no email",
}


class Command(BaseCommand):
    help = "Plan and send the current period's digests (or show, with --dry-run, who would get what)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--frequency", required=True, choices=sorted(PERIOD_LENGTH))
        parser.add_argument(
            "--dry-run", action="store_true", help="Write and send nothing; print who would get what."
        )
        parser.add_argument("--member", metavar="EMAIL", help="Only this member.")

    def handle(self, *args: Any, **options: Any) -> None:
        frequency: str = options["frequency"]
        member = self._member(options["member"]) if options["member"] else None
        if options["dry_run"]:
            self._dry_run(frequency, member)
        else:
            self._send(frequency, member)

    def _member(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the address {email!r}.")
        return user

    def _why_not_a_recipient(self, member: User, frequency: str) -> str:
        if not is_member(member):
            return "not a member in good standing (an applicant, suspended, or deactivated)"
        preferences = MemberPreferences.for_user(member)
        if preferences.email_bounced_at is not None:
            return f"their address was refused on {preferences.email_bounced_at:%Y-%m-%d %H:%M} UTC"
        return f"receives digests: {preferences.get_digest_frequency_display()}"

    # --- dry run ---------------------------------------------------------------------------------------------

    def _dry_run(self, frequency: str, member: User | None) -> None:
        period = digest_period(frequency)
        self.stdout.write(
            f"{frequency} digest {period.key}, new since up to {period.start:%Y-%m-%d %H:%M} UTC, "
            f"until {period.end:%Y-%m-%d %H:%M} UTC. Dry run: nothing is written or sent."
        )
        recipients = digest_recipients(frequency)
        if member is not None:
            if not recipients.filter(pk=member.pk).exists():
                self.stdout.write(
                    f"{member.email}: no digest, {self._why_not_a_recipient(member, frequency)}."
                )
                return
            recipients = recipients.filter(pk=member.pk)
        done = dict(
            DigestDelivery.objects.filter(frequency=frequency, period=period.key)
            .exclude(status=DeliveryStatus.PLANNED)
            .values_list("member_id", "status")
        )
        people = (
            digest_recipients_since(recipients, period)
            .annotate(membership_status=models.F("membership__status"))  # type: ignore[no-redef]
            .order_by("email")
        )
        would_send = 0
        # In chunks, as a run sends them: the sections are built once per chunk.
        for chunk in chunks(people.iterator(chunk_size=500)):
            todo = []
            for person in chunk:
                if person.pk in done:
                    label = DeliveryStatus(done[person.pk]).label
                    self.stdout.write(f"{person.email}: already done in {period.key} ({label}).")
                else:
                    todo.append((person, person.since))  # type: ignore[attr-defined]
            for preview in digest_previews(todo, frequency=frequency):
                would_send += preview.not_sent is None
                self.stdout.write(self._preview_line(preview))
        self.stdout.write(f"{would_send} digest(s) would be sent.")

    def _preview_line(self, preview: DigestPreview) -> str:
        person = preview.member
        head = f"{person.email} ({person.preferred_language}, since {preview.since:%Y-%m-%d %H:%M})"
        if preview.not_sent is not None:
            return f"{head}: {NOT_SENT.get(preview.not_sent, preview.not_sent)}."
        sections = ", ".join(f"{section.key} {section.total}" for section in preview.sections)
        return f"{head}: {sections}"

    # --- real run --------------------------------------------------------------------------------------------

    def _send(self, frequency: str, member: User | None) -> None:
        run, planned = digest_run_plan(frequency=frequency, members=[member] if member else None)
        if member is not None and not planned:
            status = run.deliveries.filter(member=member).values_list("status", flat=True).first()
            if status is None:
                raise CommandError(
                    f"{member.email}: no digest, {self._why_not_a_recipient(member, frequency)}."
                )
            self.stdout.write(
                f"{member.email}: already done in {run.period} ({DeliveryStatus(status).label})."
            )
            return
        self.stdout.write(f"{run}: {len(planned)} digest(s) to send.")
        total = ChunkOutcome()
        done = 0
        for chunk in chunks(planned):
            try:
                outcome = digest_deliveries_send(chunk)
            except TemporaryEmailError as error:
                self._progress_end()
                raise CommandError(
                    f"The mail server said to try later ({error}); the rest is still planned: "
                    "run the same command again to send it."
                ) from error
            for status, count in outcome.counts.items():
                total.counts[status] = total.counts.get(status, 0) + count
            done += len(chunk)
            self._progress(done, len(planned), total)
        self._progress_end()
        summary = ", ".join(f"{status} {count}" for status, count in sorted(total.counts.items()))
        self.stdout.write(f"Done: {summary or 'nothing to send'}.")

    def _progress(self, done: int, total: int, outcome: ChunkOutcome) -> None:
        """``[#####     ] 400/1000 sent 350 empty 40``: rewritten in place on a terminal, a line per chunk
        otherwise (logs)."""
        width = 30
        filled = width * done // total
        counts = " ".join(f"{status} {count}" for status, count in sorted(outcome.counts.items()))
        line = f"[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {counts}"
        if self._on_terminal():
            self.stderr.write(f"\r{line}", ending="")
            self.stderr.flush()
        else:
            self.stderr.write(line)

    def _progress_end(self) -> None:
        if self._on_terminal():
            self.stderr.write("")

    def _on_terminal(self) -> bool:
        return bool(getattr(self.stderr, "isatty", lambda: False)())
