"""The versioning guard of the API (issue 21, item 5): /api/v1/ only ever grows.

The OpenAPI document generated from the code is compared with the copy committed at
docs/api/openapi-v1.json. A breaking change is anything a client written against the old
document could trip on:
- a path or an operation removed;
- a parameter removed, a new required parameter, a parameter made required, retyped, or
  one of its enum values removed;
- in a successful response, a property removed or retyped (type or format), a property
  whose required flag or nullability changed either way, an enum value removed.
New paths, operations, optional parameters, properties and enum values are additions.
A breaking change is allowed only with a new major version (`info.version` 2.x, served at
/api/v2/)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

COMMITTED = settings.BASE_DIR / "docs" / "api" / "openapi-v1.json"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def generate() -> dict:
    """The API's OpenAPI document as plain JSON values, in English (the committed language)."""
    from .endpoints import api

    with translation.override("en"):
        schema = api.get_openapi_schema()
        return json.loads(json.dumps(schema, cls=DjangoJSONEncoder))


def render(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def major(version: str) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return 0


def unversioned_breaking_changes(old: dict, new: dict) -> list[str]:
    """The breaking changes from `old` to `new`, none when the major version changed."""
    old_major = major(old.get("info", {}).get("version", "0"))
    new_major = major(new.get("info", {}).get("version", "0"))
    if old_major != new_major:
        return []
    return breaking_changes(old, new)


def breaking_changes(old: dict, new: dict) -> list[str]:
    """Every change from `old` to `new` that could break a client, as readable lines."""
    changes: list[str] = []
    new_paths = new.get("paths", {})
    for path, old_item in sorted(old.get("paths", {}).items()):
        if path not in new_paths:
            changes.append(f"{path}: path removed")
            continue
        for method in METHODS:
            if method not in old_item:
                continue
            where = f"{method.upper()} {path}"
            if method not in new_paths[path]:
                changes.append(f"{where}: operation removed")
                continue
            changes += _operation(old, new, old_item[method], new_paths[path][method], where)
    return changes


def _operation(old_doc, new_doc, old, new, where) -> list[str]:
    changes = []
    old_parameters = {(p.get("in"), p.get("name")): p for p in old.get("parameters", [])}
    new_parameters = {(p.get("in"), p.get("name")): p for p in new.get("parameters", [])}
    for key, parameter in old_parameters.items():
        name = f"{where}: parameter {key[1]!r} ({key[0]})"
        if key not in new_parameters:
            changes.append(f"{name} removed")
            continue
        if new_parameters[key].get("required") and not parameter.get("required"):
            changes.append(f"{name} made required")
        changes += _schema(
            old_doc,
            new_doc,
            parameter.get("schema", {}),
            new_parameters[key].get("schema", {}),
            name,
            set(),
        )
    for key, parameter in new_parameters.items():
        if key not in old_parameters and parameter.get("required"):
            changes.append(f"{where}: new required parameter {key[1]!r} ({key[0]})")
    new_responses = new.get("responses", {})
    for status, response in sorted(old.get("responses", {}).items()):
        if not str(status).startswith("2"):
            continue  # errors may be described better; what a success returns may not shrink
        if status not in new_responses:
            changes.append(f"{where}: response {status} removed")
            continue
        for media, content in response.get("content", {}).items():
            new_content = new_responses[status].get("content", {}).get(media)
            if new_content is None:
                changes.append(f"{where}: response {status} {media} removed")
                continue
            changes += _schema(
                old_doc,
                new_doc,
                content.get("schema", {}),
                new_content.get("schema", {}),
                f"{where} {status}",
                set(),
            )
    return changes


def _resolve(document: dict, schema: dict) -> dict:
    seen = set()
    while isinstance(schema, dict) and "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        node = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        schema = node
    return schema if isinstance(schema, dict) else {}


def _variants(document: dict, schema: dict) -> tuple[list[dict], bool]:
    """A schema's non-null alternatives (resolved) and whether null is allowed."""
    schema = _resolve(document, schema)
    options = schema.get("anyOf") or schema.get("oneOf")
    if not options:
        kind = schema.get("type")
        if isinstance(kind, list):  # {"type": ["string", "null"]}
            others = [k for k in kind if k != "null"]
            single = {**schema, "type": others[0] if len(others) == 1 else others}
            return [single], "null" in kind
        return [schema], schema.get("nullable", False) is True
    resolved = [_resolve(document, option) for option in options]
    nullable = any(option.get("type") == "null" for option in resolved)
    return [option for option in resolved if option.get("type") != "null"], nullable


def _shape(schema: dict) -> tuple:
    """What a value looks like on the wire: its type and format."""
    kind = schema.get("type")
    if kind is None and "properties" in schema:
        kind = "object"
    if isinstance(kind, list):
        kind = tuple(sorted(kind))
    return (kind, schema.get("format"))


def _schema(old_doc, new_doc, old, new, where, seen) -> list[str]:
    marker = (json.dumps(old, sort_keys=True), json.dumps(new, sort_keys=True))
    if marker in seen:  # a recursive shape: compared once
        return []
    seen = seen | {marker}
    old_options, old_nullable = _variants(old_doc, old)
    new_options, new_nullable = _variants(new_doc, new)
    changes = []
    if old_nullable != new_nullable:
        changes.append(f"{where}: {'made' if new_nullable else 'no longer'} nullable")
    old_shapes = [_shape(option) for option in old_options]
    new_shapes = [_shape(option) for option in new_options]
    if sorted(map(str, old_shapes)) != sorted(map(str, new_shapes)):
        changes.append(f"{where}: type changed from {_words(old_shapes)} to {_words(new_shapes)}")
        return changes
    for old_option in old_options:
        new_option = next(o for o in new_options if _shape(o) == _shape(old_option))
        changes += _same_shape(old_doc, new_doc, old_option, new_option, where, seen)
    return changes


def _same_shape(old_doc, new_doc, old, new, where, seen) -> list[str]:
    changes = []
    if "enum" in old:
        removed = [value for value in old["enum"] if value not in new.get("enum", old["enum"])]
        for value in removed:
            changes.append(f"{where}: enum value {value!r} removed")
    if "items" in old:
        changes += _schema(old_doc, new_doc, old["items"], new.get("items", {}), f"{where}[]", seen)
    old_properties = old.get("properties", {})
    new_properties = new.get("properties", {})
    old_required = set(old.get("required", []))
    new_required = set(new.get("required", []))
    for name, schema in old_properties.items():
        field = f"{where}.{name}"
        if name not in new_properties:
            changes.append(f"{field}: removed")
            continue
        if (name in old_required) != (name in new_required):
            changes.append(
                f"{field}: {'made required' if name in new_required else 'no longer required'}"
            )
        changes += _schema(old_doc, new_doc, schema, new_properties[name], field, seen)
    return changes


def _words(shapes) -> str:
    return " or ".join(f"{kind}{f' ({fmt})' if fmt else ''}" for kind, fmt in shapes) or "anything"
