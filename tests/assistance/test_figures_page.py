"""Enforcement figures on the initiative's page (issue 19): normalized per year and per 1,000
workers beside the raw values, a narrative per period, complaints by category and outcome,
numbers and money in the reader's language, and a trend chart drawn as a line with points
whose labels stay inside it."""

import re
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from assistance import services
from assistance.models import ComplaintCategory, EnforcementReport
from assistance.services import figures
from tests.assistance.registry import cast, report_data, verified_figures

pytestmark = pytest.mark.django_db
NBSP = "\xa0"


def counts(**by_column) -> dict:
    columns = {c.column: c for c in ComplaintCategory.objects.all()}
    return {columns[name].pk: n for name, n in by_column.items()}


@pytest.fixture
def people():
    people = cast()
    verified_figures(people, 2021, complaints_received=100, complaints_resolved=90)
    verified_figures(
        people,
        2022,
        period_start=date(2022, 1, 1),
        period_end=date(2022, 7, 1),  # 182 days: half of 364
        complaints_received=50,
        complaints_resolved=40,
        workers_covered=500,
        premium_paid=Decimal("3100000.00"),
        premium_currency="USD",
        narrative="<script>alert(1)</script> A new grower joined.",
        counts=counts(complaints_wages=7, complaints_retaliation=2, outcome_open=5),
    )
    verified_figures(people, 2023, complaints_received=120, complaints_resolved=110)
    return people


def page(client, people, language=None):
    prefix = f"/{language}" if language else ""
    response = client.get(prefix + people["initiative"].get_absolute_url())
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def test_a_half_year_is_normalized_per_year_and_per_thousand_workers():
    half = EnforcementReport(period_start=date(2022, 1, 1), period_end=date(2022, 6, 30))
    assert figures.period_days(half) == 181
    assert figures.per_year(60, 181) == pytest.approx(60 * 365 / 181)
    assert figures.per_year(40, 365) == 40
    yearly = figures.per_year(60, 181)
    assert figures.per_thousand_workers(yearly, 500) == pytest.approx(yearly * 2)
    assert figures.per_thousand_workers(yearly, 0) is None
    [row] = figures.normalized_rows([EnforcementReport(**report_data(2020))])
    assert row.days == 366  # a leap year
    assert row.measures[0].raw == 40
    assert row.measures[0].yearly == pytest.approx(40 * 365 / 366)


def test_the_page_shows_raw_and_normalized_figures_and_says_how(client, people):
    response, soup = page(client, people)
    table = soup.select_one("table.figures--normalized")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    # period, days | received, per year, per 1,000 workers a year | resolved, ...
    # 50 × 365 / 182 = 100.27 a year; × 1,000 / 500 workers = 200.5
    assert rows["2022-01 – 2022-07"] == ["182", "50", "100", "200.5", "40", "80", "160.4"]
    assert rows["2021"] == ["365", "100", "100", "83.3", "90", "90", "75.0"]
    assert "the count × 365 ÷ the days in the period" in response.content.decode()


def test_the_chart_is_a_line_with_points_of_yearly_values_and_keeps_its_labels(client, people):
    _response, soup = page(client, people)
    svg = soup.select_one("figure.trend-chart svg")
    assert svg["role"] == "img" and svg.title and svg.desc
    width, height = (float(v) for v in svg["viewbox"].split()[2:])
    lines = svg.find_all("polyline")
    assert len(lines) == 2 and all(line["fill"] == "none" for line in lines)
    assert not svg.find_all(["path", "polygon", "rect"])  # no filled area
    assert len(svg.find_all("circle")) == 6
    # per year, the half year (50 in 182 days: 100.3 a year) sits where the full year of
    # 100 does, not at half its height
    received = [(float(c["cx"]), float(c["cy"])) for c in svg.find_all("circle")[:3]]
    assert received[0][1] == pytest.approx(received[1][1], abs=0.5)
    assert received[2][1] < received[0][1]
    # every text inside the viewBox, the last period label included (estimated at the
    # largest font the stylesheet gives the chart)
    for text in svg.find_all("text"):
        x, anchor = float(text["x"]), text.get("text-anchor", "start")
        wide = figures.text_width(text.get_text())
        left = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        assert 0 <= left and left + wide <= width, text
        assert 0 < float(text["y"]) <= height
    labels = [t.get_text() for t in svg.select("text.trend-chart__label")]
    assert labels[-1] == "2023"
    titles = [t.get_text() for t in svg.select("text.trend-chart__axis-title")]
    assert titles == ["Complaints per year", "Reporting period"]
    css = (settings.BASE_DIR / "static/css/site.css").read_text()
    assert re.search(r"svg \.trend-chart__line \{ fill: none; \}", css)


def test_the_last_label_of_many_long_periods_is_not_clipped():
    reports = [
        EnforcementReport(
            period_start=date(2010 + n, 3, 1),
            period_end=date(2011 + n, 2, 1),
            complaints_received=10 * n,
            complaints_resolved=n,
            workers_covered=100,
        )
        for n in range(9)
    ]
    chart = figures.trend_chart(reports, [("complaints_received", "R", "a")])
    x, text = chart.labels[-1]
    assert text == "2018-03–2019-02"
    assert x + figures.text_width(text) / 2 <= chart.width
    shown = [x for x, _t in chart.labels]
    widest = max(figures.text_width(t) for _x, t in chart.labels)
    assert all(b - a >= widest for a, b in zip(shown, shown[1:], strict=False))


