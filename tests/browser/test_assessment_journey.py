"""Staff run an assessment from draft to published: each assessor first declares any
conflict of interest, a second assessor signs it off, the
initiative's lead organization replies, staff approve and publish; the public reads the
scorecard, and confidential evidence is nowhere on it. axe-core scans every page."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from assistance.models import Assessment, Initiative
from assistance.models.initiatives import Stage
from wsr.members.models import Organization, Sector, User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def harbor(tabs):
    # a flushed test database lost the migration's framework: restore it as the seed does
    importlib.import_module("assistance.migrations.0004_framework_version_1").add_version_1(
        django_apps, None
    )
    initiative = Initiative.objects.create(name="Harbor Dairy Pledge", countries=["US"])
    initiative.lead_organizations.add(Organization.objects.get(name="Migrant Justice"))
    initiative.sectors.add(Sector.objects.get(slug="dairy"))
    return initiative


def _declare_no_conflict(visitor):
    page, t = visitor.page, visitor.t
    page.get_by_label(t("I have no conflict of interest in this initiative.")).check()
    page.get_by_role("button", name=t("Send my declaration")).click()
    expect(page.get_by_role("status").first).to_contain_text(
        t("Thank you: the assessment is open to you.")
    )


def _stage(visitor, stage):
    expect(visitor.page.locator("#stage")).to_have_text(visitor.t(stage.label))


def test_an_assessment_goes_from_draft_to_a_public_scorecard(tabs, harbor):
    staff = tabs("staff@wsr.test")
    staff.goto("/assistance/assessments/")
    page, t = staff.page, staff.t
    page.get_by_label(t("Initiative")).select_option(label="Harbor Dairy Pledge")
    expert_user = User.objects.get(email="expert@wsr.test")
    staff_user = User.objects.get(email="staff@wsr.test")
    page.get_by_label(t("Assessors")).select_option([str(staff_user.pk), str(expert_user.pk)])
    page.get_by_role("button", name=t("Open the assessment")).click()
    # staff assessed too: like every assessor, they declare before the evidence opens
    declare = t("Declare any conflict of interest")
    expect(page.get_by_role("heading", name=declare)).to_be_visible()
    staff.check()
    _declare_no_conflict(staff)
    _stage(staff, Stage.DRAFT)
    staff.check()
    assessment = Assessment.objects.get()

    expert = tabs("expert@wsr.test")
    expert.goto(assessment.get_absolute_url())
    _declare_no_conflict(expert)
    for n, row in enumerate(assessment.scores.order_by("criterion__sort_order")):
        expert.page.locator(f"#id_score-{row.pk}-score").select_option("3" if n else "2")
        expert.page.locator(f"#id_score-{row.pk}-rationale").fill(f"Seen on farms ({n}).")
        if n == 0:  # a recommendation per criterion, published with the scorecard (issue 19)
            expert.page.locator(f"#id_score-{row.pk}-recommendation").fill(
                "Put the complaint line in the buyers' agreements."
            )
        expert.page.locator(f"#criterion-{row.criterion.key}").get_by_role("button").click()
        saved = t("Saved: %(criterion)s.").split("%(criterion)s")[0].strip()
        expect(expert.page.get_by_role("status").first).to_contain_text(saved)
    expert.check()
    expert.page.locator("#id_evidence-kind").select_option("interview")
    expert.page.locator("#id_evidence-title").fill("CONFIDENTIAL interviews at Farm 7")
    expert.page.locator("#id_evidence-notes").fill("A worker named in confidence.")
    expert.page.get_by_role("button", name=t("Add the evidence")).click()
    expect(expert.page.locator("#evidence").locator("..")).to_contain_text(t("Confidential"))
    expert.page.get_by_role("button", name=t("Submit for review")).click()
    _stage(expert, Stage.REVIEW)
    waiting = t("Waiting for a second assessor to sign it off.")
    expect(expert.page.get_by_text(waiting)).to_be_visible()
    expert.check()

    staff.goto(assessment.get_absolute_url())
    staff.page.get_by_role("button", name=t("Sign off")).click()
    _stage(staff, Stage.REPLY)
    staff.check()

    lead = tabs("orgadmin@wsr.test")  # Migrant Justice leads the initiative
    lead.goto(assessment.get_absolute_url())
    expect(lead.page.get_by_role("heading", level=1)).to_contain_text(
        t("Draft assessment: %(name)s") % {"name": "Harbor Dairy Pledge"}
    )
    expect(lead.page.locator("main")).not_to_contain_text("CONFIDENTIAL")
    # a response on one criterion, beside the overall response (issue 19)
    lead.page.get_by_label(
        t("Your response on this criterion (published with the scorecard)")
    ).first.fill("Worker committees now sit on the complaint panel.")
    lead.page.get_by_role("button", name=t("Save the response on this criterion")).first.click()
    saved = t("Your response on “%(criterion)s” was saved.").split("“")[0].strip()
    expect(lead.page.get_by_role("status").first).to_contain_text(saved)
    lead.page.get_by_label(t("Your response (published with the scorecard)")).fill(
        "We accept the findings and will strengthen worker participation."
    )
    lead.page.get_by_role("button", name=t("Send the response")).click()
    expect(lead.page.get_by_role("status").first).to_contain_text(
        t("Thank you: your response was sent to the assessors.")
    )
    lead.check()

    staff.goto(assessment.get_absolute_url())
    expect(staff.page.locator("main")).to_contain_text("We accept the findings")
    staff.page.get_by_role("button", name=t("Approve")).click()
    _stage(staff, Stage.APPROVED)
    staff.page.get_by_role("button", name=t("Publish the scorecard")).click()
    expect(staff.page.get_by_role("heading", level=1)).to_contain_text(
        t("Scorecard: %(name)s") % {"name": "Harbor Dairy Pledge"}
    )
    staff.check()

    public = tabs(None)
    public.goto("/initiatives/")
    public.page.get_by_role("link", name="Harbor Dairy Pledge").click()
    public.check()
    public.page.get_by_role("link", name=t("Read the full scorecard")).click()
    main = public.page.locator("main")
    expect(main).to_contain_text(t("Partly meets the WSR criteria"))
    expect(main).to_contain_text("We accept the findings")
    expect(main).to_contain_text("Worker committees now sit on the complaint panel.")
    expect(main).to_contain_text("Put the complaint line in the buyers' agreements.")
    expect(main).not_to_contain_text("CONFIDENTIAL")
    expect(main).not_to_contain_text("named in confidence")
    public.check()
    # the report a reader can keep: a PDF made from the printable page (issue 19)
    with public.page.expect_download() as download:
        public.page.get_by_role("link", name=t("Download the report (PDF)")).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    public.page.get_by_role("link", name=t("Printable report")).click()
    expect(public.page.locator("main")).to_contain_text("Worker committees now sit")
    public.check()
    public.goto("/initiatives/compare/?initiative=harbor-dairy-pledge")
    expect(public.page.locator("table.comparison")).to_contain_text(f"2 · {t('Partial')}")
