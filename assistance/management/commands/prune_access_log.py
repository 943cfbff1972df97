"""Delete access records older than ASSISTANCE_ACCESS_LOG_DAYS (also run daily by beat)."""

from django.core.management.base import BaseCommand

from assistance.services import access_records_prune


class Command(BaseCommand):
    help = "Delete access records older than ASSISTANCE_ACCESS_LOG_DAYS."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {access_records_prune()} access record(s).")
