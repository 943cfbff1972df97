"""Issue 21, item 5: /api/v1/ never changes incompatibly. The OpenAPI document generated from
the code is compared with the committed copy (docs/api/openapi-v1.json); a breaking change
fails unless `info.version`'s major number changed. Additions pass.

After an intended, compatible change run `manage.py api_openapi` to refresh the copy."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wsr.api import versioning


def document(**changes):
    """A small API description in the shape django-ninja writes: one list and one record
    operation, a record with a code, a nullable date and a list of labels."""
    base = {
        "openapi": "3.1.0",
        "info": {"title": "Test", "version": "1.0.0"},
        "paths": {
            "/api/v1/things/": {
                "get": {
                    "operationId": "list_things",
                    "parameters": [
                        {
                            "in": "query",
                            "name": "country",
                            "required": False,
                            "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                        },
                        {
                            "in": "query",
                            "name": "kind",
                            "required": False,
                            "schema": {"type": "string", "enum": ["union", "ngo"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ThingList"}
                                }
                            },
                        }
                    },
                }
            },
            "/api/v1/things/{identifier}": {
                "get": {
                    "operationId": "get_things",
                    "parameters": [
                        {
                            "in": "path",
                            "name": "identifier",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "workers": {"type": "integer"},
                        "started": {
                            "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]
                        },
                        "status": {"type": "string", "enum": ["open", "closed"]},
                        "labels": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Label"},
                        },
                    },
                },
                "Label": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string"}, "label_en": {"type": "string"}},
                },
                "ThingList": {
                    "type": "object",
                    "properties": {
                        "data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                        "next": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    },
                },
            }
        },
    }
    changed = copy.deepcopy(base)
    for change in changes.values():
        change(changed)
    return changed


def thing(doc):
    return doc["components"]["schemas"]["Thing"]


def list_parameters(doc):
    return doc["paths"]["/api/v1/things/"]["get"]["parameters"]


def test_the_same_document_has_no_breaking_change():
    assert versioning.breaking_changes(document(), document()) == []


def test_a_removed_field_is_a_breaking_change():
    new = document(remove=lambda d: thing(d)["properties"].pop("workers"))
    changes = versioning.breaking_changes(document(), new)
    # (named where each operation returns it: in the list and in the record)
    assert changes == [
        "GET /api/v1/things/ 200.data[].workers: removed",
        "GET /api/v1/things/{identifier} 200.workers: removed",
    ]


def test_an_added_field_is_not_a_breaking_change():
    def add(d):
        thing(d)["properties"]["region"] = {"type": "string"}

    assert versioning.breaking_changes(document(), document(add=add)) == []


def test_additions_of_paths_parameters_and_enum_values_pass():
    def add(d):
        d["paths"]["/api/v1/others/"] = copy.deepcopy(d["paths"]["/api/v1/things/"])
        list_parameters(d).append(
            {"in": "query", "name": "sector", "required": False, "schema": {"type": "string"}}
        )
        list_parameters(d)[1]["schema"]["enum"].append("company")
        thing(d)["properties"]["status"]["enum"].append("paused")

    assert versioning.breaking_changes(document(), document(add=add)) == []


def test_a_retyped_field_is_a_breaking_change():
    new = document(retype=lambda d: thing(d)["properties"].update(workers={"type": "string"}))
    assert any("workers" in change for change in versioning.breaking_changes(document(), new))


def test_a_changed_format_is_a_breaking_change():
    def retype(d):
        thing(d)["properties"]["started"]["anyOf"][0]["format"] = "date-time"

    assert versioning.breaking_changes(document(), document(retype=retype))


def test_a_field_in_a_nested_shape_is_followed_through_references():
    def remove(d):
        d["components"]["schemas"]["Label"]["properties"].pop("label_en")

    new = document(remove=remove)
    changes = versioning.breaking_changes(document(), new)
    assert changes and "label_en" in changes[0]


def test_a_field_that_becomes_nullable_or_not_is_a_breaking_change():
    nullable = document(
        change=lambda d: thing(d)["properties"].update(
            workers={"anyOf": [{"type": "integer"}, {"type": "null"}]}
        )
    )
    assert versioning.breaking_changes(document(), nullable)
    assert versioning.breaking_changes(nullable, document())


def test_a_field_whose_required_flag_changes_is_a_breaking_change():
    made_required = document(change=lambda d: thing(d)["required"].append("workers"))
    assert versioning.breaking_changes(document(), made_required)
    assert versioning.breaking_changes(made_required, document())


def test_a_removed_operation_or_path_is_a_breaking_change():
    removed_path = document(remove=lambda d: d["paths"].pop("/api/v1/things/{identifier}"))
    assert versioning.breaking_changes(document(), removed_path)

    def move(d):
        d["paths"]["/api/v1/things/"]["post"] = d["paths"]["/api/v1/things/"].pop("get")

    assert versioning.breaking_changes(document(), document(move=move))


def test_a_new_required_or_a_removed_parameter_is_a_breaking_change():
    def add_required(d):
        list_parameters(d).append(
            {"in": "query", "name": "sector", "required": True, "schema": {"type": "string"}}
        )

    assert versioning.breaking_changes(document(), document(add=add_required))
    removed = document(remove=lambda d: list_parameters(d).pop(0))
    assert any("country" in change for change in versioning.breaking_changes(document(), removed))
    made_required = document(change=lambda d: list_parameters(d)[0].update(required=True))
    assert versioning.breaking_changes(document(), made_required)


def test_a_removed_enum_value_is_a_breaking_change():
    in_parameter = document(remove=lambda d: list_parameters(d)[1]["schema"]["enum"].remove("ngo"))
    assert any("ngo" in change for change in versioning.breaking_changes(document(), in_parameter))
    in_field = document(remove=lambda d: thing(d)["properties"]["status"]["enum"].remove("closed"))
    assert any("closed" in change for change in versioning.breaking_changes(document(), in_field))


def test_a_new_major_version_allows_breaking_changes():
    def remove_and_bump(d):
        thing(d)["properties"].pop("workers")
        d["info"]["version"] = "2.0.0"

    new = document(change=remove_and_bump)
    assert versioning.breaking_changes(document(), new)  # the change is still reported
    assert versioning.unversioned_breaking_changes(document(), new) == []


def test_a_minor_version_bump_does_not_allow_breaking_changes():
    def remove_and_bump(d):
        thing(d)["properties"].pop("workers")
        d["info"]["version"] = "1.1.0"

    assert versioning.unversioned_breaking_changes(document(), document(change=remove_and_bump))


# --- the API itself --------------------------------------------------------------------------


def test_the_committed_document_is_the_version_the_code_says():
    committed = json.loads(versioning.COMMITTED.read_text())
    assert committed["openapi"].startswith("3.")
    assert versioning.major(committed["info"]["version"]) == 1


def test_the_api_has_no_breaking_change_against_the_committed_document():
    committed = json.loads(versioning.COMMITTED.read_text())
    changes = versioning.unversioned_breaking_changes(committed, versioning.generate())
    assert not changes, (
        "The API changed incompatibly since docs/api/openapi-v1.json was committed:\n  "
        + "\n  ".join(changes)
        + "\nKeep /api/v1/ compatible (add, never remove or retype), or publish a new major "
        "version (info.version and /api/vN/); then run `manage.py api_openapi`."
    )


def test_the_generated_document_is_stable_json_with_sorted_keys():
    text = versioning.render(versioning.generate())
    assert text == versioning.render(json.loads(text))
    assert text.endswith("\n")
    assert list(json.loads(text)) == sorted(json.loads(text))


def test_the_command_writes_the_document_and_check_compares_it(tmp_path, settings):
    target = tmp_path / "openapi-v1.json"
    call_command("api_openapi", output=str(target))
    assert json.loads(target.read_text()) == versioning.generate()
    call_command("api_openapi", "--check", output=str(target))  # the same: passes

    stale = json.loads(target.read_text())
    stale["paths"]["/api/v1/gone/"] = {"get": {"responses": {}}}
    target.write_text(versioning.render(stale))
    with pytest.raises(CommandError, match="gone"):
        call_command("api_openapi", "--check", output=str(target))
