"""An enforcement-figures CSV is read the same way whatever the interface language, and every
row that cannot be taken is refused with its row and column, never with a server error
(issue 17): dates only as YYYY-MM-DD, no period that has not ended, decimal commas taken,
and a value over csv's 131,072-character field limit named like any other bad value."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assistance.models import EnforcementReport
from tests.assistance.test_enforcement_reports import HEADER, row, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client):
    from tests.assistance.registry import cast

    people = cast()
    client.force_login(people["lead"])
    return people


def _refused(response, *expected):
    assert response.status_code == 400
    html = response.content.decode()
    for text in expected:
        assert text in html, text
    assert EnforcementReport.objects.count() == 0
    return html


def test_a_value_over_the_csv_field_limit_is_named_by_row_and_column(client, people):
    note = "x" * 140_000  # the file stays under 1 MB
    text = "\n".join([HEADER, row(2022), row(2023, source_note=f'"{note}"'), row(2024)])
    _refused(
        upload(client, people["initiative"].slug, text),
        "Row 3, column source_note",
        "too long",
    )


def test_a_header_over_the_csv_field_limit_is_refused_too(client, people):
    text = "\n".join(['"' + "y" * 140_000 + '"', row(2022)])
    _refused(upload(client, people["initiative"].slug, text), "Row 1, column 1", "too long")


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("date", ["03/04/2023", "04/03/2023", "2023/04/03", "3 April 2023"])
def test_dates_are_read_only_as_year_month_day_whatever_the_language(client, people, prefix, date):
    text = "\n".join([HEADER, row(2023, period_start=date)])
    response = client.post(
        f"{prefix}/initiatives/{people['initiative'].slug}/figures/",
        {"csv-file": _file(text)},
    )
    _refused(response, "YYYY-MM-DD")


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_year_month_day_dates_are_taken_whatever_the_language(client, people, prefix):
    text = "\n".join([HEADER, row(2023, period_start="2023-03-04", period_end="2023-04-03")])
    response = client.post(
        f"{prefix}/initiatives/{people['initiative'].slug}/figures/",
        {"csv-file": _file(text)},
    )
    assert response.status_code == 302
    report = EnforcementReport.objects.get()
    assert (report.period_start.month, report.period_start.day) == (3, 4)
    assert (report.period_end.month, report.period_end.day) == (4, 3)


def test_a_period_that_has_not_ended_is_refused(client, people):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    text = "\n".join(
        [HEADER, row(2022), row(2023, period_start=f"{today:%Y-%m-%d}", period_end=f"{tomorrow}")]
    )
    _refused(
        upload(client, people["initiative"].slug, text),
        "Row 3, column period_end",
        "has not ended",
    )


def test_the_form_refuses_a_period_that_has_not_ended_too(client, people):
    from tests.assistance.registry import report_data

    data = {f"report-{k}": ("" if v is None else v) for k, v in report_data(2022).items()}
    data["report-period_end"] = f"{timezone.localdate() + timedelta(days=40):%Y-%m-%d}"
    response = client.post(f"/initiatives/{people['initiative'].slug}/figures/", data)
    assert response.status_code == 400
    assert "has not ended" in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_decimal_commas_are_taken_with_the_english_column_names(client, people, prefix):
    text = "\n".join(
        [HEADER, row(2023, median_days_to_resolution='"1,5"', premium_paid='"150000,25"')]
    )
    response = client.post(
        f"{prefix}/initiatives/{people['initiative'].slug}/figures/",
        {"csv-file": _file(text)},
    )
    assert response.status_code == 302
    report = EnforcementReport.objects.get()
    assert report.median_days_to_resolution == Decimal("1.5")
    assert report.premium_paid == Decimal("150000.25")


def test_decimal_points_are_still_taken_in_spanish(client, people):
    text = "\n".join([HEADER, row(2023, median_days_to_resolution="1.5")])
    response = client.post(
        f"/es/initiatives/{people['initiative'].slug}/figures/", {"csv-file": _file(text)}
    )
    assert response.status_code == 302
    assert EnforcementReport.objects.get().median_days_to_resolution == Decimal("1.5")


def test_a_number_with_both_separators_is_refused_not_guessed(client, people):
    text = "\n".join([HEADER, row(2023, premium_paid='"1.500,25"')])
    _refused(upload(client, people["initiative"].slug, text), "Row 2, column premium_paid")


def test_every_problem_is_counted_even_past_the_first_fifty(client, people):
    rows = [row(2000 + n % 20, audits="many") for n in range(60)]
    html = _refused(upload(client, people["initiative"].slug, "\n".join([HEADER, *rows])))
    assert "Row 61, column audits" not in html  # the list stops at fifty...
    assert "more problems" in html  # ...and says how many it left out


def _file(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("figures.csv", text.encode(), "text/csv")
