"""Apply the retention policy: anonymize cases closed more than ASSISTANCE_CASE_RETENTION_DAYS
ago. Lists them by default; --apply anonymizes them."""

from django.core.management.base import BaseCommand

from assistance.services import case_anonymize, cases_due_for_anonymization
from assistance.services.privacy import case_retention_days


class Command(BaseCommand):
    help = "Anonymize closed cases past their retention (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Anonymize them.")

    def handle(self, *args, apply=False, **options):
        cases = list(cases_due_for_anonymization())
        days = case_retention_days()
        for case in cases:
            if apply:
                case_anonymize(case=case)
            self.stdout.write(f"{case.reference} closed {case.closed_at:%Y-%m-%d}")
        verb = "Anonymized" if apply else "Would anonymize (dry run, --apply to do it)"
        self.stdout.write(f"{verb}: {len(cases)} case(s) closed more than {days} days ago.")
