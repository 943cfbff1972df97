"""Back up the database and every stored file into one directory or tarball (a manifest
with checksums included): `manage.py backup /backups/wsr-2025-01-31.tar.gz`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wsr.site.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the stored files (public and private) into one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", help="A new directory, or a file ending in .tar.gz, .tgz or .tar."
        )
        parser.add_argument(
            "--database-url",
            default="",
            help="Dump through this connection instead of DATABASE_URL's (behind PgBouncer, "
            "the database server itself; BACKUP_DATABASE_URL sets it too).",
        )

    def handle(self, *args, destination, database_url, **options):
        from django.conf import settings

        try:
            manifest = backup_create(
                destination=Path(destination),
                database_url=database_url or getattr(settings, "BACKUP_DATABASE_URL", ""),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and {files} files "
            f"into {destination}."
        )
