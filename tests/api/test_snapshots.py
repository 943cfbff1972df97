"""Issue 21, item 4: the daily bulk files of every collection (gzipped JSON Lines and CSV, a
Frictionless data package, the licence and checksums) and the /data/ pages that serve them."""

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import subprocess
from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from tests.companies.factories import CompanyFactory
from wsr.api import endpoints, registry, snapshots
from wsr.api.registry import Collection
from wsr.api.schemas import Coded, choice
from wsr.companies.models import CompanyEvent

pytestmark = pytest.mark.django_db

NAME = "company-events"


class CompanyRef(Schema):
    slug: str = Field("", description="The company's identifier.")
    name: str = Field("", description="The company's name.")


class Source(Schema):
    title: str = Field("", description="The source's title.")
    url: str = Field("", description="The source's link.")


class EventRecord(Schema):
    id: int = Field(description="The event's identifier.")
    title: str = Field("", description="What happened.")
    date: dt.date | None = Field(None, description="When it happened.")
    kind: Coded | None = Field(None, description="The kind of event.")
    company: CompanyRef | None = Field(None, description="The company it is about.")
    brands: list[str] = Field(default_factory=list, description="The company's brands.")
    sources: list[Source] = Field(default_factory=list, description="Where it was reported.")
    is_public: bool = Field(True, description="Always true in these files.")


def event_record(event) -> dict:
    return {
        "id": event.pk,
        "title": event.title,
        "date": event.date.isoformat(),
        "kind": choice(CompanyEvent.Kind, event.kind),
        "company": {"slug": event.company.slug, "name": event.company.name},
        "brands": event.company.brand_list,
        "sources": [{"title": event.source_title, "url": event.source_url}],
        "is_public": event.is_public,
    }


EVENTS = Collection(
    name=NAME,
    title="Company events",
    description="Dated items on companies' timelines.",
    schema=EventRecord,
    queryset=lambda viewer: CompanyEvent.objects.visible_to(viewer).select_related("company"),
    record=event_record,
    key="pk",
    key_type=int,
)


@pytest.fixture
def open_data(settings, tmp_path, monkeypatch):
    """Only the test collection is registered, and the files go to a temporary folder."""
    settings.OPEN_DATA_ROOT = tmp_path / "open-data"
    settings.OPEN_DATA_KEEP_DAYS = 3
    registry.collections()  # every app's own collections first, so none lands in ours
    monkeypatch.setattr(registry, "_COLLECTIONS", {NAME: EVENTS})
    return settings.OPEN_DATA_ROOT


def event(title="Strike at a supplier", **kwargs):
    company = kwargs.pop("company", None) or CompanyFactory(brands="Sunny\nValue")
    return CompanyEvent.objects.create(
        company=company,
        date=date(2026, 3, 1),
        title=title,
        kind=CompanyEvent.Kind.NEWS,
        source_title="The Ledger",
        source_url="https://example.org/ledger",
        **kwargs,
    )


