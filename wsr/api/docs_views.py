"""The API's documentation on the site (issue 21, item 2): /api/, a guide made from the
registry and the OpenAPI document, so it lists exactly what the API serves; and
/api/explorer/, Swagger UI from vendored files (no CDN; configured by a data attribute, since
the site's Content-Security-Policy refuses inline scripts)."""

import json
import shlex

from django.conf import settings
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wsr.site.access import public

from . import limits, problems
from .endpoints import COMMON_PARAMETERS, DEFAULT_LIMIT, MAX_LIMIT, VERSION, api
from .registry import collections
from .schemas import absolute, coded

API_PREFIX = "/api/v1/"
OPENAPI_PATH = f"{API_PREFIX}openapi.json"
TOKENS_PATH = "/portal/api-tokens/"  # the portal's page of personal tokens
DOWNLOADS_PATH = "/data/"  # the daily bulk files and their page

_documents: dict[str, dict] = {}


def openapi_document() -> dict:
    """The OpenAPI document as plain JSON values, in the reader's language (made once per
    language and process: the API's routes are fixed at start-up)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in _documents:
        from django.core.serializers.json import DjangoJSONEncoder

        schema = api.get_openapi_schema(path_prefix=API_PREFIX)
        _documents[language] = json.loads(json.dumps(schema, cls=DjangoJSONEncoder))
    return _documents[language]


# --- reading the OpenAPI document ------------------------------------------------------------


def _resolve(document: dict, schema: dict) -> tuple[dict, str | None]:
    """A schema and, when it was a reference, the component's name."""
    name = None
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document.get("components", {}).get("schemas", {}).get(name, {})
    return (schema if isinstance(schema, dict) else {}), name


def _is_object(schema: dict) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def type_of(document: dict, schema: dict) -> tuple[str, str | None]:
    """How a value reads ("string (date) or null", "list of Coded", "one of: a, b") and the
    name of the object shape it holds, if any (documented once, under "Shapes")."""
    resolved, name = _resolve(document, schema)
    options = resolved.get("anyOf") or resolved.get("oneOf")
    if options:
        parts, shape, nullable = [], None, False
        for option in options:
            if option.get("type") == "null":
                nullable = True
                continue
            words, inner = type_of(document, option)
            parts.append(words)
            shape = shape or inner
        words = _(" or ").join(parts) or _("any value")
        return (_("%(type)s or null") % {"type": words} if nullable else words), shape
    if "enum" in resolved:
        values = ", ".join(str(value) for value in resolved["enum"])
        return _("one of: %(values)s") % {"values": values}, None
    if resolved.get("type") == "array":
        words, shape = type_of(document, resolved.get("items", {}))
        return _("list of %(type)s") % {"type": words}, shape
    if _is_object(resolved):
        return (name or _("object")), name
    kind = resolved.get("type") or _("any value")
    if resolved.get("format"):
        return f"{kind} ({resolved['format']})", None
    return str(kind), None


def fields_of(document: dict, schema: dict) -> list[dict]:
    resolved, _name = _resolve(document, schema)
    required = set(resolved.get("required", []))
    fields = []
    for name, field in resolved.get("properties", {}).items():
        words, shape = type_of(document, field)
        fields.append(
            {
                "name": name,
                "type": words,
                "shape": shape,
                "description": field.get("description", ""),
                "always": name in required,
            }
        )
    return fields


def _record_schema(document: dict, operation: dict) -> dict:
    """The record of a list operation: its 200 response's `data` items."""
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    page, _name = _resolve(document, content.get("application/json", {}).get("schema", {}))
    return page.get("properties", {}).get("data", {}).get("items", {})


def curl(url: str) -> str:
    return f"curl --compressed {shlex.quote(url)}"


def describe(collection, document: dict) -> dict:
    """A collection as the guide shows it: addresses, an example, its filters and fields."""
    list_path = f"{API_PREFIX}{collection.name}/"
    operation = document.get("paths", {}).get(list_path, {}).get("get", {})
    filters = []
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query" or parameter.get("name") in COMMON_PARAMETERS:
            continue
        words, _shape = type_of(document, parameter.get("schema", {}))
        filters.append(
            {
                "name": parameter["name"],
                "type": words,
                "description": parameter.get("description")
                or parameter.get("schema", {}).get("description", ""),
            }
        )
    list_url = absolute(list_path)
    # a record that exists here (ids differ between databases): the first one anyone may read
    example = collection.example_id or None
    if getattr(collection, "queryset", None) is not None:
        example = (
            collection.queryset(None)
            .order_by(collection.key)
            .values_list(collection.key, flat=True)
            .first()
        )
    record_url = absolute(f"{list_path}{example}") if example is not None else ""
    example = f"{list_url}?limit=2"
    return {
        "name": collection.name,
        "title": collection.title,
        "description": collection.description,
        "list_path": list_path,
        "list_url": list_url,
        "record_path": f"{list_path}{{identifier}}",
        "record_url": record_url,
        "example_url": example,
        "curl": curl(example),
        "record_curl": curl(record_url) if record_url else "",
        "filters": filters,
        "fields": fields_of(document, _record_schema(document, operation)),
    }


def shapes(described: list[dict], document: dict) -> list[dict]:
    """The object shapes records hold (Coded, references…), each documented once."""
    found: dict[str, list[dict]] = {}
    queue = [field["shape"] for entry in described for field in entry["fields"] if field["shape"]]
    while queue:
        name = queue.pop(0)
        if name in found:
            continue
        schema = document.get("components", {}).get("schemas", {}).get(name, {})
        found[name] = fields_of(document, schema)
        queue += [field["shape"] for field in found[name] if field["shape"]]
    return [
        {
            "name": name,
            "description": document["components"]["schemas"][name].get("description", ""),
            "fields": fields,
        }
        for name, fields in sorted(found.items())
    ]


