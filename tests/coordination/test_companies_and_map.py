"""Company pages set claims beside binding agreements, within the viewer's audience; the
map's GeoJSON export is valid and follows the filters."""

import json
from datetime import date

import pytest

from assistance import services as assistance_services
from assistance.models import Initiative, InitiativeBuyer
from tests.coordination.builders import effort, opportunity, people
from tests.members.factories import sector
from wsr.companies.models import Company, CompanyClaim, VoluntaryScheme

pytestmark = pytest.mark.django_db


def test_a_company_page_sets_what_it_claims_beside_what_binds_it(client):
    p = people()
    company = Company.objects.create(name="Big Grocer")
    audit = VoluntaryScheme.objects.create(name="Audit Scheme", kind="audit")
    code = VoluntaryScheme.objects.create(name="Private Code", kind="code")
    CompanyClaim.objects.create(
        company=company,
        scheme=audit,
        source_title="Annual report 2025",
        source_url="https://example.org/report",
    )
    CompanyClaim.objects.create(
        company=company, scheme=code, source_title="Leaked memo", source_is_public=False
    )
    initiative = Initiative.objects.create(name="Fair Farms Program", has_binding_agreements=True)
    InitiativeBuyer.objects.create(initiative=initiative, company=company)
    hidden = Initiative.objects.create(name="Secret Buyer Program")
    InitiativeBuyer.objects.create(initiative=hidden, company=company, is_public=False)
    report = assistance_services.report_submit(
        initiative=initiative,
        actor=p["staff"],
        data={
            "period_start": date(2024, 1, 1),
            "period_end": date(2024, 12, 31),
            "workers_covered": 900,
            "complaints_received": 77,
            "complaints_resolved": 70,
            "audits": 12,
            "suppliers_suspended": 2,
            "suppliers_corrective_action": 3,
            "education_sessions": 5,
        },
    )
    assistance_services.report_verify(report=report, actor=p["staff"], accept=True)
    members_effort = effort("members", None, p["owner"], name="Grocer campaign")
    members_effort.targets.create(company=company)
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Audit Scheme" in html and "Annual report 2025" in html
    assert "Private Code" not in html and "Leaked memo" not in html
    assert "Fair Farms Program" in html and "77 complaints received" in html
    assert "Secret Buyer Program" not in html
    assert "Grocer campaign" not in html  # members only
    client.force_login(p["member"])
    html = client.get(company.get_absolute_url()).content.decode()
    assert "Grocer campaign" in html and "Private Code" not in html
    client.force_login(p["staff"])
    assert "Private Code" in client.get(company.get_absolute_url()).content.decode()


def test_the_geojson_export_is_valid_and_filtered(client):
    p = people()
    opportunity("members", None, p["owner"], title="Farms", lat=26, lon=-81)
    opportunity("members", None, p["owner"], title="Mills", slug="apparel", lat=24, lon=67)
    client.force_login(p["member"])
    response = client.get(f"/coordination/map.geojson?sector={sector('apparel').pk}")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["title"] for f in data["features"]] == ["Mills"]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [67.0, 24.0]}


def test_the_map_page_works_without_javascript_as_a_table(client):
    p = people()
    opportunity("public", None, p["owner"], title="Tomato fields")
    html = client.get("/coordination/map/").content.decode()
    assert '<table id="opportunity-table"' in html and "Tomato fields" in html
    assert 'id="opportunity-data"' in html  # the map draws from the same rows
    assert "cdn" not in html.lower() and "unpkg" not in html


def test_companies_are_found_by_name_brand_or_former_name(client):
    Company.objects.create(name="Yum! Brands", brands="Taco Bell\nKFC", aliases="Tricon Global")
    Company.objects.create(name="Other Co")
    for query in ("yum", "taco", "tricon"):
        html = client.get(f"/companies/?q={query}").content.decode()
        assert "Yum! Brands" in html and "Other Co" not in html
