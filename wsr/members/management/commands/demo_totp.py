import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from .seed_demo import DEMO_STAFF_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current one-time code of the demo staff login (embedded default only)."

    def handle(self, *args, **options):
        from django.conf import settings

        if not settings.IS_EMBEDDED_DEFAULT:
            raise CommandError("Demo codes are only available in the embedded default.")
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_STAFF_TOTP_SECRET, counter)))
