from django.core.management.base import BaseCommand

from wsr.api import snapshots


class Command(BaseCommand):
    help = (
        "Write today's open-data snapshot (the bulk files of every collection) under "
        "OPEN_DATA_ROOT, as the daily task does."
    )

    def handle(self, *args, **options):
        folder = snapshots.snapshot_write()
        self.stdout.write(self.style.SUCCESS(f"Open-data snapshot written: {folder}"))