def lines(folder, name):
    with gzip.open(folder / f"{name}.jsonl.gz", "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def rows(folder, name):
    with gzip.open(folder / f"{name}.csv.gz", "rt", encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        return reader.fieldnames, list(reader)


def test_each_collection_gets_its_json_lines_and_csv_files(open_data):
    event()
    folder = snapshots.snapshot_write()
    assert folder == open_data / timezone.now().date().isoformat()
    assert (folder / f"{NAME}.jsonl.gz").is_file()
    assert (folder / f"{NAME}.csv.gz").is_file()
    for name in ("datapackage.json", "LICENSE.txt", "SHA256SUMS"):
        assert (folder / name).is_file()


def test_every_registered_collection_is_written_even_when_empty(settings, tmp_path):
    settings.OPEN_DATA_ROOT = tmp_path
    folder = snapshots.snapshot_write()
    for collection in registry.collections():
        assert (folder / f"{collection.name}.jsonl.gz").is_file()
        assert (folder / f"{collection.name}.csv.gz").is_file()


def test_a_json_line_equals_the_api_record_of_the_same_id(open_data):
    first, second = event(), event("Wage theft finding")
    folder = snapshots.snapshot_write()
    written = {line["id"]: line for line in lines(folder, NAME)}
    assert list(written) == [first.pk, second.pk]  # ordered by key
    request = RequestFactory().get(f"/api/v1/{NAME}/{second.pk}")
    request.api_token = None
    response = endpoints.one_record(request, EVENTS, str(second.pk), None)
    assert written[second.pk] == json.loads(response.content)["data"]


def test_the_csv_flattens_records_into_columns_in_schema_order(open_data):
    event()
    fieldnames, table = rows(snapshots.snapshot_write(), NAME)
    assert fieldnames == [
        "id",
        "title",
        "date",
        "kind.code",
        "kind.label_en",
        "kind.label_es",
        "company.slug",
        "company.name",
        "brands",
        "sources",
        "is_public",
    ]
    row = table[0]
    assert row["kind.code"] == "news"
    assert row["kind.label_en"] == "News"
    assert row["brands"] == "Sunny; Value"
    assert json.loads(row["sources"]) == [
        {"title": "The Ledger", "url": "https://example.org/ledger"}
    ]
    assert row["is_public"] == "true"
    assert row["date"] == "2026-03-01"


def test_the_csv_neutralizes_text_a_spreadsheet_would_run(open_data):
    event('=HYPERLINK("http://evil.example","x")')
    _fieldnames, table = rows(snapshots.snapshot_write(), NAME)
    assert table[0]["title"].startswith("'=")


def test_a_non_public_record_is_never_in_the_files(open_data):
    event("Public news")
    event("Staff only note", is_public=False)
    folder = snapshots.snapshot_write()
    assert [line["title"] for line in lines(folder, NAME)] == ["Public news"]
    for path in folder.iterdir():
        content = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert b"Staff only note" not in content, path.name


def test_the_checksums_file_checks_with_sha256sum(open_data):
    event()
    folder = snapshots.snapshot_write()
    listed = dict(
        reversed(line.split("  ", 1)) for line in (folder / "SHA256SUMS").read_text().splitlines()
    )
    assert set(listed) == {p.name for p in folder.iterdir()} - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True)
    assert check.returncode == 0, check.stdout


def test_the_data_package_describes_every_file_with_its_fields(open_data, settings):
    event()
    folder = snapshots.snapshot_write()
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == settings.OPEN_DATA_LICENCE
    assert package["licenses"][0]["path"] == settings.OPEN_DATA_LICENCE_URL
    assert package["citation"].startswith(settings.OPEN_DATA_CITATION)
    assert package["citation"].endswith(f"/data/{folder.name}/")
    assert package["created"]
    resources = {resource["path"]: resource for resource in package["resources"]}
    assert set(resources) == {f"{NAME}.jsonl.gz", f"{NAME}.csv.gz"}
    for path, resource in resources.items():
        content = (folder / path).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    table = resources[f"{NAME}.csv.gz"]
    assert table["mediatype"] == "text/csv"
    assert table["compression"] == "gz"
    fields = {field["name"]: field for field in table["schema"]["fields"]}
    assert fields["id"]["type"] == "integer"
    assert fields["date"]["type"] == "date"
    assert fields["is_public"]["type"] == "boolean"
    assert fields["kind.code"]["description"]
    assert fields["title"]["description"] == "What happened."
    assert resources[f"{NAME}.jsonl.gz"]["mediatype"] == "application/jsonl"


def test_the_licence_file_says_how_to_cite(open_data, settings):
    text = (snapshots.snapshot_write() / "LICENSE.txt").read_text()
    assert settings.OPEN_DATA_LICENCE_URL in text
    assert settings.OPEN_DATA_CITATION in text


def test_latest_points_at_the_newest_snapshot(open_data):
    today = timezone.now().date()
    snapshots.snapshot_write(on=today - timedelta(days=1))
    newest = snapshots.snapshot_write(on=today)
    assert snapshots.snapshot_folder("latest") == newest


def test_a_rerun_on_the_same_day_replaces_that_snapshot(open_data):
    event("First")
    snapshots.snapshot_write()
    event("Second")
    folder = snapshots.snapshot_write()
    assert [line["title"] for line in lines(folder, NAME)] == ["First", "Second"]
    assert [p.name for p in open_data.iterdir() if p.is_dir()] == [folder.name]


def test_a_collection_larger_than_a_chunk_is_read_in_several_queries(
    open_data, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(snapshots, "CHUNK", 2)
    titles = [event(f"Item {number}").title for number in range(5)]
    with django_assert_num_queries(3):
        folder = snapshots.snapshot_write()
    assert [line["title"] for line in lines(folder, NAME)] == titles


def test_snapshots_older_than_the_kept_days_are_deleted(open_data):
    today = date(2026, 5, 10)
    for days in (5, 3, 2, 1, 0):
        snapshots.snapshot_write(on=today - timedelta(days=days))
    kept = sorted(p.name for p in open_data.iterdir() if p.is_dir())
    assert kept == ["2026-05-08", "2026-05-09", "2026-05-10"]
    assert snapshots.snapshot_dates() == [date(2026, 5, 10), date(2026, 5, 9), date(2026, 5, 8)]


def test_writing_costs_the_same_queries_for_one_record_or_many(
    open_data, django_assert_num_queries
):
    event()
    with django_assert_num_queries(1):  # a chunk shorter than CHUNK is the last
        snapshots.snapshot_write()
    for number in range(4):
        event(f"More {number}")
    with django_assert_num_queries(1):
        snapshots.snapshot_write()


def test_the_task_writes_a_snapshot(open_data):
    from wsr.api.tasks import write_open_data_snapshots

    write_open_data_snapshots.delay()
    assert snapshots.snapshot_folder("latest") is not None


def test_the_command_writes_a_snapshot(open_data):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("write_open_data", stdout=out)
    assert snapshots.snapshot_folder("latest").name in out.getvalue()


# --- /data/ ------------------------------------------------------------------------------


def test_a_bulk_file_downloads_with_its_headers(client, open_data):
    event()
    folder = snapshots.snapshot_write()
    name = f"{NAME}.csv.gz"
    response = client.get(f"/data/latest/{name}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content == (folder / name).read_bytes()
    assert response["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(content))
    assert response["ETag"] == f'"{hashlib.sha256(content).hexdigest()}"'
    assert response["Last-Modified"]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    dated = client.get(f"/data/{folder.name}/{name}")
    assert dated.status_code == 200
    assert b"".join(dated.streaming_content) == content


def test_a_bulk_file_answers_304_to_its_etag(client, open_data):
    snapshots.snapshot_write()
    first = client.get("/data/latest/datapackage.json")
    assert first["Content-Type"].startswith("application/json")
    again = client.get("/data/latest/datapackage.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/data/latest/../../settings.py",
        "/data/2026-01-01/%2e%2e/x",
        "/data/latest/..",
        "/data/latest/..%2fsettings.py",
        "/data/latest/.latest",
        "/data/latest/nothing.csv.gz",
        "/data/1999-01-01/SHA256SUMS",
        "/data/..%2f..%2fwsr/settings.py",
        "/data/latest/%2fetc%2fpasswd",
    ],
)
def test_no_address_outside_a_snapshot_is_served(client, open_data, url):
    snapshots.snapshot_write(on=date(2026, 1, 1))
    assert client.get(url).status_code == 404


def test_nothing_is_served_before_the_first_snapshot(client, open_data):
    assert client.get("/data/latest/SHA256SUMS").status_code == 404


def test_the_download_page_lists_the_files_with_sizes_and_checksums(client, open_data, site_tree):
    event()
    today = timezone.now().date()
    snapshots.snapshot_write(on=today - timedelta(days=1))
    folder = snapshots.snapshot_write(on=today)
    response = client.get("/data/")
    assert response.status_code == 200
    page = response.content.decode()
    csv_file = folder / f"{NAME}.csv.gz"
    assert f"/data/latest/{NAME}.csv.gz" in page
    assert hashlib.sha256(csv_file.read_bytes()).hexdigest() in page
    assert "bytes" in page or "KB" in page
    assert "/data/latest/datapackage.json" in page
    assert "/data/latest/LICENSE.txt" in page
    assert f"/data/{(today - timedelta(days=1)).isoformat()}/datapackage.json" in page
    assert "/api/" in page
    assert "CC-BY-4.0" in page or "CC BY 4.0" in page


def test_the_download_page_is_there_in_spanish(client, open_data, site_tree):
    snapshots.snapshot_write()
    response = client.get("/es/data/")
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()


def test_the_download_page_says_when_there_is_no_snapshot_yet(client, open_data, site_tree):
    response = client.get("/data/")
    assert response.status_code == 200
    assert "/data/latest/" not in response.content.decode()


def test_the_demo_snapshot_matches_the_api_for_every_collection(client, settings, tmp_path):
    """seed_demo writes a snapshot; in it, each collection's first record is what the API
    answers for that id, and its CSV has a row per line."""
    from django.core.management import call_command

    settings.OPEN_DATA_ROOT = tmp_path
    settings.OPEN_DATA_SNAPSHOT_ON_SEED = True
    call_command("seed_demo", stdout=io.StringIO())
    folder = snapshots.snapshot_folder("latest")
    assert folder is not None
    empty = []
    for collection in registry.collections():
        written = lines(folder, collection.name)
        _fieldnames, table = rows(folder, collection.name)
        assert len(table) == len(written), collection.name
        if not written:
            empty.append(collection.name)
            continue
        response = client.get(f"/api/v1/{collection.name}/{written[0]['id']}")
        assert response.status_code == 200, collection.name
        assert response.json()["data"] == written[0], collection.name
        assert table[0]["id"] == str(written[0]["id"])
    assert len(empty) < len(registry.collections()) / 2, empty


# --- spreadsheet-friendly columns (review of issue 21) -----------------------------------

FLAT = "flat-events"


class Count(Schema):
    code: str = Field(description="The category's code.")
    label_en: str = Field("", description="Label in English.")
    label_es: str = Field("", description="Label in Spanish.")
    count: int = Field(description="Complaints in it.")


class Reference(Schema):
    id: str = Field(description="The company's identifier.")
    name: str = Field("", description="The company's name.")


class FlatRecord(Schema):
    id: int = Field(description="The event's identifier.")
    sectors: list[Coded] = Field(default_factory=list, description="Sectors.")
    by_category: list[Count] = Field(default_factory=list, description="Complaints by category.")
    buyers: list[Reference] = Field(default_factory=list, description="Buyers.")
    sources: list[Source] = Field(default_factory=list, description="Where it was reported.")


COUNTS = {
    "Strike": [{"code": "wages", "label_en": "Wages", "label_es": "Salarios", "count": 3}],
    "Finding": [
        {"code": "safety", "label_en": "Safety", "label_es": "Seguridad", "count": 2},
        {"code": "wages", "label_en": "Wages", "label_es": "Salarios", "count": 1},
    ],
}


def flat_record(event) -> dict:
    return {
        "id": event.pk,
        "sectors": [
            {"code": "agriculture", "label_en": "Agriculture", "label_es": "Agricultura"},
            {"code": "dairy", "label_en": "Dairy", "label_es": "Lácteos"},
        ],
        "by_category": COUNTS.get(event.title, []),
        "buyers": [{"id": "acme", "name": "Acme"}, {"id": "sunny", "name": "Sunny Foods"}],
        "sources": [{"title": event.source_title, "url": event.source_url}],
    }


FLAT_EVENTS = Collection(
    name=FLAT,
    title="Flat events",
    description="Events with lists.",
    schema=FlatRecord,
    queryset=lambda viewer: CompanyEvent.objects.visible_to(viewer).select_related("company"),
    record=flat_record,
    key="pk",
    key_type=int,
)


@pytest.fixture
def flat_data(open_data, monkeypatch):
    monkeypatch.setattr(registry, "_COLLECTIONS", {FLAT: FLAT_EVENTS})
    return open_data


def test_a_list_of_codes_becomes_joined_codes_and_labels_in_the_csv(flat_data):
    event("Strike")
    fieldnames, table = rows(snapshots.snapshot_write(), FLAT)
    assert fieldnames[1:4] == ["sectors", "sectors.label_en", "sectors.label_es"]
    assert table[0]["sectors"] == "agriculture; dairy"
    assert table[0]["sectors.label_en"] == "Agriculture; Dairy"
    assert table[0]["sectors.label_es"] == "Agricultura; Lácteos"


def test_counts_by_code_become_one_column_per_code_found_in_the_file(flat_data):
    event("Strike")
    event("Finding")
    event("Nothing reported")
    fieldnames, table = rows(snapshots.snapshot_write(), FLAT)
    assert "by_category" not in fieldnames
    assert [name for name in fieldnames if name.startswith("by_category.")] == [
        "by_category.safety",
        "by_category.wages",
    ]
    assert [(row["by_category.safety"], row["by_category.wages"]) for row in table] == [
        ("", "3"),
        ("2", "1"),
        ("", ""),
    ]


def test_references_become_joined_ids_and_names_and_other_objects_stay_json(flat_data):
    event("Strike")
    fieldnames, table = rows(snapshots.snapshot_write(), FLAT)
    assert "buyers" in fieldnames and "buyers.name" in fieldnames
    assert table[0]["buyers"] == "acme; sunny"
    assert table[0]["buyers.name"] == "Acme; Sunny Foods"
    assert json.loads(table[0]["sources"])[0]["title"] == "The Ledger"


def test_the_csv_schema_lists_the_csv_columns_and_the_jsonl_keeps_the_nested_schema(flat_data):
    event("Strike")
    event("Finding")
    folder = snapshots.snapshot_write()
    package = json.loads((folder / "datapackage.json").read_text())
    resources = {resource["path"]: resource for resource in package["resources"]}
    fieldnames, _table = rows(folder, FLAT)
    fields = resources[f"{FLAT}.csv.gz"]["schema"]["fields"]
    assert [field["name"] for field in fields] == fieldnames
    types = {field["name"]: field["type"] for field in fields}
    assert types["by_category.wages"] == "integer"
    assert types["sectors"] == "string"
    described = {field["name"]: field["description"] for field in fields}
    assert "Wages" in described["by_category.wages"]
    nested = resources[f"{FLAT}.jsonl.gz"]["jsonSchema"]
    assert nested["properties"]["by_category"]["type"] == "array"


def test_flattening_costs_no_extra_query(flat_data, django_assert_num_queries):
    event("Strike")
    event("Finding")
    with django_assert_num_queries(1):
        snapshots.snapshot_write()


# --- citing a snapshot ----------------------------------------------------------------------


def test_a_snapshot_address_leads_to_its_place_on_the_download_page(client, open_data):
    folder = snapshots.snapshot_write(on=date(2026, 5, 9))
    response = client.get(f"/data/{folder.name}/")
    assert response.status_code == 302
    assert response["Location"] == "/data/#snapshot-2026-05-09"
    latest = client.get("/data/latest/")
    assert latest.status_code == 302
    assert latest["Location"] == "/data/#snapshot-2026-05-09"


def test_an_address_of_a_snapshot_no_longer_kept_leads_to_the_download_page(client, open_data):
    snapshots.snapshot_write(on=date(2026, 5, 9))
    response = client.get("/data/2026-01-01/")
    assert response.status_code == 302
    assert response["Location"] == "/data/"


def test_an_address_of_a_future_day_or_no_day_is_not_found(client, open_data):
    assert client.get("/data/2999-01-01/").status_code == 404
    assert client.get("/data/latest/").status_code == 404  # no snapshot yet


def test_the_page_has_the_anchor_of_every_kept_snapshot(client, open_data, site_tree):
    today = timezone.now().date()
    snapshots.snapshot_write(on=today - timedelta(days=1))
    snapshots.snapshot_write(on=today)
    page = client.get("/data/").content.decode()
    assert f'id="snapshot-{today.isoformat()}"' in page
    assert f'id="snapshot-{(today - timedelta(days=1)).isoformat()}"' in page


def test_the_citation_names_the_snapshot_and_its_address(client, open_data, site_tree, settings):
    folder = snapshots.snapshot_write()
    address = f"{settings.SITE_URL.rstrip('/')}/data/{folder.name}/"
    page = " ".join(client.get("/data/").content.decode().split())
    assert settings.OPEN_DATA_CITATION in page
    assert address in page
    assert folder.name in page
    licence = (folder / "LICENSE.txt").read_text()
    assert address in licence and folder.name in licence


# --- the page in Spanish and on a phone -------------------------------------------------------


def test_the_spanish_page_links_the_spanish_api_guide(client, open_data, site_tree):
    snapshots.snapshot_write()
    page = client.get("/es/data/").content.decode()
    assert 'href="/es/api/"' in page
    assert 'href="/api/"' not in page


def test_the_files_table_reads_as_cards_with_labels_and_wrapping_checksums(
    client, open_data, site_tree
):
    event()
    snapshots.snapshot_write()
    page = client.get("/data/").content.decode()
    assert 'class="data-files table--cards"' in page
    assert 'data-label="Size"' in page
    assert 'data-label="SHA-256 checksum"' in page
    assert '<code class="breakable">' in page
