"""/api/v1/: the NinjaAPI and the two endpoints of every registered collection (a list with
filters and a cursor, and one record), plus what every response shares: the caller (a
personal token or nobody), request limits, conditional GET, compression and problem
documents for every error."""

import base64
import binascii
import hashlib
import importlib
import json
import re
from datetime import UTC, datetime
from functools import wraps
from typing import Annotated

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import BeforeValidator, Field, create_model

from . import cache as response_cache
from . import limits, problems, tokens
from .registry import _COLLECTIONS, Collection
from .schemas import page_urls_once

VERSION = "1.0.0"  # the major number is the /api/vN/ of the URL: see docs/api.md
# Each app's own collections (wsr.api.registry.register in its api.py)
APP_MODULES = (
    "wsr.companies.api",
    "assistance.api",
    "repository.api",
    "promotion.api",
    "coordination.api",
)
COMMON_PARAMETERS = ("cursor", "limit", "fields", "updated_since")
DEFAULT_LIMIT = 50
MAX_ID = 2**63 - 1  # the largest key any database here stores
MAX_LIMIT = 100
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's document, with the errors declared as what they are: RFC 9457 problem
        documents (application/problem+json), not application/json."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content") or {}
                    if str(status)[0] in "45" and "application/json" in content:
                        response["content"] = {problems.CONTENT_TYPE: content["application/json"]}
        # a token is optional everywhere: anonymous ({}) or a personal token
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["personalToken"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made in the portal (/portal/api-tokens/).",
        }
        schema["security"] = [{}, {"personalToken": []}]
        return schema


api = OpenDataAPI(
    title="WSR Collaborative open data",
    version=VERSION,
    description=(
        "Read-only, public data of the Worker-driven Social Responsibility Collaborative: "
        "companies, initiatives, published assessments, verified enforcement figures, "
        "frameworks, resources, events, articles, publications and opportunities. "
        "Licensed CC BY 4.0 unless the response says otherwise. No key is needed; a personal "
        "token (Authorization: Bearer wagtail_…) raises the request limit and, for members, "
        "includes what members may read on the site. Errors are RFC 9457 problem documents."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the documentation pages are the site's own (wsr.api.views)
    openapi_url="/openapi.json",
)


class Meta(Schema):
    licence: str = Field(description="SPDX identifier of the licence of the records.")
    licence_url: str = Field(description="The licence's text.")
    cite_as: str = Field(description="How to cite these records.")


def meta() -> dict:
    return {
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "cite_as": settings.OPEN_DATA_CITATION,
    }


# --- errors: always a problem document, never a 500 for bad input -----------------------


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = [
        {
            "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]) or "?",
            "message": str(error.get("msg", "")),
        }
        for error in exc.errors
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problems.bad_request(detail, errors=errors)


@api.exception_handler(Http404)
def _missing(request, exc):
    return problems.not_found()


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return problems.problem(exc.status_code, str(exc), str(exc))


BadRequest = problems.BadRequest


@api.exception_handler(BadRequest)
def _bad_request(request, exc):
    return problems.bad_request(str(exc))


def _iso_8601(value):
    """Pydantic would also read a number as a Unix time; the document promises ISO 8601."""
    if value is not None and not (isinstance(value, str) and ISO_DATE.match(value.strip())):
        raise ValueError(_("Give an ISO 8601 date or time, e.g. 2026-01-31T00:00:00Z."))
    return value


# --- cursors -------------------------------------------------------------------------------


def cursor_encode(value) -> str:
    raw = json.dumps({"after": value}, cls=DjangoJSONEncoder).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, key_type):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = key_type(json.loads(base64.urlsafe_b64decode(padded.encode()))["after"])
        if key_type is int and not 0 <= value <= MAX_ID:
            raise ValueError("out of range")
        return value
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, OverflowError):
        raise BadRequest(
            _("The cursor is not one this API gave; start again without it.")
        ) from None


# --- responses -----------------------------------------------------------------------------


def json_response(body, *, last_modified=None) -> HttpResponse:
    content = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _selected(record: dict, fields: set | None) -> dict:
    if not fields:
        return record
    return {name: value for name, value in record.items() if name == "id" or name in fields}


