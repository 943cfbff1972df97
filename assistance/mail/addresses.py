"""A case's reply address `<prefix>+<reference>.<signature>@<CASE_MAIL_DOMAIN>` and its
thread's root Message-ID. The signature is an HMAC of the reference keyed by SECRET_KEY
(salted), truncated to 20 base32 characters (100 bits): the reference alone is guessable
(it is printed on letters and pages), the address is not."""

import base64
import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "assistance.mail.reply-address"
SIGNATURE_LENGTH = 20  # base32 characters: 100 bits
TOKEN = re.compile(rf"([a-z0-9-]{{1,20}})\.([a-z2-7]{{{SIGNATURE_LENGTH}}})")


def _signature(reference: str) -> str:
    digest = salted_hmac(SALT, reference.upper(), algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").lower()[:SIGNATURE_LENGTH]


def reply_token(reference: str) -> str:
    return f"{reference.lower()}.{_signature(reference)}"


def reply_address(case) -> str:
    """Where a reply about `case` goes."""
    return (
        f"{settings.CASE_MAIL_LOCAL_PREFIX}+{reply_token(case.reference)}"
        f"@{settings.CASE_MAIL_DOMAIN}"
    )


def thread_root(case) -> str:
    """The Message-ID every email about `case` refers to, so mail clients thread them."""
    return f"<case-{case.reference}@{settings.CASE_MAIL_DOMAIN}>"


class AddressError(ValueError):
    """Not one of our case addresses (`is_ours` False), or one whose signature is wrong."""

    def __init__(self, message: str, *, is_ours: bool):
        super().__init__(message)
        self.is_ours = is_ours


def is_case_domain(address: str) -> bool:
    return address.rsplit("@", 1)[-1].strip().lower() == settings.CASE_MAIL_DOMAIN.lower()


def reference_from(address: str) -> str:
    """The case reference a reply address names; AddressError when it is not on our domain
    (`is_ours` False) or its token is malformed or forged (`is_ours` True)."""
    address = address.strip().strip("<>").strip()
    if "@" not in address or not is_case_domain(address):
        raise AddressError("not a case address", is_ours=False)
    local = address.rsplit("@", 1)[0]
    prefix, _, token = local.partition("+")
    if prefix.lower() != settings.CASE_MAIL_LOCAL_PREFIX.lower() or not token:
        raise AddressError("no token", is_ours=True)
    match = TOKEN.fullmatch(token.lower())
    if match is None:
        raise AddressError("malformed token", is_ours=True)
    reference, signature = match.groups()
    if not constant_time_compare(signature, _signature(reference)):
        raise AddressError("bad signature", is_ours=True)
    return reference.upper()


def case_mail_headers(case) -> dict:
    """What every email about `case` carries: replies go to the case, and mail clients
    thread the emails under the case's root Message-ID (the sender adds a Message-ID of the
    thread, notifications' `thread_headers`)."""
    root = thread_root(case)
    return {"Reply-To": reply_address(case), "In-Reply-To": root, "References": root}
