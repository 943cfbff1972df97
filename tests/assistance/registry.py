"""Builders for the initiative registry's tests: data made through the services."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import services
from assistance.models import FrameworkVersion, Initiative
from tests.members.factories import AffiliationFactory, StaffFactory, sector

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STAGES = ("draft", "review", "reply", "approved", "published")


def version_1() -> FrameworkVersion:
    return FrameworkVersion.objects.get(number=1)


def initiative(*, lead=None, **fields) -> Initiative:
    defaults = {"name": "Harvest Rights Program", "countries": ["US"], "is_listed": True}
    defaults.update(fields)
    made = Initiative.objects.create(**defaults)
    made.sectors.add(sector("agriculture"))
    if lead is not None:
        made.lead_organizations.add(lead)
    return made


def cast():
    """Everyone the rules care about, around one initiative."""
    lead_affiliation = AffiliationFactory()
    organization = lead_affiliation.organization
    return {
        "staff": StaffFactory(),
        "expert": AffiliationFactory().user,
        "lead": lead_affiliation.user,
        "organization": organization,
        "outsider": AffiliationFactory().user,
        "initiative": initiative(lead=organization),
    }


def declared(assessment, *people):
    """Each of `people` declares no conflict of interest in `assessment`."""
    for person in people:
        services.assessor_declare(assessment=assessment, actor=person, has_conflict=False)
    return assessment


def scores_for(assessment, values, *, actor):
    rows = list(assessment.scores.select_related("criterion").order_by("criterion__sort_order"))
    for row, value in zip(rows, values, strict=True):
        services.score_record(
            assessment=assessment,
            actor=actor,
            criterion=row.criterion,
            score=value,
            rationale=f"Rationale for {row.criterion.key}: {value}.",
        )


def assessment_at(stage: str, people: dict, *, values=(3, 2, 2, 2, 2, 2, 2), evidence=True):
    """An assessment of people["initiative"], moved through the services up to `stage`."""
    staff, expert = people["staff"], people["expert"]
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=staff, assessors=[staff, expert]
    )
    declared(assessment, staff, expert)
    scores_for(assessment, values, actor=expert)
    if evidence:
        first = assessment.version.criteria.order_by("sort_order").first()
        services.evidence_add(
            assessment=assessment,
            actor=expert,
            kind="interview",
            title="SECRET-INTERVIEW-TITLE",
            notes="SECRET-WORKER-NAME said the supervisor retaliated.",
            criterion=first,
        )
        services.evidence_add(
            assessment=assessment,
            actor=expert,
            kind="document",
            title="SECRET-PAYROLL-FILE",
            upload=SimpleUploadedFile("payroll.pdf", PDF, "application/pdf"),
            is_confidential=True,
            criterion=first,
        )
        services.evidence_add(
            assessment=assessment,
            actor=expert,
            kind="document",
            title="Public agreement text",
            upload=SimpleUploadedFile("agreement.pdf", PDF, "application/pdf"),
            is_confidential=False,
            criterion=first,
        )
    if stage == "draft":
        return assessment
    assessment = services.assessment_submit(assessment=assessment, actor=expert)
    if stage == "review":
        return assessment
    assessment = services.assessment_sign_off(assessment=assessment, actor=staff)
    if stage == "reply":
        return assessment
    services.reply_submit(assessment=assessment, actor=people["lead"], text="Our reply.")
    assessment = services.assessment_approve(assessment=assessment, actor=staff)
    if stage == "approved":
        return assessment
    return services.assessment_publish(assessment=assessment, actor=staff)


def report_data(year: int, **overrides) -> dict:
    """One year of enforcement figures, as the form's cleaned data."""
    data = {
        "period_start": date(year, 1, 1),
        "period_end": date(year, 12, 31),
        "workers_covered": 1200,
        "complaints_received": 40,
        "complaints_resolved": 38,
        "median_days_to_resolution": None,
        "audits": 20,
        "suppliers_suspended": 1,
        "suppliers_corrective_action": 4,
        "premium_paid": None,
        "premium_currency": "",
        "education_sessions": 30,
        "source_note": "",
    }
    data.update(overrides)
    return data


def verified_figures(people: dict, year: int, **overrides):
    report = services.report_submit(
        initiative=people["initiative"], actor=people["lead"], data=report_data(year, **overrides)
    )
    return services.report_verify(report=report, actor=people["staff"], accept=True)