def _fields(collection: Collection, fields: str | None) -> set | None:
    if not fields:
        return None
    chosen = {name.strip() for name in fields.split(",") if name.strip()}
    known = set(collection.schema.model_fields)
    unknown = sorted(chosen - known)
    if unknown:
        raise BadRequest(
            _("Unknown fields: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(known))}
        )
    return chosen


def _check_parameters(request, collection: Collection, allowed: set):
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise BadRequest(
            _("Unknown parameters: %(unknown)s. This list accepts: %(allowed)s.")
            % {"unknown": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
        )


def _last_modified(collection, objects):
    if not collection.updated:
        return None
    stamps = [getattr(obj, collection.updated, None) for obj in objects]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None


def viewer_of(request):
    """Whose visibility decides the records: the token's person, or nobody. A token never
    stands for a second factor nor for staff powers (whatever WSR_STAFF_MFA_REQUIRED says):
    through it staff reach at most what members read. An in-memory copy, never saved."""
    token = getattr(request, "api_token", None)
    if token is None:
        return None
    viewer = getattr(request, "_api_viewer", None)
    if viewer is None:
        from wsr.members import roles

        viewer = roles.without_staff_powers(token.user)
        request._api_viewer = viewer
    return viewer


def list_records(request, collection: Collection, filters, *, cursor, limit, fields, since):
    allowed = set(COMMON_PARAMETERS) | set(
        collection.filters.model_fields if collection.filters else ()
    )
    if not collection.updated:
        allowed.discard("updated_since")
    _check_parameters(request, collection, allowed)
    chosen = _fields(collection, fields)
    queryset = collection.queryset(viewer_of(request))
    if filters is not None and collection.apply_filters is not None:
        queryset = collection.apply_filters(queryset, filters)
    if since is not None and collection.updated:
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        try:
            since = since.astimezone(UTC)
        except OverflowError:
            raise BadRequest(_("updated_since is out of range.")) from None
        queryset = queryset.filter(**{f"{collection.updated}__gte": since})
    queryset = queryset.order_by(collection.key)
    if cursor:
        queryset = queryset.filter(
            **{f"{collection.key}__gt": cursor_decode(cursor, collection.key_type)}
        )
    objects = list(queryset[: limit + 1])
    more = len(objects) > limit
    objects = objects[:limit]
    next_url = None
    if more:
        query = request.GET.copy()
        query["cursor"] = cursor_encode(getattr(objects[-1], collection.key))
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    body = {
        "data": [_selected(collection.record(obj), chosen) for obj in objects],
        "next": next_url,
        "meta": meta(),
    }
    return json_response(body, last_modified=_last_modified(collection, objects))


def one_record(request, collection: Collection, identifier: str, fields):
    _check_parameters(request, collection, {"fields"})
    chosen = _fields(collection, fields)
    obj = collection.find(collection.queryset(viewer_of(request)), identifier)
    if obj is None:
        return problems.not_found()
    current = str(getattr(obj, collection.key))
    if current != identifier:  # a former identifier (a renamed slug): the current one
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        parent = request.path.rstrip("/").rsplit("/", 1)[0]
        response = HttpResponseRedirect(f"{parent}/{current}{query}")
        response.status_code = 301
        return response
    body = {"data": _selected(collection.record(obj), chosen), "meta": meta()}
    return json_response(body, last_modified=_last_modified(collection, [obj]))


def _add(collection: Collection):
    name = collection.name
    schema = collection.schema
    # CompanyRecord -> CompanyListResponse, CompanyResponse (names in the OpenAPI document)
    title = schema.__name__.removesuffix("Record")
    ListPage = create_model(
        f"{title}ListResponse",
        __base__=Schema,
        data=(list[schema], ...),
        next=(str | None, Field(None, description="The next page, or null on the last.")),
        meta=(Meta, ...),
    )
    OnePage = create_model(
        f"{title}Response", __base__=Schema, data=(schema, ...), meta=(Meta, ...)
    )
    Filters = collection.filters or create_model(f"{title}Filters", __base__=Schema)
    errors = {400: problems.Problem, 401: problems.Problem, 429: problems.Problem}

    @api.get(
        f"/{name}/",
        response={200: ListPage, **errors},
        operation_id=f"list_{name}",
        summary=f"List {name}",
        description=str(collection.description),
        tags=[name],
    )
    def list_view(
        request,
        filters: Query[Filters],
        cursor: str | None = Query(None, description="From the `next` link of a page."),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Records per page."),
        fields: str | None = Query(
            None, description="Comma-separated fields to return (id is always returned)."
        ),
        updated_since: Annotated[datetime | None, BeforeValidator(_iso_8601)] = Query(  # noqa: B008
            None, description="Only records changed at or after this ISO 8601 time (UTC)."
        ),
    ):
        return list_records(
            request,
            collection,
            filters,
            cursor=cursor,
            limit=limit,
            fields=fields,
            since=updated_since,
        )

    @api.get(
        f"/{name}/{{identifier}}",
        response={200: OnePage, 301: None, 404: problems.Problem, **errors},
        operation_id=f"get_{name}",
        summary=f"One of {name}",
        tags=[name],
    )
    def one_view(
        request,
        identifier: str,
        fields: str | None = Query(None, description="Comma-separated fields to return."),
    ):
        return one_record(request, collection, identifier, fields)


for module in APP_MODULES:
    importlib.import_module(module)
for registered in list(_COLLECTIONS.values()):
    _add(registered)


# --- what every API response shares --------------------------------------------------------

_gzip = GZipMiddleware(lambda request: None)


def _unauthorized(detail):
    return problems.problem(
        401, _("Unauthorized"), detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


def _too_many(verdict):
    return problems.problem(
        429,
        _("Too many requests"),
        _("Wait %(seconds)s seconds, or use a personal token for a higher limit.")
        % {"seconds": verdict.reset},
        headers=verdict.headers(),
    )


def serve(view):
    """The caller, the limits, conditional GET, caching headers and gzip around a view of
    the API (every URL of api.urls). HEAD is answered as GET without the body."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.api_token = None
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, raw = header.partition(" ")
            token = tokens.token_for(raw.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                # a wrong token counts against its address, like an anonymous request: no
                # unlimited path to the token table
                verdict = limits.check(request, token=None)
                if verdict is not None and not verdict.allowed:
                    return _too_many(verdict)
                response = _unauthorized(
                    _(
                        "This token is unknown or was revoked. Send no Authorization header "
                        "to use the API anonymously."
                    )
                )
                patch_vary_headers(response, ("Authorization",))
                return response
            request.api_token = token
        verdict = limits.check(request, token=request.api_token)
        if verdict is not None and not verdict.allowed:
            return _too_many(verdict)
        if request.method not in ("GET", "HEAD"):
            response = problems.problem(405, _("Method not allowed"), _("This API only reads."))
            response["Allow"] = "GET, HEAD"
            return response
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        # an anonymous list, record or document answered before (wsr/api/cache.py)
        lookup = response_cache.Lookup(request)
        response = lookup.cached()
        if response is None:
            with page_urls_once():  # the sites' root paths read once, not once per page
                response = view(request, *args, **kwargs)
            lookup.store(response)
        patch_vary_headers(response, ("Authorization",))
        if response.status_code == 200:
            response["Cache-Control"] = (
                "private, max-age=0, must-revalidate"
                if request.api_token is not None
                else "public, max-age=60"
            )
            if not response.streaming:
                response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                # Revalidation is by ETag only. Last-Modified is the newest record's own
                # change time, which misses changes to what a record nests (a company's new
                # claim): answering If-Modified-Since with 304 could hide them.
                conditional = get_conditional_response(
                    request, etag=response["ETag"], response=response
                )
                if conditional is not response:
                    response = conditional
        if verdict is not None:
            for name, value in verdict.headers().items():
                response[name] = value
        if response.status_code == 200:
            response = _gzip.process_response(request, response)
        lookup.label(response)
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response

    wrapper.access_rule = "public"  # every record is chosen by visible_to(the caller)
    wrapper.csrf_exempt = True  # reads only; no cookie is read
    return wrapper


def _index(request, *args, **kwargs):
    """/api/v1/: where everything is."""
    from .registry import collections

    base = request.build_absolute_uri("/api/v1/")
    return json_response(
        {
            "collections": {c.name: f"{base}{c.name}/" for c in collections()},
            "openapi": f"{base}openapi.json",
            "documentation": request.build_absolute_uri("/api/"),
            "bulk_downloads": request.build_absolute_uri("/data/"),
            "meta": meta(),
        }
    )


def _no_such_address(request, rest=""):
    from .registry import collection as collection_named

    if collection_named(rest.strip("/")) is not None and not rest.endswith("/"):
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        response = HttpResponseRedirect(f"{request.path}/{query}")
        response.status_code = 301
        return response
    return problems.problem(
        404, _("Not found"), _("No endpoint has this address; see /api/v1/openapi.json.")
    )


def urlpatterns():
    from django.urls import re_path

    patterns, app_name, namespace = api.urls
    patterns = list(patterns)
    for pattern in patterns:
        if pattern.name == "api-root":  # ninja's root answers 404: an index instead
            pattern.callback = _index
        pattern.callback = serve(pattern.callback)
    patterns.append(re_path(r"^(?P<rest>.*)$", serve(_no_such_address)))
    return patterns, app_name, namespace
