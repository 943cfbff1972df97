"""Errors as RFC 9457 problem documents (application/problem+json)."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema

CONTENT_TYPE = "application/problem+json"


class Problem(Schema):
    """RFC 9457: a machine-readable error."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict] = []


class BadRequest(Exception):
    """Raised anywhere in the API (a collection's filters too): a 400 problem document with
    the message as its detail."""


def problem(status: int, title: str, detail: str = "", *, errors=None, headers=None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def bad_request(detail: str, *, errors=None):
    return problem(400, _("Bad request"), detail, errors=errors)


def not_found():
    return problem(404, _("Not found"), _("No public record has this identifier."))