# --- the codes of the managed lists ---------------------------------------------------------


def _managed(model, order: tuple) -> list[dict]:
    """A managed list's entries (slug, name, name_es) as codes: one query."""
    return [
        {"code": slug, "label_en": name, "label_es": name_es or name}
        for slug, name, name_es in model.objects.order_by(*order).values_list(
            "slug", "name", "name_es"
        )
    ]


def _choices(choices_class) -> list[dict]:
    return [coded(value, label) for value, label in choices_class.choices]


def codes() -> list[dict]:
    """The codes records and filters use, with their English and Spanish labels: the managed
    lists (one query each, whatever their length) and the fixed choices used as filters."""
    from assistance.models.frameworks import Determination
    from coordination.models.opportunities import Region, Stage
    from promotion.models.pages import ArticleKind
    from promotion.models.taxonomy import Topic
    from repository.models.events import EventPage
    from repository.models.resources import Principle, ResourceKind
    from wsr.members.models import Sector

    def group(name, title, filters, entries, note=""):
        return {
            "id": f"codes-{name}",
            "title": title,
            "filters": filters,
            "entries": entries,
            "note": note,
        }

    return [
        group(
            "sectors",
            _("Sectors"),
            _(
                "the sector filter of companies, initiatives, assessments, enforcement figures, "
                "resources, articles and opportunities; the sectors field of records"
            ),
            _managed(Sector, ("sort_order", "name")),
        ),
        group(
            "determinations",
            _("Determinations"),
            _("the determination filter of assessments and initiatives"),
            _choices(Determination),
            _("The initiatives list also accepts none: initiatives not yet assessed."),
        ),
        group(
            "resource-kinds",
            _("Kinds of resource"),
            _("the kind filter of resources"),
            _choices(ResourceKind),
        ),
        group(
            "principles",
            _("WSR principles"),
            _("the principle filter of resources"),
            _managed(Principle, ("number",)),
        ),
        group(
            "event-kinds",
            _("Kinds of event"),
            _("the kind field of events"),
            _choices(EventPage.Kind),
        ),
        group(
            "article-kinds",
            _("Kinds of article"),
            _("the kind filter of articles"),
            _choices(ArticleKind),
        ),
        group(
            "topics",
            _("Topics"),
            _("the topic filter of articles and publications"),
            _managed(Topic, ("name",)),
        ),
        group("regions", _("Regions"), _("the region filter of opportunities"), _choices(Region)),
        group("stages", _("Stages"), _("the stage filter of opportunities"), _choices(Stage)),
    ]


# --- links to pages other parts of the site serve -------------------------------------------


def _in_language(path: str) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def tokens_url() -> str:
    """The portal's page of personal tokens (its own URL name when the portal has it)."""
    try:
        return reverse("api:tokens")
    except NoReverseMatch:
        return _in_language(TOKENS_PATH)


def downloads_url() -> str:
    """The page of the daily bulk files."""
    try:
        return reverse("open-data:downloads")
    except NoReverseMatch:
        return _in_language(DOWNLOADS_PATH)


def openapi_url() -> str:
    try:
        return reverse(f"{api.urls_namespace}:openapi-json")
    except NoReverseMatch:
        return OPENAPI_PATH


def _rate(value) -> dict:
    count, seconds = limits.parse_rate(value)
    return {"count": count, "seconds": seconds}


def _problem_example(response) -> str:
    body = json.loads(response.content)
    return json.dumps(body, indent=2, ensure_ascii=False)


# --- the pages -------------------------------------------------------------------------------


@public
def guide(request):
    document = openapi_document()
    described = [describe(collection, document) for collection in collections()]
    first = described[0] if described else None
    example_list = first["list_url"] if first else absolute(API_PREFIX)
    unknown = problems.bad_request(
        _("Unknown parameters: %(unknown)s. This list accepts: %(allowed)s.")
        % {"unknown": "colour", "allowed": "cursor, fields, limit, updated_since"}
    )
    too_many = problems.problem(
        429,
        _("Too many requests"),
        _("Wait %(seconds)s seconds, or use a personal token for a higher limit.")
        % {"seconds": 42},
    )
    return render(
        request,
        "api/guide.html",
        {
            "collections": described,
            "shapes": shapes(described, document),
            "codes": codes(),
            "version": VERSION,
            "major": VERSION.split(".")[0],
            "openapi_url": openapi_url(),
            "tokens_url": tokens_url(),
            "downloads_url": downloads_url(),
            "api_root": absolute(API_PREFIX),
            "example_list": example_list,
            "example_fields": ",".join(field["name"] for field in first["fields"][1:3])
            if first
            else "",
            "default_limit": DEFAULT_LIMIT,
            "max_limit": MAX_LIMIT,
            "anonymous_rate": _rate(settings.API_RATE_ANONYMOUS),
            "token_rate": _rate(settings.API_RATE_TOKEN),
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "citation": settings.OPEN_DATA_CITATION,
            "problem_400": _problem_example(unknown),
            "problem_429": _problem_example(too_many),
        },
    )


@public
def explorer(request):
    return render(
        request,
        "api/explorer.html",
        {"openapi_url": openapi_url(), "guide_url": reverse("api:guide")},
    )
