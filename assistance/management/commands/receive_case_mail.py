"""`manage.py receive_case_mail`: the SMTP (or, with --lmtp, LMTP) receiver of replies to
case emails, on CASE_MAIL_SMTP_HOST:CASE_MAIL_SMTP_PORT. A mail server (Postfix, Exim)
relays CASE_MAIL_DOMAIN to it, or `make run` runs it on 127.0.0.1:2525."""

import signal

from django.conf import settings
from django.core.management.base import BaseCommand

from assistance.mail.smtp import CaseMailReceiver


class Command(BaseCommand):
    help = "Receive replies to case emails over SMTP or LMTP."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=None, help="Default: CASE_MAIL_SMTP_HOST.")
        parser.add_argument("--port", type=int, default=None, help="Default: CASE_MAIL_SMTP_PORT.")
        parser.add_argument("--lmtp", action="store_true", help="Speak LMTP instead of SMTP.")

    def handle(self, *args, host, port, lmtp, **options):
        host = host or settings.CASE_MAIL_SMTP_HOST
        port = port or settings.CASE_MAIL_SMTP_PORT
        stopping: list[int] = []
        previous = {
            signum: signal.signal(signum, lambda number, frame: stopping.append(number))
            for signum in (signal.SIGINT, signal.SIGTERM)
        }
        receiver = CaseMailReceiver(host=host, port=port, lmtp=lmtp)
        try:
            receiver.start()
        except BaseException:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            raise
        protocol = "LMTP" if lmtp else "SMTP"
        self.stderr.write(
            f"receive_case_mail: {protocol} on {host}:{port} for @{settings.CASE_MAIL_DOMAIN}"
        )
        try:
            receiver.serve(should_stop=lambda: bool(stopping))
        finally:
            receiver.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