def test_a_narrative_is_shown_escaped_beside_the_numbers(client, people):
    response, soup = page(client, people)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A new grower joined." in html
    assert soup.select_one("dd.narrative").get_text().endswith("A new grower joined.")


def test_complaints_by_category_and_outcome_are_stored_and_shown(client, people):
    response, soup = page(client, people)
    table = soup.select_one("table.figures--counts")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if tr.td
    }
    assert rows["Wages"] == ["–", "7", "–"]
    assert rows["Retaliation"] == ["–", "2", "–"]
    assert rows["Still open"] == ["–", "5", "–"]
    assert "Hours" not in rows  # not counted in any period


def test_the_form_records_counts_per_category_and_outcome(client, people):
    client.force_login(people["lead"])
    url = f"{people['initiative'].get_absolute_url()}figures/"
    form = BeautifulSoup(client.get(url).content, "html.parser")
    assert form.find("label", attrs={"for": "id_counts-complaints_wages"}).get_text() == "Wages"
    assert form.find("legend", string="Complaints by outcome")
    data = {f"report-{k}": ("" if v is None else v) for k, v in report_data(2024).items()}
    data |= {"report-narrative": "Quiet year.", "counts-complaints_wages": "4"}
    data |= {"counts-outcome_open": "30", "counts-outcome_not_substantiated": "20"}
    response = client.post(url, data)
    assert response.status_code == 400  # 50 outcomes of 40 complaints
    assert "The outcomes add up to more than the complaints received." in response.content.decode()
    data["counts-outcome_open"] = "3"
    assert client.post(url, data).status_code == 302
    report = EnforcementReport.objects.get(period_start=date(2024, 1, 1))
    assert report.narrative == "Quiet year."
    assert {c.category.code: c.count for c in report.complaint_counts.all()} == {
        "wages": 4,
        "open": 3,
        "not_substantiated": 20,
    }


def test_count_columns_of_a_csv_are_checked(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assistance.forms import CSV_COLUMNS

    client.force_login(people["lead"])
    values = {k: "" if v is None else str(v) for k, v in report_data(2024).items()}

    def send(extra: dict):
        header = [*CSV_COLUMNS, *extra]
        line = [values.get(c, "") for c in CSV_COLUMNS] + list(extra.values())
        text = ",".join(header) + "\n" + ",".join(line)
        return client.post(
            f"{people['initiative'].get_absolute_url()}figures/",
            {"csv-file": SimpleUploadedFile("f.csv", text.encode(), "text/csv")},
        )

    assert (
        "unknown columns: complaints_weather" in send({"complaints_weather": "1"}).content.decode()
    )
    refused = send({"complaints_wages": "41"}).content.decode()
    assert "Row 2, column complaints_wages: More than the complaints received." in refused
    assert (
        "Row 2, column complaints_hours: Give a whole number"
        in send({"complaints_hours": "-1"}).content.decode()
    )
    assert send({"complaints_wages": "4", "outcome_open": "0"}).status_code == 302
    report = EnforcementReport.objects.get(period_start=date(2024, 1, 1))
    assert {c.category.code: c.count for c in report.complaint_counts.all()} == {
        "wages": 4,
        "open": 0,
    }
    # a file without the narrative column (made before it existed) is still read
    header = [c for c in CSV_COLUMNS if c != "narrative"]
    text = ",".join(header) + "\n" + ",".join(values[c] for c in header).replace("2024", "2016")
    response = client.post(
        f"{people['initiative'].get_absolute_url()}figures/",
        {"csv-file": SimpleUploadedFile("f.csv", text.encode(), "text/csv")},
    )
    assert response.status_code == 302


def test_numbers_and_money_in_english_and_spanish(client, people):
    with translation.override("en"):
        assert figures.format_money(Decimal("3100000.00"), "USD") == "US$3,100,000"
        assert figures.format_money(Decimal("12.5"), "EUR") == "€12.50"
        assert figures.format_money(Decimal("1000"), "BDT") == f"BDT{NBSP}1,000"
        assert figures.format_number(30000) == "30,000"
    with translation.override("es"):
        assert figures.format_money(Decimal("3100000.00"), "USD") == (
            f"3{NBSP}100{NBSP}000{NBSP}US$"
        )
        assert figures.format_number(Decimal("12.5")) == "12,5"
        assert figures.format_number(30000) == f"30{NBSP}000"
    response, _soup = page(client, people)
    html = response.content.decode()
    assert "US$3,100,000" in html and "3100000.00" not in html and "1,200" in html
    response, _soup = page(client, people, language="es")
    html = response.content.decode()
    assert f"3{NBSP}100{NBSP}000{NBSP}US$" in html and f"1{NBSP}200" in html


def test_the_verification_queue_shows_money_counts_and_narrative(client, people):
    services.report_submit(
        initiative=people["initiative"],
        actor=people["lead"],
        data=report_data(
            2024,
            premium_paid=Decimal("450000"),
            premium_currency="USD",
            narrative="Two audits <i>late</i>.",
            counts=counts(complaints_hours=3),
        ),
    )
    client.force_login(people["staff"])
    html = client.get("/assistance/figures/").content.decode()
    assert "US$450,000" in html and "Hours" in html
    assert "Two audits &lt;i&gt;late&lt;/i&gt;." in html


def test_staff_manage_the_categories_in_wagtail(client, people):
    assert ComplaintCategory.objects.filter(kind="category").count() == 8
    assert ComplaintCategory.objects.filter(kind="outcome").count() == 4
    client.force_login(people["staff"])
    response = client.get("/cms/assistance_complaint_categories/")
    assert response.status_code == 200
    assert "Sexual harassment" in response.content.decode()
