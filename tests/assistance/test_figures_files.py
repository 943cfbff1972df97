"""Enforcement figures as files (issue 19): downloads of verified figures as CSV and XLSX with
the upload's columns, the blank template, and spreadsheets uploaded through the same checks
as CSV. A downloaded file uploads again unchanged."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from assistance import services
from assistance.forms import CSV_COLUMNS
from assistance.models import ComplaintCategory, EnforcementReport, ReportImport
from tests.assistance.registry import cast, initiative, report_data, verified_figures

pytestmark = pytest.mark.django_db


def counts(**by_column) -> dict:
    """{category id: count} from column names (complaints_wages=3, outcome_open=1)."""
    columns = {c.column: c for c in ComplaintCategory.objects.all()}
    return {columns[name].pk: n for name, n in by_column.items()}


@pytest.fixture
def people():
    people = cast()
    # a year, a half year with money, a narrative and complaint counts, another year
    verified_figures(people, 2021)
    verified_figures(
        people,
        2022,
        period_start=date(2022, 1, 1),
        period_end=date(2022, 6, 30),
        complaints_received=20,
        complaints_resolved=15,
        median_days_to_resolution=Decimal("12.5"),
        premium_paid=Decimal("3100000.00"),
        premium_currency="USD",
        source_note='=HYPERLINK("x")',
        narrative='A new grower joined.\nTwo <b>retaliation</b> cases, one "open".',
        counts=counts(complaints_wages=7, complaints_retaliation=2, outcome_open=5),
    )
    verified_figures(people, 2023, premium_paid=Decimal("12.34"), premium_currency="EUR")
    # neither pending nor returned figures are downloaded
    services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=report_data(2024)
    )
    returned = services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=report_data(2020)
    )
    services.report_verify(report=returned, actor=people["staff"], accept=False, note="Check")
    return people


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def read_xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def upload(client, slug, content: bytes, name: str):
    return client.post(
        f"/initiatives/{slug}/figures/",
        {"csv-file": SimpleUploadedFile(name, content, "application/octet-stream")},
    )


def category_columns(*, active_only=False) -> list[str]:
    categories = ComplaintCategory.objects.ordered()
    if active_only:
        categories = categories.active()
    return [c.column for c in categories]


def test_an_initiatives_csv_holds_every_verified_figure_and_nothing_pending(client, people):
    rows = read_csv(client.get(f"/initiatives/{people['initiative'].slug}/figures.csv"))
    assert rows[0] == [*CSV_COLUMNS, *category_columns()]
    assert "narrative" in rows[0] and "complaints_wages" in rows[0] and "outcome_open" in rows[0]
    by_start = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert sorted(by_start) == ["2021-01-01", "2022-01-01", "2023-01-01"]  # no 2020, no 2024
    half = by_start["2022-01-01"]
    assert half["period_end"] == "2022-06-30"
    assert half["premium_paid"] == "3100000.00" and half["premium_currency"] == "USD"
    assert half["median_days_to_resolution"] == "12.5"
    assert half["complaints_wages"] == "7" and half["outcome_open"] == "5"
    assert half["complaints_hours"] == ""  # not counted, not zero
    assert half["narrative"].startswith("A new grower joined.\nTwo <b>retaliation</b>")
    assert half["source_note"].startswith("'=")  # a formula stays text in a spreadsheet


def test_an_unlisted_initiative_has_no_download_even_for_staff(client, people):
    target = people["initiative"]
    target.is_listed = False
    target.save()
    for user in (None, people["staff"], people["lead"]):
        if user is not None:
            client.force_login(user)
        for fmt in ("csv", "xlsx"):
            assert client.get(f"/initiatives/{target.slug}/figures.{fmt}").status_code == 404
    assert client.get("/initiatives/nobody/figures.csv").status_code == 404


def test_the_download_of_all_initiatives_names_each_rows_initiative(client, people):
    hidden = initiative(name="Hidden Program", is_listed=False, lead=people["organization"])
    services.report_verify(
        report=services.report_submit(
            initiative=hidden, actor=people["lead"], data=report_data(2019)
        ),
        actor=people["staff"],
        accept=True,
    )
    rows = read_csv(client.get("/initiatives/figures.csv"))
    assert rows[0][:3] == ["initiative_slug", "initiative", "demo_data"]
    assert rows[0][3:] == [*CSV_COLUMNS, *category_columns()]
    assert {row[0] for row in rows[1:]} == {people["initiative"].slug}
    assert len(rows) == 4
    book = read_xlsx(client.get("/initiatives/figures.xlsx"))
    assert [c.value for c in book["Figures"][1]][:3] == [
        "initiative_slug",
        "initiative",
        "demo_data",
    ]
    assert book["Figures"].max_row == 4


def test_the_spreadsheet_has_typed_cells_widths_and_an_about_sheet(client, people, settings):
    settings.ASSISTANCE_FIGURES_LICENCE = "CC BY 4.0"
    book = read_xlsx(client.get(f"/initiatives/{people['initiative'].slug}/figures.xlsx"))
    assert book.sheetnames == ["Figures", "About"]
    sheet = book["Figures"]
    header = [c.value for c in sheet[1]]
    assert header == [*CSV_COLUMNS, *category_columns()]
    assert sheet[1][0].font.bold
    half = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert half["period_start"].date() == date(2022, 1, 1)  # a date cell, not text
    assert sheet[3][0].number_format == "yyyy-mm-dd"
    assert half["workers_covered"] == 1200 and half["premium_paid"] == 3100000
    assert half["median_days_to_resolution"] == 12.5
    assert half["complaints_wages"] == 7 and half["complaints_hours"] is None
    assert half["source_note"] == '=HYPERLINK("x")' and sheet[3][12].data_type == "s"
    assert sheet.column_dimensions["A"].width >= 12
    assert sheet.column_dimensions["N"].width == 60  # the narrative
    about = " ".join(str(c.value) for row in book["About"].iter_rows() for c in row if c.value)
    assert "Licence CC BY 4.0" in about and "http://testserver/initiatives/" in about
    assert "Only figures verified by staff" in about


def _same_figures(first, second):
    names = [*services.REPORT_FIELDS]
    a = [tuple(getattr(r, n) for n in names) for r in first]
    b = [tuple(getattr(r, n) for n in names) for r in second]
    assert a == b
    counts_a = [sorted((c.category_id, c.count) for c in r.complaint_counts.all()) for r in first]
    counts_b = [sorted((c.category_id, c.count) for c in r.complaint_counts.all()) for r in second]
    assert counts_a == counts_b


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_downloaded_file_uploads_again_unchanged(client, people, fmt):
    source = people["initiative"]
    downloaded = client.get(f"/initiatives/{source.slug}/figures.{fmt}").content
    copy = initiative(name="Copy Program", lead=people["organization"])
    client.force_login(people["lead"])
    response = upload(client, copy.slug, downloaded, f"figures.{fmt}")
    assert response.status_code == 302, response.content.decode()[:3000]
    originals = EnforcementReport.objects.filter(initiative=source, status="verified")
    copies = EnforcementReport.objects.filter(initiative=copy)
    if fmt == "csv":
        # the neutralized formula comes back with its quote: the one change a CSV makes
        original = originals.get(period_start=date(2022, 1, 1))
        copied = copies.get(period_start=date(2022, 1, 1))
        assert copied.source_note == "'" + original.source_note
        copies.filter(pk=copied.pk).update(source_note=original.source_note)
    _same_figures(originals.order_by("period_start"), copies.order_by("period_start"))
    for report in copies:
        services.report_verify(report=report, actor=people["staff"], accept=True)
    if fmt == "xlsx":
        again = client.get(f"/initiatives/{copy.slug}/figures.xlsx")
        first, second = load_workbook(io.BytesIO(downloaded)), read_xlsx(again)
        assert [[c.value for c in r] for r in first["Figures"].iter_rows()] == [
            [c.value for c in r] for r in second["Figures"].iter_rows()
        ]


def test_the_blank_templates_have_the_columns_and_the_instructions(client, people):
    rows = read_csv(client.get("/initiatives/figures-template.csv"))
    assert rows == [[*CSV_COLUMNS, *category_columns(active_only=True)]]
    book = read_xlsx(client.get("/initiatives/figures-template.xlsx"))
    assert book.sheetnames == ["Figures", "Instructions"]
    assert [c.value for c in book["Figures"][1]] == rows[0]
    explained = [row[0] for row in book["Instructions"].iter_rows(min_row=3, values_only=True)]
    assert explained == rows[0]
    currency = next(
        row
        for row in book["Instructions"].iter_rows(values_only=True)
        if row[0] == "premium_currency"
    )
    assert "USD" in currency[4] and "EUR" in currency[4]
    # the templates parse: empty, they are refused for having no rows, not for their header
    client.force_login(people["lead"])
    slug = people["initiative"].slug
    for fmt in ("csv", "xlsx"):
        blank = client.get(f"/initiatives/figures-template.{fmt}").content
        response = upload(client, slug, blank, f"template.{fmt}")
        assert response.status_code == 400
        assert "no rows of figures" in response.content.decode()
    # filled in, the spreadsheet template is imported
    book = load_workbook(io.BytesIO(client.get("/initiatives/figures-template.xlsx").content))
    header = [c.value for c in book["Figures"][1]]
    values = {**report_data(2018), "complaints_wages": 3, "outcome_open": 1}
    book["Figures"].append([values.get(name) for name in header])
    out = io.BytesIO()
    book.save(out)
    assert upload(client, slug, out.getvalue(), "filled.xlsx").status_code == 302
    made = EnforcementReport.objects.get(initiative=people["initiative"], period_start__year=2018)
    assert {c.category.code: c.count for c in made.complaint_counts.all()} == {
        "wages": 3,
        "open": 1,
    }


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_spreadsheet_with_a_bad_row_is_refused_naming_the_row_and_column(client, people):
    client.force_login(people["lead"])
    good = report_data(2018)
    bad = {**report_data(2019), "complaints_received": "forty"}
    content = _xlsx(
        [CSV_COLUMNS, [good.get(c) for c in CSV_COLUMNS], [bad.get(c) for c in CSV_COLUMNS]]
    )
    response = upload(client, people["initiative"].slug, content, "figures.xlsx")
    assert response.status_code == 400
    assert "Row 3, column complaints_received" in response.content.decode()
    assert not EnforcementReport.objects.filter(period_start__year__in=(2018, 2019)).exists()


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(client, people):
    client.force_login(people["lead"])
    response = upload(client, people["initiative"].slug, b"PK\x03\x04garbage", "figures.xlsx")
    assert response.status_code == 400
    assert "The spreadsheet could not be read" in response.content.decode()


def test_a_spreadsheet_of_too_many_rows_is_refused(client, people, monkeypatch):
    from assistance.services import figures

    monkeypatch.setattr(figures, "MAX_XLSX_ROWS", 2)
    client.force_login(people["lead"])
    rows = [
        CSV_COLUMNS,
        *([report_data(y).get(c) for c in CSV_COLUMNS] for y in (2015, 2016, 2017)),
    ]
    response = upload(client, people["initiative"].slug, _xlsx(rows), "figures.xlsx")
    assert response.status_code == 400
    assert "The spreadsheet is too large" in response.content.decode()


def test_a_large_spreadsheet_takes_the_background_import(client, people, settings):
    settings.ASSISTANCE_IMPORT_INLINE_ROWS = 1
    client.force_login(people["lead"])
    rows = [CSV_COLUMNS, *([report_data(y).get(c) for c in CSV_COLUMNS] for y in (2016, 2017))]
    response = upload(client, people["initiative"].slug, _xlsx(rows), "figures.xlsx")
    assert response.status_code == 302 and "/figures/imports/" in response["Location"]
    job = ReportImport.objects.get()
    assert job.rows_total == 2
    with job.file.open("rb") as file:
        assert file.read().decode().startswith(",".join(CSV_COLUMNS))


def test_the_instructions_are_in_the_readers_language_and_the_codes_stay(client):
    book = read_xlsx(client.get("/es/initiatives/figures-template.xlsx"))
    rows = list(book.worksheets[1].iter_rows(min_row=3, values_only=True))
    wages = next(row for row in rows if row[0] == "complaints_wages")
    assert "Salarios" in wages[1]
    assert [c.value for c in book["Figures"][1]][:2] == ["period_start", "period_end"]


def _history_count() -> int:
    return EnforcementReport.history.count()


def _state(source) -> dict:
    return {
        r.pk: (
            r.status,
            r.verified_at,
            sorted((c.category_id, c.count) for c in r.complaint_counts.all()),
        )
        for r in EnforcementReport.objects.filter(initiative=source)
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_initiatives_own_download_uploads_again_as_unchanged(client, people, fmt):
    """The issue's round trip on the same initiative: every period is verified already, and
    the file says exactly what they say, so nothing changes and nothing is refused."""
    source = people["initiative"]
    downloaded = client.get(f"/initiatives/{source.slug}/figures.{fmt}").content
    before = _state(source)
    history = _history_count()
    client.force_login(people["lead"])
    response = client.post(
        f"/es/initiatives/{source.slug}/figures/",
        {"csv-file": SimpleUploadedFile(f"figures.{fmt}", downloaded, "application/octet-stream")},
        follow=True,
    )
    assert response.redirect_chain, response.content.decode()[:3000]
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [  # the page is the Spanish one
        "3 períodos sin cambios: ya están verificados con las mismas cifras, por lo que se "
        "dejaron como estaban."
    ]
    assert _state(source) == before
    assert _history_count() == history


def test_a_file_changing_verified_periods_is_refused_naming_each_row(client, people):
    source = people["initiative"]
    rows = read_csv(client.get(f"/initiatives/{source.slug}/figures.csv"))
    header = rows[0]
    received = header.index("complaints_received")
    wages = header.index("complaints_wages")
    rows[1][received] = str(int(rows[1][received]) + 1)  # 2021: a figure changed
    rows[3][wages] = "1"  # 2023: a count added
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    client.force_login(people["lead"])
    response = upload(client, source.slug, out.getvalue().encode(), "figures.csv")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Row 2: the figures for" in text
    assert "Row 4: the figures for" in text
    assert "Row 3:" not in text  # the unchanged 2022 row is no error
    assert (
        not EnforcementReport.objects.filter(initiative=source, status="submitted")
        .exclude(period_start=date(2024, 1, 1))
        .exists()
    )


def test_the_form_sending_verified_figures_again_changes_nothing(people):
    source = people["initiative"]
    report = EnforcementReport.objects.get(initiative=source, period_start=date(2021, 1, 1))
    same = services.report_submit(initiative=source, actor=people["lead"], data=report_data(2021))
    assert same.pk == report.pk and same.status == "verified"
    with pytest.raises(ValidationError, match="verified already"):
        services.report_submit(
            initiative=source, actor=people["lead"], data=report_data(2021, audits=99)
        )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_run_a_constant_number_of_queries(client, fmt):
    """One verified period or five: the same queries for the all-initiatives download and
    an initiative's own (categories and counts prefetched, not read per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = cast()
    verified_figures(people, 2021, counts=counts(complaints_wages=1, outcome_open=1))
    slug = people["initiative"].slug
    urls = [f"/initiatives/figures.{fmt}", f"/initiatives/{slug}/figures.{fmt}"]
    for url in urls:
        client.get(url)  # warm the process caches
    few = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few.append(len(queries))
    for year in (2017, 2018, 2019, 2020):
        verified_figures(people, year, counts=counts(complaints_wages=2, outcome_open=2))
    many = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        many.append(len(queries))
    assert few == many
