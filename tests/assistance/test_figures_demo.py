"""The demo's enforcement figures (issue 19): a half year after the full years, narratives,
and complaints by category and outcome that add up to the complaints received."""

import pytest

from assistance import demo_initiatives
from assistance.models import ComplaintCategory, EnforcementReport
from tests.assistance.registry import initiative
from tests.members.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_demo_figures_have_a_half_year_narratives_and_counts(client):
    target = initiative(name="Fair Food Program")
    demo_initiatives._figures(target, StaffFactory())
    reports = list(EnforcementReport.objects.filter(initiative=target).order_by("period_start"))
    assert [r.period_label for r in reports][-2:] == ["2024", "2025-01 – 2025-06"]
    assert all(r.narrative.startswith("Demo narrative") for r in reports)
    for report in reports:
        by_kind = {"category": 0, "outcome": 0}
        for count in report.complaint_counts.select_related("category"):
            by_kind[count.category.kind] += count.count
        assert by_kind == {"category": report.complaints_received} | {
            "outcome": report.complaints_received
        }
    html = client.get(target.get_absolute_url()).content.decode()
    assert "US$3,100,000" in html and "Demo narrative" in html
    assert ComplaintCategory.objects.get(code="wages").name in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_demo_download_uploads_again_unchanged_in_spanish(client, fmt):
    """Harbor Seafood's verified figures, downloaded from the Spanish page and uploaded again
    by its lead organization as they are: every period unchanged, none refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.members.factories import AffiliationFactory

    lead = AffiliationFactory()
    target = initiative(name="Harbor Seafood Worker Voice (demo)", lead=lead.organization)
    demo_initiatives._figures(target, StaffFactory())
    verified = EnforcementReport.objects.filter(initiative=target, status="verified")
    before = {r.pk: (r.verified_at, r.status) for r in EnforcementReport.objects.all()}
    assert verified.count() >= 3
    downloaded = client.get(f"/es/initiatives/{target.slug}/figures.{fmt}").content
    client.force_login(lead.user)
    response = client.post(
        f"/es/initiatives/{target.slug}/figures/",
        {"csv-file": SimpleUploadedFile(f"figures.{fmt}", downloaded, "text/csv")},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert {r.pk: (r.verified_at, r.status) for r in EnforcementReport.objects.all()} == before
