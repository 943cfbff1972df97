"""Reading case mail from a mailbox (IMAP4rev1, imaplib): the UNSEEN messages of
CASE_MAIL_IMAP_URL (`imaps://user:password@host[:port]/INBOX`, or `imap://` for a local
server), each stored before it is flagged \\Seen, so a crash between the two reads it again
and the Message-ID makes the second reading a no-op."""

import imaplib
import logging
import re
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db import close_old_connections, connection

from . import text as mailtext
from .inbound import inbound_receive

logger = logging.getLogger(__name__)


class MailboxURLError(ValueError):
    pass


@dataclass
class Mailbox:
    secure: bool
    host: str
    port: int
    user: str
    password: str
    folder: str


def mailbox_from_url(url: str) -> Mailbox:
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise MailboxURLError("CASE_MAIL_IMAP_URL must be imaps://user:password@host/FOLDER")
    secure = parts.scheme == "imaps"
    return Mailbox(
        secure=secure,
        host=parts.hostname,
        port=parts.port or (993 if secure else 143),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
    )


def _connect(mailbox: Mailbox, *, timeout: float):
    if mailbox.secure:
        return imaplib.IMAP4_SSL(
            mailbox.host, mailbox.port, ssl_context=ssl.create_default_context(), timeout=timeout
        )
    return imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)


def _raw_of(fetched) -> bytes | None:
    for item in fetched or []:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def fetch_case_mail(url: str, *, allow_insecure: bool = False, timeout: float = 30) -> dict:
    """Store each UNSEEN message of the mailbox at `url`, then flag it \\Seen. Counts of
    what happened; a message that could not be stored stays unseen for the next run."""
    mailbox = mailbox_from_url(url)
    if not mailbox.secure and not allow_insecure:
        raise MailboxURLError("imap:// sends the password in clear: use imaps:// or --insecure")
    counts = {"stored": 0, "failed": 0}
    client = _connect(mailbox, timeout=timeout)
    try:
        client.login(mailbox.user, mailbox.password)
        status, _ = client.select(_quoted(mailbox.folder))
        if status != "OK":
            raise MailboxURLError(f"no folder {mailbox.folder!r}")
        status, data = client.uid("SEARCH", None, "UNSEEN")
        uids = (data[0] or b"").split() if status == "OK" and data else []
        for uid in uids:
            status, fetched = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = _raw_of(fetched) if status == "OK" else None
            if raw is None:
                counts["failed"] += 1
                continue
            if not connection.in_atomic_block:  # a long-running process between messages
                close_old_connections()
            try:
                # No envelope over IMAP: the delivering server's Return-Path stands for it.
                envelope_sender = mailtext.return_path(mailtext.parse(raw))
                inbound_receive(raw=raw, envelope_sender=envelope_sender)
            except Exception:  # noqa: BLE001 (left unseen: read again next time)
                logger.exception("storing case mail from the mailbox failed (uid %s)", uid)
                counts["failed"] += 1
                continue
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            counts["stored"] += 1
    finally:
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return counts


def _quoted(folder: str) -> str:
    return (
        folder if re.fullmatch(r"[A-Za-z0-9._/-]+", folder) else '"' + folder.replace('"', "") + '"'
    )
