"""`manage.py fetch_case_mail`: store the unseen messages of the case mailbox
(CASE_MAIL_IMAP_URL, or --url), then flag them seen. Beat runs it when the URL is set."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assistance.mail.imap import MailboxURLError, fetch_case_mail


class Command(BaseCommand):
    help = "Read replies to case emails from an IMAP mailbox."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="Default: CASE_MAIL_IMAP_URL.")
        parser.add_argument(
            "--insecure", action="store_true", help="Allow imap:// (no TLS), for a local server."
        )

    def handle(self, *args, url, insecure, **options):
        url = url or settings.CASE_MAIL_IMAP_URL
        if not url:
            raise CommandError("Set CASE_MAIL_IMAP_URL (imaps://user:password@host/INBOX).")
        try:
            counts = fetch_case_mail(url, allow_insecure=insecure)
        except (MailboxURLError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Stored {counts['stored']} message(s); {counts['failed']} failed.")
