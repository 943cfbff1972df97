"""Mail backends that fail as real servers do, for the delivery tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Drops the connection on the first `failures` sends, then delivers."""

    failures = 1
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """Refuses one address for good (550), delivers the others."""

    refused = "gone@example.org"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


class RejectingBackend(EmailBackend):
    """Refuses every message for its content after DATA (554), as a spam filter does."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected as spam")
