"""Reading an email: its text (text/plain preferred, else the HTML part as plain text, no
markup kept), without the quoted history and the signature mail clients add, and its
attachments. Only the standard library's `email` package and nh3."""

import html
import re
from dataclasses import dataclass, field
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

import nh3

MAX_BODY_CHARS = 10000  # TimelineEntry.body's limit


@dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str


@dataclass
class Parsed:
    message: EmailMessage
    message_id: str
    sender: str
    recipients: list[str]
    subject: str
    text: str
    attachments: list[Attachment] = field(default_factory=list)


def parse(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except (TypeError, ValueError, IndexError):  # a malformed header: read it raw
        value = message.get_all(name, failobj=[""])[0] if message.keys() else ""
    return str(value or "").strip()


def sender_of(message: EmailMessage) -> str:
    addresses = [a for _, a in getaddresses([_header(message, "From")]) if "@" in a]
    return addresses[0].lower() if addresses else ""


def recipients_of(message: EmailMessage) -> list[str]:
    """Envelope-ish first (what the mail server says it delivered to), then To and Cc."""
    values = []
    for name in ("Delivered-To", "X-Original-To", "To", "Cc"):
        values += [str(v) for v in (message.get_all(name) or [])]
    found = []
    for _, address in getaddresses(values):
        address = address.strip().lower()
        if "@" in address and address not in found:
            found.append(address)
    return found


def html_to_text(markup: str) -> str:
    """The words of an HTML part: block ends become line breaks, every tag goes (nh3 with
    no tag allowed), entities are decoded."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", "", markup)
    # Quoted history in HTML sits in a blockquote: it becomes a quoted line, trimmed later.
    markup = re.sub(r"(?is)<blockquote\b.*</blockquote\s*>", "\n> quoted\n", markup)
    markup = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    markup = re.sub(r"(?i)</(p|div|li|tr|h[1-6])\s*>", "\n", markup)
    text = html.unescape(nh3.clean(markup, tags=set(), attributes={}))
    return re.sub(r"\n{3,}", "\n\n", text.replace("\r", "")).strip()


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return part.get_content()
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(part.get_content())
    return ""


# Lines that start the quoted history (everything from them on goes).
HISTORY_STARTS = [
    re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*El\b.{0,300}\bescribi[óo]:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Le\b.{0,300}\ba écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|Mensaje original)\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{10,}\s*$"),  # Outlook's rule above the quoted header block
    re.compile(r"^\s*(From|De):\s.+$", re.IGNORECASE),  # Outlook: From/Sent/To block
    re.compile(r"^\s*>"),
]
# Lines that start a signature or a client's footer.
SIGNATURE_STARTS = [
    re.compile(r"^-- ?$"),
    re.compile(r"^\s*(Sent from my|Enviado desde mi|Enviado desde|Get Outlook for)\b", re.I),
]


def _starts_outlook_block(lines: list[str], index: int) -> bool:
    """ "From: …" counts as history only when "Sent:"/"Enviado:"/"Date:" follows shortly."""
    following = " ".join(lines[index + 1 : index + 4])
    return bool(re.search(r"(?im)^\s*(Sent|Enviado|Date|Fecha):", following.replace(" ", "\n")))


def trim(text: str) -> str:
    """The new part of a reply: quoted history and the signature removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # A client may wrap "On … wrote:" over two lines.
    joined = [f"{a} {b}" for a, b in zip(lines, lines[1:] + [""], strict=True)]
    cut = len(lines)
    for index, line in enumerate(lines):
        if any(p.match(line) for p in SIGNATURE_STARTS):
            cut = index
            break
        history = [p for p in HISTORY_STARTS if p.match(line) or p.match(joined[index])]
        if history:
            if history[0].pattern.startswith(r"^\s*(From|De)") and not _starts_outlook_block(
                lines, index
            ):
                continue
            cut = index
            break
    kept = "\n".join(lines[:cut]).strip()
    return kept[:MAX_BODY_CHARS]


def attachments_of(message: EmailMessage) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        if part.is_multipart():
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            content = part.get_payload(decode=True) or b""
        if isinstance(content, str):
            content = content.encode("utf-8")
        if not isinstance(content, bytes):  # message/rfc822 and the like
            content = bytes(part)
        name = part.get_filename() or "attachment"
        found.append(
            Attachment(name=name[:200], content=content, content_type=part.get_content_type())
        )
    return found


def read(raw: bytes) -> Parsed:
    message = parse(raw)
    return Parsed(
        message=message,
        message_id=_header(message, "Message-ID")[:250],
        sender=sender_of(message),
        recipients=recipients_of(message),
        subject=" ".join(_header(message, "Subject").split())[:300],
        text=trim(_text_of(message)),
        attachments=attachments_of(message),
    )


def is_automatic(message: EmailMessage) -> str:
    """Why `message` was sent by a machine ("auto_reply", "bounce") or "" for a person.
    RFC 3834 Auto-Submitted, Precedence, the X-Autoreply family, mailing lists, and
    returned mail (empty Return-Path, MAILER-DAEMON, multipart/report delivery status)."""
    return_path = message.get("Return-Path")
    sender = sender_of(message)
    if (
        (return_path is not None and str(return_path).strip() in ("<>", ""))
        or sender.split("@")[0] in ("mailer-daemon", "postmaster")
        or (
            message.get_content_type() == "multipart/report"
            and message.get_param("report-type", "").lower()
            in ("delivery-status", "disposition-notification")
        )
    ):
        return "bounce"
    auto_submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    if (
        auto_submitted != "no"
        or precedence in ("bulk", "junk", "list", "auto_reply")
        or any(message.get(h) is not None for h in ("X-Autoreply", "X-Autorespond", "List-Id"))
    ):
        return "auto_reply"
    return ""


def _raw_values(message: EmailMessage, name: str) -> list[str]:
    """The header's values as they came (unfolded), without the parser's interpretation."""
    return [" ".join(str(v).split()) for k, v in message.raw_items() if k.lower() == name.lower()]


def from_addresses(message: EmailMessage) -> tuple[list[str], bool]:
    """The addresses the From header names, lowercased, and whether they are one sender:
    exactly one From header naming exactly one address, without a syntax error, read the
    same by a strict and a lenient parser (mail clients that read a header differently
    would show a different sender than the one checked here)."""
    values = _raw_values(message, "From")
    strict, invalid = [], False
    for value in values:
        try:
            header = policy.default.header_fetch_parse("From", value)
            strict += [a.addr_spec.lower() for a in header.addresses]
            invalid = invalid or any(
                isinstance(d, errors.InvalidHeaderDefect) for d in header.defects
            )
        except (errors.HeaderParseError, TypeError, ValueError, IndexError, AttributeError):
            invalid = True
    lenient = [a.strip().lower() for _, a in getaddresses(values)]
    found = list(dict.fromkeys(a for a in strict + lenient if a and a != "<>"))
    local, _, domain = strict[0].rpartition("@") if len(strict) == 1 else ("", "", "")
    single = (
        len(values) == 1
        and not invalid
        and len(strict) == 1
        and lenient == strict
        and bool(local)
        and "." in domain
    )
    return found, single


def domain_of(address: str) -> str:
    return address.strip().strip("<>").rpartition("@")[2].strip().lower().rstrip(".")


def related_domains(one: str, other: str) -> bool:
    """The same domain, or one within the other (bounces.example.org and example.org), as
    DMARC's relaxed alignment would mostly have it (without the public suffix list: a
    sender's address is never at a public suffix itself)."""
    one, other = one.lower().rstrip("."), other.lower().rstrip(".")
    if not one or not other:
        return False
    return one == other or one.endswith("." + other) or other.endswith("." + one)


def _our_results(message: EmailMessage, authserv_id: str) -> list[tuple[str, str, dict]]:
    """(method, result, properties) of the topmost Authentication-Results header (RFC 8601)
    written by our receiving server. Ours is the topmost one with our authserv-id: a header
    further down with the same id was written before our server saw the message (by the
    sender, who can write any header; our server should also remove them)."""
    if not authserv_id:
        return []
    for value in _raw_values(message, "Authentication-Results"):
        text = re.sub(r"\([^()]*\)", " ", value)  # comments
        server, *parts = text.split(";")
        words = server.split()
        if not words or words[0].lower() != authserv_id.lower():
            continue
        found = []
        for part in parts:
            tokens = part.split()
            if not tokens or "=" not in tokens[0]:
                continue
            method, _, result = tokens[0].partition("=")
            properties = {}
            for token in tokens[1:]:
                key, sep, property_value = token.partition("=")
                if sep:
                    properties[key.lower()] = property_value.strip('"').lower()
            found.append((method.split("/")[0].lower(), result.lower(), properties))
        return found
    return []


def _dkim_passed_for(results, domain: str) -> bool:
    """A passing DKIM signature of `domain` (header.d, or header.i's domain)."""
    for method, result, properties in results:
        if method != "dkim" or result != "pass" or not domain:
            continue
        signer = properties.get("header.d") or domain_of(properties.get("header.i", ""))
        if signer and related_domains(signer, domain):
            return True
    return False


def sender_verified(message: EmailMessage, authserv_id: str, domain: str) -> bool:
    """True when our receiving server's Authentication-Results show that the From domain
    `domain` sent the message: DMARC passed, or a DKIM signature of that domain passed."""
    results = _our_results(message, authserv_id)
    if any(method == "dmarc" and result == "pass" for method, result, _ in results):
        return True
    return _dkim_passed_for(results, domain)


def sender_unverified(message: EmailMessage, authserv_id: str, domain: str = "") -> bool:
    """True when the Authentication-Results (RFC 8601) written by our own receiving server
    (`authserv_id`) say the From address is not the sender's: DMARC failed, or SPF failed
    and no DKIM signature of the From domain `domain` passed (a signature of the sender's
    own domain proves nothing about the From address). Headers from other servers (a
    sender can write any) are ignored; without a result from ours nothing is decided here."""
    results = _our_results(message, authserv_id)
    if any(method == "dmarc" and result == "fail" for method, result, _ in results):
        return True
    spf = [result for method, result, _ in results if method == "spf"]
    return bool(spf) and spf[0] in ("fail", "softfail") and not _dkim_passed_for(results, domain)


def return_path(message: EmailMessage) -> str | None:
    """The envelope sender the delivering server wrote in the topmost Return-Path ("" for
    "<>", a bounce), or None when there is none (a mailbox read over IMAP)."""
    values = _raw_values(message, "Return-Path")
    if not values:
        return None
    found = [a for _, a in getaddresses(values[:1]) if a.strip() and a.strip() != "<>"]
    return found[0].strip().lower() if found else ""
