"""Enforcement figures: reported by the initiative's lead organization (form or CSV),
verified by staff before they are public. A CSV with a bad row is refused whole."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import services
from assistance.forms import CSV_COLUMNS
from assistance.models import EnforcementReport
from tests.assistance.registry import cast, report_data

pytestmark = pytest.mark.django_db

HEADER = ",".join(CSV_COLUMNS)


def row(year, **overrides):
    values = {
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
        "workers_covered": "1200",
        "complaints_received": "40",
        "complaints_resolved": "38",
        "median_days_to_resolution": "12.5",
        "audits": "20",
        "suppliers_suspended": "1",
        "suppliers_corrective_action": "4",
        "premium_paid": "150000.00",
        "premium_currency": "USD",
        "education_sessions": "30",
        "source_note": "Annual report",
        "narrative": "",
    }
    values.update(overrides)
    return ",".join(values[c] for c in CSV_COLUMNS)


def upload(client, slug, text, name="figures.csv"):
    return client.post(
        f"/initiatives/{slug}/figures/",
        {"csv-file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


@pytest.fixture
def people(client):
    people = cast()
    client.force_login(people["lead"])
    return people


def test_a_good_csv_is_imported_and_waits_for_verification(client, people):
    slug = people["initiative"].slug
    response = upload(client, slug, "\n".join([HEADER, row(2022), row(2023), row(2024)]))
    assert response.status_code == 302
    reports = EnforcementReport.objects.order_by("period_start")
    assert [r.period_start.year for r in reports] == [2022, 2023, 2024]
    assert {r.status for r in reports} == {"submitted"}
    assert reports[0].premium_paid == 150000 and reports[0].premium_currency == "USD"
    client.logout()
    assert "1200" not in client.get(f"/initiatives/{slug}/").content.decode()


@pytest.mark.parametrize(
    ("bad_row", "named"),
    [
        (row(2023, complaints_received="forty"), "Row 3, column complaints_received"),
        (row(2023, complaints_resolved="90"), "Row 3, column complaints_resolved"),
        (row(2023, period_end="2022-12-31"), "Row 3, column period_end"),
        (row(2023, premium_currency=""), "Row 3, column premium_currency"),
        (row(2023, premium_currency="XXX"), "Row 3, column premium_currency"),
        (row(2023, audits="-2"), "Row 3, column audits"),
        (row(2022), "Row 3, column period_start"),  # the same period twice
    ],
)
def test_a_bad_row_refuses_the_whole_file_and_names_row_and_column(client, people, bad_row, named):
    text = "\n".join([HEADER, row(2022), bad_row, row(2024)])
    response = upload(client, people["initiative"].slug, text)
    assert response.status_code == 400
    assert named in response.content.decode()
    assert EnforcementReport.objects.count() == 0


def test_a_file_with_wrong_columns_or_encoding_is_refused_with_a_reason(client, people):
    slug = people["initiative"].slug
    response = upload(client, slug, "period,workers\n2022,10\n")
    assert response.status_code == 400
    assert "missing columns" in response.content.decode()
    response = client.post(
        f"/initiatives/{slug}/figures/",
        {"csv-file": SimpleUploadedFile("f.csv", "é".encode("latin-1"), "text/csv")},
    )
    assert "UTF-8" in response.content.decode()
    assert EnforcementReport.objects.count() == 0


def test_a_verified_period_is_not_overwritten_by_a_later_upload(client, people):
    services.report_submit(
        initiative=people["initiative"],
        actor=people["lead"],
        data={**_data(2022)},
    )
    services.report_verify(
        report=EnforcementReport.objects.get(), actor=people["staff"], accept=True
    )
    response = upload(client, people["initiative"].slug, "\n".join([HEADER, row(2023), row(2022)]))
    assert response.status_code == 400
    assert "verified already" in response.content.decode()
    assert EnforcementReport.objects.count() == 1  # 2023 was not half-imported


def _data(year):
    return report_data(year)


def test_the_form_keeps_what_was_typed_when_a_figure_is_wrong(client, people):
    slug = people["initiative"].slug
    data = {f"report-{k}": ("" if v is None else v) for k, v in _data(2024).items()}
    data["report-complaints_resolved"] = "99"
    response = client.post(f"/initiatives/{slug}/figures/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "More complaints resolved than received" in html
    assert 'value="1200"' in html
    data["report-complaints_resolved"] = "38"
    assert client.post(f"/initiatives/{slug}/figures/", data).status_code == 302


def test_only_the_lead_organization_and_staff_report(client, people):
    slug = people["initiative"].slug
    client.force_login(people["outsider"])
    assert client.get(f"/initiatives/{slug}/figures/").status_code == 403
    assert upload(client, slug, "\n".join([HEADER, row(2022)])).status_code == 403
    client.logout()
    assert client.get(f"/initiatives/{slug}/figures/").status_code == 302
    assert EnforcementReport.objects.count() == 0


def test_staff_verify_figures_before_they_are_public_and_charted(client, people):
    for year in (2022, 2023):
        services.report_submit(
            initiative=people["initiative"], actor=people["lead"], data=_data(year)
        )
    client.force_login(people["outsider"])
    assert (
        client.post(f"/assistance/figures/{EnforcementReport.objects.first().pk}/", {}).status_code
        == 403
    )
    client.force_login(people["staff"])
    assert client.get("/assistance/figures/").status_code == 200
    for report in EnforcementReport.objects.all():
        client.post(f"/assistance/figures/{report.pk}/", {f"verify-{report.pk}-accept": "1"})
    client.logout()
    html = client.get(f"/initiatives/{people['initiative'].slug}/").content.decode()
    assert "<svg" in html and "Complaints received and resolved per year" in html
    assert EnforcementReport.objects.verified().count() == 2


def test_returning_figures_needs_a_note_and_tells_the_reporter(client, people, on_commit):
    from django.core import mail

    report = services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=_data(2022)
    )
    with pytest.raises(ValidationError):
        services.report_verify(report=report, actor=people["staff"], accept=False, note="")
    with on_commit():
        services.report_verify(
            report=report, actor=people["staff"], accept=False, note="Audits look doubled."
        )
    assert any(
        "Audits look doubled." in m.body for m in mail.outbox if people["lead"].email in m.to
    )
    assert EnforcementReport.objects.verified().count() == 0
