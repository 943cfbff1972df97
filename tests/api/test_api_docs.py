"""Issue 21, item 2: the API's documentation on the site. /api/ is a readable guide made from
the registry and the OpenAPI document (every collection, its filters and fields); /api/explorer/
is Swagger UI from vendored files, configured without inline script."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import NoReverseMatch, reverse

from wsr.api import docs_views
from wsr.api.registry import collections

pytestmark = pytest.mark.django_db

ROOT = Path(django_settings.BASE_DIR)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_guide_is_public_in_the_site_layout_with_one_heading(client, site_tree):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<main id="main"' in html and 'class="skip-link"' in html
    assert 'aria-label="On this page"' in html


def test_the_guide_is_in_spanish_at_the_spanish_address(client, site_tree):
    response = client.get("/es/api/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


def test_the_guide_describes_every_registered_collection_from_the_openapi_document(
    client, site_tree
):
    page = text_of(client.get("/api/"))
    document = docs_views.openapi_document()
    for collection in collections():
        assert str(collection.title) in page
        assert f"/api/v1/{collection.name}/" in page
        described = docs_views.describe(collection, document)
        assert described["fields"], collection.name
        for field in described["fields"]:
            assert f"<code>{field['name']}</code>" in page
        for parameter in described["filters"]:
            assert f"<code>{parameter['name']}</code>" in page


def test_a_collections_description_has_its_filters_fields_and_a_real_curl_example():
    document = {
        "paths": {
            "/api/v1/things/": {
                "get": {
                    "parameters": [
                        {
                            "in": "query",
                            "name": "kind",
                            "description": "A kind's code.",
                            "schema": {
                                "anyOf": [{"$ref": "#/components/schemas/Kind"}, {"type": "null"}]
                            },
                        },
                        {"in": "query", "name": "cursor", "schema": {"type": "string"}},
                        {"in": "query", "name": "limit", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ThingList"}
                                }
                            }
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Kind": {"type": "string", "enum": ["union", "ngo"]},
                "Coded": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string", "description": "Stable code."}},
                },
                "Thing": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string", "description": "Stable identifier."},
                        "started": {
                            "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
                            "description": "When it started.",
                        },
                        "sectors": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Coded"},
                            "description": "Sectors.",
                        },
                    },
                },
                "ThingList": {
                    "type": "object",
                    "properties": {
                        "data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}
                    },
                },
            }
        },
    }

    class Thing:
        name = "things"
        title = "Things"
        description = "All the things."
        example_id = "acme"

    described = docs_views.describe(Thing, document)
    assert described["list_url"] == "http://testserver/api/v1/things/"
    assert described["record_url"] == "http://testserver/api/v1/things/acme"
    assert (
        "curl" in described["curl"]
        and "http://testserver/api/v1/things/?limit=2" in (described["curl"])
    )
    assert [f["name"] for f in described["filters"]] == ["kind"]
    assert described["filters"][0]["description"] == "A kind's code."
    assert "union" in described["filters"][0]["type"] and "ngo" in described["filters"][0]["type"]
    fields = {f["name"]: f for f in described["fields"]}
    assert list(fields) == ["id", "started", "sectors"]
    assert fields["started"]["type"] == "string (date) or null"
    assert fields["sectors"]["type"] == "list of Coded"
    assert fields["sectors"]["shape"] == "Coded"
    assert fields["id"]["description"] == "Stable identifier."
    assert [shape["name"] for shape in docs_views.shapes([described], document)] == ["Coded"]


def test_the_guide_gives_the_rate_limits_from_the_settings(client, site_tree, settings):
    settings.API_RATE_ANONYMOUS = "30/60"
    settings.API_RATE_TOKEN = "900/60"
    page = text_of(client.get("/api/"))
    assert "30 requests every 60 seconds" in page
    assert "900 requests every 60 seconds" in page
    assert "RateLimit-Remaining" in page and "Retry-After" in page


def test_the_guide_links_the_licence_the_openapi_document_the_explorer_and_downloads(
    client, site_tree, settings
):
    settings.OPEN_DATA_LICENCE = "CC-BY-SA-4.0"
    settings.OPEN_DATA_LICENCE_URL = "https://example.org/licence"
    page = text_of(client.get("/api/"))
    assert "CC-BY-SA-4.0" in page and 'href="https://example.org/licence"' in page
    assert 'href="/api/v1/openapi.json"' in page
    assert 'href="/api/explorer/"' in page
    assert 'href="/data/"' in page
    assert "application/problem+json" in page and "If-None-Match" in page


def test_the_personal_tokens_link_is_the_portals_page_or_its_path(monkeypatch, client):
    try:
        expected = reverse("api:tokens")
    except NoReverseMatch:
        expected = "/portal/api-tokens/"
    assert docs_views.tokens_url() == expected

    def missing(*args, **kwargs):
        raise NoReverseMatch

    monkeypatch.setattr(docs_views, "reverse", missing)
    assert docs_views.tokens_url() == "/portal/api-tokens/"
    from django.utils import translation

    with translation.override("es"):
        assert docs_views.tokens_url() == "/es/portal/api-tokens/"


def test_the_explorer_loads_swagger_ui_from_this_site_without_inline_script(client, site_tree):
    response = client.get("/api/explorer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert any("vendor/swagger-ui/swagger-ui-bundle.js" in s for s in scripts)
    assert any("js/api-explorer.js" in s for s in scripts)
    for attributes in scripts:  # the site's CSP runs files from this site only
        assert "src=" in attributes and "//" not in attributes.split("src=")[1][:3]
    assert "vendor/swagger-ui/swagger-ui.css" in html
    # without JavaScript the reader is sent to the guide and the document
    assert "<noscript>" in html and 'href="/api/"' in html


def test_the_explorer_is_in_spanish_at_the_spanish_address(client, site_tree):
    response = client.get("/es/api/explorer/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()


def test_the_footer_links_to_the_open_data_guide(client, site_tree):
    assert 'href="/api/">Open data</a>' in client.get("/search/").content.decode()
    assert 'href="/es/api/"' in client.get("/es/search/").content.decode()


def test_swagger_ui_is_vendored_at_a_pinned_version():
    package = json.loads((ROOT / "package.json").read_text())
    version = package["devDependencies"]["swagger-ui-dist"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert "static/vendor/swagger-ui" in package["scripts"]["vendor"]
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert (ROOT / "static" / "vendor" / "swagger-ui" / name).is_file()
    script = (ROOT / "static" / "js" / "api-explorer.js").read_text()
    assert "http://" not in script and "https://" not in script


# (the explorer in a browser: tests/browser/test_open_data_journey.py)


# --- review of issue 21: tokens and codes -------------------------------------------------------


def test_the_guide_shows_tokens_as_wagtail_issues_them(client, site_tree):
    page = text_of(client.get("/api/"))
    assert "Bearer wagtail_" in page
    assert "wsr_" not in page


def test_the_guide_lists_the_sector_codes_with_both_labels(client, site_tree):
    from wsr.members.models import Sector

    Sector.objects.create(slug="seafood-x", name="Seafood X", name_es="Mariscos X")
    page = text_of(client.get("/api/"))
    assert 'id="codes"' in page and 'href="#codes"' in page
    assert "<code>seafood-x</code>" in page
    assert "Seafood X" in page and "Mariscos X" in page
    assert "ISO 3166-1 alpha-2" in page


def test_the_guide_lists_the_codes_of_the_choices_used_as_filters(client, site_tree):
    from django.utils import translation

    from assistance.models.frameworks import Determination
    from coordination.models.opportunities import Region, Stage
    from promotion.models.pages import ArticleKind
    from repository.models.resources import ResourceKind

    page = text_of(client.get("/api/"))
    for choices in (Determination, ResourceKind, ArticleKind, Region, Stage):
        for value, _label in choices.choices:
            assert f"<code>{value}</code>" in page, value
            with translation.override("es"):
                spanish = str(choices(value).label)
            assert spanish.replace("'", "&#x27;") in page, spanish


def test_the_codes_cost_the_same_queries_whatever_the_number_of_sectors(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wsr.members.models import Sector

    Sector.objects.create(slug="one-x", name="One")
    client.get("/api/")  # the site's caches, filled once
    with CaptureQueriesContext(connection) as few:
        client.get("/api/")
    for number in range(5):
        Sector.objects.create(slug=f"more-{number}", name=f"More {number}")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/")
    assert len(many) == len(few)


def test_the_codes_take_one_query_per_managed_list(django_assert_num_queries):
    with django_assert_num_queries(3):  # sectors, principles, topics
        groups = docs_views.codes()
    assert {group["id"] for group in groups} >= {"codes-sectors", "codes-determinations"}
