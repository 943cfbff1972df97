"""Secrets stay in the process (issue 16): what would let someone reading the logs or an
error report take over an account, a confirmation or a subscription is replaced before it
is written. Tasks take ids and emails wait in the database (notifications.OutgoingEmail);
this is the net for whatever slips through: links with keys or tokens, `key=`/`token=`
values, and the arguments and results Celery writes about its tasks."""

import logging
import re
from collections.abc import Mapping

from celery import Task

HIDDEN = "[redacted]"

# The links whose last part opens something: allauth's password reset and address
# confirmation, our signed tokens (invitations, newsletter, unsubscribe, calendar feeds,
# request confirmation, a second factor's confirmation, company response links) and any
# path segment after these prefixes.
SECRET_PATH = re.compile(
    r"(/(?:accounts/password/reset/key|accounts/confirm-email|accounts/login/code/confirm"
    r"|invitations|newsletter/confirm|newsletter/unsubscribe|notifications/unsubscribe"
    r"|assistance/request/confirm|coordination/calendar/feed|portal/security/authenticator"
    r"|companies/respond)/)"
    r"[^\s/'\"<>?#]+"
)
ENCODED_SLASH = re.compile(r"%2F", re.IGNORECASE)
SECRET_VALUE = re.compile(
    r"((?:\b|_)(?:key|token|code|password|secret|signature|sessionid|csrftoken)"
    r"['\"]?\s*[=:]\s*['\"]?)[^\s&'\",;}]+",
    re.IGNORECASE,
)
# Credentials sent in a header (issue 21: personal API tokens, `Authorization: Bearer …`),
# and an API token wherever it is written, recognised by its format.
BEARER = re.compile(r"(\bBearer\s+)[^\s&'\",;}]+", re.IGNORECASE)
API_TOKEN = re.compile(r"\b(wagtail_)[0-9A-Za-z]{16,}")
# Mapping keys whose value is a credential whatever it looks like (request headers in error
# reports, a WSGI environ).
SECRET_KEYS = {"authorization", "http_authorization", "proxy-authorization"}
# What Celery logs about a task: its arguments (the context dict of celery.app.trace and
# celery.worker.strategy records, also passed as `data`).
TASK_ARGUMENTS = ("args", "kwargs", "argsrepr", "kwargsrepr")
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def redact(text: str) -> str:
    """`text` without keys, tokens and links carrying them, also when a link is URL-encoded
    inside another (`?next=%2Finvitations%2F<token>%2F`)."""
    if "%2F" in text or "%2f" in text:
        text = ENCODED_SLASH.sub("/", text)
    text = SECRET_VALUE.sub(rf"\1{HIDDEN}", SECRET_PATH.sub(rf"\1{HIDDEN}", text))
    return API_TOKEN.sub(rf"\1{HIDDEN}", BEARER.sub(rf"\1{HIDDEN}", text))


def _is_secret_key(key) -> bool:
    return key in TASK_ARGUMENTS or (isinstance(key, str) and key.lower() in SECRET_KEYS)


def _clean(value):
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {key: HIDDEN if _is_secret_key(key) else _clean(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(_clean(item) for item in value)
    text = str(value)
    cleaned = redact(text)
    return value if cleaned == text else cleaned


class RedactSecrets(logging.Filter):
    """On every handler (settings.LOGGING): each record is cleaned before any is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The message as it will be written: a format string alone could hide nothing
        # (the secret is in the arguments) and redacting it could eat a placeholder.
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 (a broken call still logs, cleaned)
            message = f"{record.msg} {_clean(record.args)!r}"
        record.msg, record.args = redact(message), ()
        for name, value in list(vars(record).items()):
            if name not in STANDARD_ATTRIBUTES:
                setattr(record, name, _clean(value))
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            # Formatters print exc_info afresh when it is there: keep only the cleaned text.
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def sentry_before_send(event: dict, hint: dict) -> dict:
    """Error reports: the same cleaning, the task arguments Sentry's Celery integration
    attaches, and no request body or cookies."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
    return _clean(event)


def argument_repr(value) -> str:
    """How a task's arguments are shown in the broker's message and the worker's log:
    numbers (ids) as they are, anything else only by its type."""
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, Mapping):
        return (
            "{" + ", ".join(f"{key!r}: {argument_repr(item)}" for key, item in value.items()) + "}"
        )
    if isinstance(value, tuple | list):
        inner = ", ".join(argument_repr(item) for item in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    return f"<{type(value).__name__}>"


class RedactedArgumentsTask(Task):
    """Every task of the app: its message says what its arguments are (`argsrepr`,
    `kwargsrepr`) without their text, for the worker's "received" line, events and
    monitoring."""

    def apply_async(self, args=None, kwargs=None, **options):
        options.setdefault("argsrepr", argument_repr(tuple(args or ())))
        options.setdefault("kwargsrepr", argument_repr(dict(kwargs or {})))
        return super().apply_async(args, kwargs, **options)
