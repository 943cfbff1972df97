"""Replace the database and the stored files with a backup's (`manage.py backup`). Stop the
web, workers and beat first; run `manage.py migrate` after, when the code is newer."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsr.site.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the stored files from a backup directory or archive."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup directory or archive.")
        parser.add_argument(
            "--database-url",
            default="",
            help="Restore through this connection instead of DATABASE_URL's (behind "
            "PgBouncer, the database server itself; BACKUP_DATABASE_URL sets it too).",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also delete stored files the backup does not hold.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, source, database_url, prune, interactive, **options):
        from django.conf import settings

        if interactive:
            answer = input(
                "This replaces the whole database and the stored files with the backup's. "
                "Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(
                source=Path(source),
                database_url=database_url or getattr(settings, "BACKUP_DATABASE_URL", ""),
                prune=prune,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            f"Restored the database and {files} files from the backup of {manifest['created']}."
        )
