"""The SMTP/LMTP receiver of case mail (aiosmtpd). The protocol runs on aiosmtpd's thread;
each message is handed to the thread that owns the database (`CaseMailReceiver.serve`, the
management command's main thread) and the client hears 250 only after it is stored, so a
message is either kept or still the sender's server's to retry. Recipients outside
CASE_MAIL_DOMAIN are refused at RCPT (550) and messages over CASE_MAIL_MAX_BYTES at DATA
(552). Bodies are never logged."""

import asyncio
import concurrent.futures
import logging
import queue

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from django.conf import settings
from django.db import close_old_connections, connection

from .addresses import is_case_domain

logger = logging.getLogger(__name__)
# aiosmtpd logs every command at INFO, RCPT TO with its address: the reply address carries
# the case's signed token, which stays out of the logs (issue 16's rule).
logging.getLogger("mail.log").setLevel(logging.WARNING)

SECONDS_TO_STORE = 60


class CaseMailHandler:
    def __init__(self, inbox: queue.Queue, max_bytes: int):
        self.inbox = inbox
        self.max_bytes = max_bytes

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if not is_case_domain(address):
            return "550 5.1.1 Not a case address"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        if len(raw) > self.max_bytes:
            return "552 5.3.4 Message too big"
        done: concurrent.futures.Future = concurrent.futures.Future()
        # MAIL FROM too ("" for "<>"): checked against the From address's domain.
        self.inbox.put((raw, list(envelope.rcpt_tos), envelope.mail_from or "", done))
        try:
            await asyncio.wait_for(asyncio.wrap_future(done), SECONDS_TO_STORE)
        except Exception:  # noqa: BLE001 (the sender's server keeps it and tries again)
            logger.exception("storing case mail failed")
            return "451 4.3.0 Could not store the message; try again later"
        return "250 2.0.0 Message accepted"


class _Controller(Controller):
    def __init__(self, *args, lmtp: bool = False, **kwargs):
        self.lmtp = lmtp
        super().__init__(*args, **kwargs)

    def factory(self):
        server_class = LMTP if self.lmtp else SMTP
        return server_class(self.handler, **self.SMTP_kwargs)


class CaseMailReceiver:
    """Listen on host:port; `serve()` or `process_one()` store what arrives."""

    def __init__(self, *, host: str, port: int, lmtp: bool = False, max_bytes: int | None = None):
        self.inbox: queue.Queue = queue.Queue()
        max_bytes = max_bytes or settings.CASE_MAIL_MAX_BYTES
        self.controller = _Controller(
            CaseMailHandler(self.inbox, max_bytes),
            hostname=host,
            port=port,
            lmtp=lmtp,
            # aiosmtpd refuses bigger DATA itself (552) before holding it all in memory.
            data_size_limit=max_bytes + 65536,
            server_hostname=settings.CASE_MAIL_DOMAIN,
        )

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def process_one(self, timeout: float | None = None) -> bool:
        """Store the next message that arrives within `timeout` seconds; False if none."""
        from .inbound import inbound_receive

        try:
            raw, recipients, envelope_sender, done = self.inbox.get(timeout=timeout)
        except queue.Empty:
            return False
        if not connection.in_atomic_block:  # a long-running process between messages
            close_old_connections()
        try:
            kept = inbound_receive(raw=raw, recipients=recipients, envelope_sender=envelope_sender)
        except Exception as error:  # noqa: BLE001 (told to the client as 451)
            done.set_exception(error)
        else:
            done.set_result([inbound.pk for inbound in kept])
        return True

    def serve(self, should_stop=lambda: False) -> None:
        while not should_stop():
            self.process_one(timeout=0.5)
