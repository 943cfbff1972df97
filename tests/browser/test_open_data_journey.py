"""Issue 21, as the issue's reader will check it: a researcher finds the open data from the
footer, reads the guide, fetches a company, an initiative with its scorecard and its
enforcement figures from the API, and the values are the ones the site's pages show; the
companies file downloaded from /data/ holds the same record; a member makes a personal
token by keyboard alone, reads members-only resources with it, revokes it and is refused.
axe-core and the 360 px check run on every page."""

import csv
import gzip
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from wsr.api.registry import collections

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMPANY = "ahold-delhaize"
INITIATIVE = "fair-food-program"


def _digits(text):
    return re.sub(r"\D", "", text)


def _api(visitor, path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = visitor.page.request.get(f"{visitor.base_url}{path}", headers=headers)
    return response


def _data(visitor, path, token=None):
    response = _api(visitor, path, token)
    assert response.status == 200, (path, response.status, response.text()[:300])
    return response.json()["data"]


def _label(visitor, coded):
    return coded[f"label_{visitor.language}"]


def test_a_researcher_reads_the_api_and_the_files_and_a_member_uses_a_token(
    visitor, full_demo, settings, tmp_path
):
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    call_command("write_open_data", verbosity=0)
    page = visitor.page

    # The guide, from the footer of the home page.
    visitor.goto("/")
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name=visitor.t("Open data")).click()
    visitor.check()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("/api/v1/companies/")

    # A company: the API's record is what its page says.
    company = _data(visitor, f"/api/v1/companies/{COMPANY}")
    assert company["agreements"], "the demo company signed agreements"
    visitor.goto(urlsplit(company["url"]).path)
    main = page.locator("main")
    expect(main).to_contain_text(company["name"])
    for agreement in company["agreements"]:
        expect(main).to_contain_text(agreement["initiative_name"])
    for brand in company["brands"]:
        expect(main).to_contain_text(brand)

    # An initiative, its published scorecard, its verified figures.
    initiative = _data(visitor, f"/api/v1/initiatives/{INITIATIVE}")
    assessment = _data(visitor, f"/api/v1/assessments/{initiative['latest_assessment']}")
    assert assessment["determination"] == initiative["determination"]
    visitor.goto(urlsplit(assessment["url"]).path)
    main = page.locator("main")
    expect(main).to_contain_text(_label(visitor, assessment["determination"]))
    for score in assessment["scores"]:
        expect(main).to_contain_text(score[f"criterion_name_{visitor.language}"])
        expect(main).to_contain_text(_label(visitor, score["score_label"]))

    figures = _data(visitor, f"/api/v1/enforcement-figures/?initiative={INITIATIVE}&limit=100")
    assert figures
    visitor.goto(urlsplit(initiative["url"]).path)
    table = page.locator(
        "table", has=page.locator("caption", has_text=visitor.t("Enforcement figures by period"))
    )
    for report in figures:
        row = table.locator("tbody tr").filter(
            has=page.locator("th", has_text=report["period_label"])
        )
        cells = [_digits(text) for text in row.first.locator("td").all_inner_texts()]
        assert cells[:3] == [
            str(report["workers_covered"]),
            str(report["complaints_received"]),
            str(report["complaints_resolved"]),
        ], report["period_label"]

    # The companies file of the latest snapshot holds the same company.
    visitor.goto("/data/")
    link = page.locator("main a[href$='/companies.csv.gz']").first
    visitor.reveal(link)
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "companies.csv.gz"
    download.value.save_as(path)
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(handle.read()))}
    assert rows[COMPANY]["name"] == company["name"]

    # A member makes a token by keyboard alone and reads members-only resources with it.
    anonymous = {record["id"] for record in _data(visitor, "/api/v1/resources/?limit=100")}
    visitor.sign_in("member@wsr.test")
    visitor.goto("/portal/api-tokens/")
    name = page.locator("main input[name=name]")
    name.focus()
    page.keyboard.type("Research notebook")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()
    token = page.locator("#new-token-value").input_value()
    assert token.startswith("wagtail_")
    resources = _data(visitor, "/api/v1/resources/?limit=100", token)
    members_only = [r for r in resources if r["id"] not in anonymous]
    assert members_only and all(r["audience"]["code"] == "members" for r in members_only)

    # Revoked, the token is refused with a problem document.
    visitor.goto("/portal/api-tokens/")
    row = page.locator("tbody tr").filter(has_text="Research notebook")
    row.locator("summary").click()
    with page.expect_navigation():
        row.get_by_role("button").click()
    visitor.check()
    refused = _api(visitor, "/api/v1/resources/", token)
    assert refused.status == 401
    assert refused.headers["content-type"].startswith("application/problem+json")


def test_the_explorer_lists_the_endpoints_and_tries_one(visitor):
    """Swagger UI from the vendored files, under the site's CSP: an operation is tried and
    answers 200, and a record's schema opens; axe and the 360 px check on each step."""
    page = visitor.page
    visitor.goto("/api/explorer/")
    page.locator(".opblock").first.wait_for()
    visitor.check()
    name = collections()[0].name
    operation = page.locator(f"#operations-{name}-list_{name}")
    operation.locator(".opblock-summary-control").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200")
    visitor.check()
    models = page.locator("section.models")
    if models.locator(".models-control[aria-expanded='false']").count():
        models.locator(".models-control").click()
    schema = models.locator("article.json-schema-2020-12").nth(1)
    schema.locator(".json-schema-2020-12-expand-deep-button").first.click()
    schema.locator(".json-schema-2020-12-property").first.wait_for()
    visitor.check()
