"""Assessors are independent of the initiative they assess: nobody of its lead or
participating organizations assesses it (checked at every action, not only when added),
and each assessor declares any other conflict before the evidence opens to them."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from assistance import services
from assistance.forms import AssignAssessorForm, OpenAssessmentForm
from assistance.models import Assessment, AssessmentAssignment, CriterionScore, Evidence, Stage
from tests.assistance.registry import assessment_at, cast, declared
from tests.members.factories import (
    AffiliationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)
from wsr.members.models import Membership

pytestmark = pytest.mark.django_db

SECRETS = ("SECRET-INTERVIEW-TITLE", "SECRET-WORKER-NAME", "SECRET-PAYROLL-FILE")


@pytest.fixture
def people():
    return cast()


def _confidential_file():
    return Evidence.objects.filter(is_confidential=True, file__gt="").get()


def _insider(people, *, participating=False):
    """A person of a member organization that leads (or takes part in) the initiative."""
    if not participating:
        return AffiliationFactory(organization=people["organization"]).user
    affiliation = AffiliationFactory()
    people["initiative"].participating_organizations.add(affiliation.organization)
    return affiliation.user


def _slip_in(assessment, person, *, has_declared=True):
    """An assignment made before the rule existed (straight into the table)."""
    from django.utils import timezone

    return AssessmentAssignment.objects.create(
        assessment=assessment,
        person=person,
        declared_at=timezone.now() if has_declared else None,
    )


# Ties to the initiative ------------------------------------------------------------------


@pytest.mark.parametrize("participating", [False, True])
def test_a_person_of_the_initiatives_organizations_cannot_be_added_as_an_assessor(
    people, participating
):
    assessment = assessment_at("draft", people, evidence=False)
    insider = _insider(people, participating=participating)
    with pytest.raises(ValidationError) as error:
        services.assessor_assign(assessment=assessment, actor=people["staff"], person=insider)
    assert "affiliated" in str(error.value)
    assert not assessment.assignments.filter(person=insider).exists()


def test_staff_adding_an_insider_through_the_page_get_a_reason_and_nothing_changes(people, client):
    assessment = assessment_at("draft", people, evidence=False)
    insider = _insider(people)
    client.force_login(people["staff"])
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/assessors/",
        {"assign-person": insider.pk},
        follow=True,
    )
    assert "cannot assess" in response.content.decode()
    assert not assessment.assignments.filter(person=insider).exists()


def test_opening_an_assessment_with_an_insider_names_the_conflict(people, client):
    insider = _insider(people)
    form = OpenAssessmentForm(
        {"initiative": people["initiative"].pk, "assessors": [people["expert"].pk, insider.pk]}
    )
    assert not form.is_valid()
    assert insider.display_name in str(form.errors["assessors"])
    assert "affiliated" in str(form.errors["assessors"])
    client.force_login(people["staff"])
    response = client.post(
        "/assistance/assessments/open/",
        {
            "open-initiative": people["initiative"].pk,
            "open-assessors": [people["expert"].pk, insider.pk],
        },
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_an_insider_assigned_before_the_rule_cannot_score_sign_off_or_read_the_notes(
    people, client
):
    assessment = assessment_at("review", people)
    insider = _insider(people)
    _slip_in(assessment, insider)
    with pytest.raises(PermissionDenied):
        services.assessment_sign_off(assessment=assessment, actor=insider)
    client.force_login(insider)
    html = client.get(assessment.get_absolute_url()).content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert "affiliated" in html
    assert client.get(f"/initiatives/evidence/{_confidential_file().pk}/").status_code in (
        403,
        404,
    )
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/stage/", {"action": "sign_off"}
    )
    assert response.status_code == 403 and "affiliated" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.REVIEW


def test_an_assessor_who_joins_an_organization_of_the_initiative_later_is_taken_off_the_work(
    people, client
):
    assessment = assessment_at("draft", people)
    expert = people["expert"]
    AffiliationFactory(user=expert, organization=people["organization"])
    row = assessment.scores.first()
    client.force_login(expert)
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/scores/{row.pk}/",
        {f"score-{row.pk}-score": "0", f"score-{row.pk}-rationale": "Changed"},
    )
    assert response.status_code == 403 and "affiliated" in response.content.decode()
    assert CriterionScore.objects.get(pk=row.pk).rationale != "Changed"
    assert secret_free(client.get(assessment.get_absolute_url()))


def test_staff_of_a_lead_organization_do_not_see_the_confidential_evidence(people, client):
    assessment = assessment_at("review", people)
    tied_staff = StaffFactory()
    AffiliationFactory(user=tied_staff, organization=people["organization"])
    client.force_login(tied_staff)
    assert secret_free(client.get(assessment.get_absolute_url()))
    assert client.get(f"/initiatives/evidence/{_confidential_file().pk}/").status_code == 404


def secret_free(response) -> bool:
    html = response.content.decode()
    return response.status_code in (200, 403) and not any(s in html for s in SECRETS)


# The picker --------------------------------------------------------------------------------


def test_the_picker_offers_staff_and_people_of_active_members_and_no_insider(people):
    assessment = assessment_at("draft", people, evidence=False)
    applicant = AffiliationFactory(
        organization=OrganizationFactory(membership_status=Membership.Status.APPLICANT)
    ).user
    requester_only = AffiliationFactory(organization=OrganizationFactory()).user
    independent = AffiliationFactory().user
    other_staff = StaffFactory()
    offered = set(AssignAssessorForm(assessment=assessment).fields["person"].queryset)
    assert independent in offered and other_staff in offered
    assert applicant not in offered and requester_only not in offered
    assert people["lead"] not in offered and _insider(people, participating=True) not in offered
    assert UserFactory() not in offered
    assert people["expert"] not in offered  # already an assessor
    with pytest.raises(ValidationError):
        services.assessor_assign(assessment=assessment, actor=people["staff"], person=applicant)


# The declaration ---------------------------------------------------------------------------


def test_an_assessor_sees_only_the_declaration_form_until_they_declare(people, client):
    assessment = assessment_at("review", people)
    newcomer = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=newcomer)
    client.force_login(newcomer)
    response = client.get(assessment.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "conflict of interest" in html
    for hidden in (*SECRETS, "Rationale for", "Sign off"):
        assert hidden not in html
    assert client.get(f"/initiatives/evidence/{_confidential_file().pk}/").status_code == 404
    public = Evidence.objects.get(title="Public agreement text")
    assert client.get(f"/initiatives/evidence/{public.pk}/").status_code == 404
    refused = client.post(f"/assistance/assessments/{assessment.pk}/stage/", {"action": "sign_off"})
    assert refused.status_code == 403 and "Declare" in refused.content.decode()
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/declaration/",
        {"declaration-declaration": "none"},
    )
    assert response["Location"] == assessment.get_absolute_url()
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "SECRET-INTERVIEW-TITLE" in html and "SECRET-WORKER-NAME" in html
    assert client.get(f"/initiatives/evidence/{_confidential_file().pk}/").status_code == 200


def test_declaring_a_conflict_takes_the_assessor_off_the_work_and_tells_staff(
    people, client, on_commit
):
    assessment = assessment_at("draft", people, evidence=False)
    newcomer = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=newcomer)
    client.force_login(newcomer)
    mail.outbox.clear()
    with on_commit():
        response = client.post(
            f"/assistance/assessments/{assessment.pk}/declaration/",
            {
                "declaration-declaration": "conflict",
                "declaration-conflict": "I consulted for one of its buyers in 2024.",
            },
        )
    assert response.status_code == 302
    assignment = assessment.assignments.get(person=newcomer)
    assert assignment.has_conflict and assignment.declared_at is not None
    assert any(people["staff"].email in m.to for m in mail.outbox)
    assert all("consulted" not in m.body for m in mail.outbox)
    row = assessment.scores.first()
    before = (row.score, row.rationale)
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/scores/{row.pk}/",
        {f"score-{row.pk}-score": "0", f"score-{row.pk}-rationale": "Mine"},
    )
    assert response.status_code == 403 and "conflict" in response.content.decode()
    row.refresh_from_db()
    assert (row.score, row.rationale) == before
    with pytest.raises(PermissionDenied):
        services.summary_record(assessment=assessment, actor=newcomer, summary="x")
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "Save the summary" not in html and "declared a conflict" in html


def test_a_conflicted_assessor_cannot_sign_off(people, client):
    assessment = assessment_at("review", people)
    newcomer = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=newcomer)
    services.assessor_declare(
        assessment=assessment, actor=newcomer, has_conflict=True, conflict="My sister runs it."
    )
    client.force_login(newcomer)
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/stage/", {"action": "sign_off"}
    )
    assert response.status_code == 403 and "conflict" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.REVIEW
    assert client.get(f"/initiatives/evidence/{_confidential_file().pk}/").status_code == 404


def test_staff_see_every_declaration_on_the_assessment_page(people, client):
    assessment = assessment_at("draft", people, evidence=False)
    newcomer = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=newcomer)
    services.assessor_declare(
        assessment=assessment, actor=newcomer, has_conflict=True, conflict="My sister runs it."
    )
    late = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=late)
    client.force_login(people["staff"])
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "Declarations of interest" in html
    assert newcomer.display_name in html and "My sister runs it." in html
    assert people["expert"].display_name in html and "No conflict" in html
    assert "Not declared yet" in html
    client.force_login(people["expert"])
    assert "My sister runs it." not in client.get(assessment.get_absolute_url()).content.decode()


def test_an_assessor_declares_once(people, client):
    assessment = assessment_at("draft", people, evidence=False)
    with pytest.raises(ValidationError):
        services.assessor_declare(
            assessment=assessment, actor=people["expert"], has_conflict=True, conflict="Later"
        )
    client.force_login(people["expert"])
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/declaration/",
        {"declaration-declaration": "conflict", "declaration-conflict": "Later"},
        follow=True,
    )
    assert "already" in response.content.decode()
    assert not assessment.assignments.get(person=people["expert"]).has_conflict


def test_a_declared_conflict_needs_words(people, client):
    assessment = assessment_at("draft", people, evidence=False)
    newcomer = AffiliationFactory().user
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=newcomer)
    with pytest.raises(ValidationError):
        services.assessor_declare(
            assessment=assessment, actor=newcomer, has_conflict=True, conflict="  "
        )
    client.force_login(newcomer)
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/declaration/",
        {"declaration-declaration": "conflict", "declaration-conflict": " "},
    )
    assert response.status_code == 400 and "Describe the conflict" in response.content.decode()
    assert assessment.assignments.get(person=newcomer).declared_at is None


def test_only_the_assessors_declare(people, client):
    assessment = assessment_at("reply", people)
    with pytest.raises(PermissionDenied):
        services.assessor_declare(assessment=assessment, actor=people["lead"], has_conflict=False)
    client.force_login(people["outsider"])
    url = f"/assistance/assessments/{assessment.pk}/declaration/"
    assert client.post(url, {"declaration-declaration": "none"}).status_code == 404
    client.force_login(people["lead"])
    assert client.post(url, {"declaration-declaration": "none"}).status_code == 403


def test_assigned_staff_declare_before_they_assess_too(people, client):
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=people["staff"], assessors=[people["staff"]]
    )
    row = assessment.scores.select_related("criterion").first()
    with pytest.raises(PermissionDenied):
        services.score_record(
            assessment=assessment,
            actor=people["staff"],
            criterion=row.criterion,
            score=1,
            rationale="x",
        )
    client.force_login(people["staff"])
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "conflict of interest" in html and "Save the summary" not in html
    declared(assessment, people["staff"])
    services.score_record(
        assessment=assessment,
        actor=people["staff"],
        criterion=row.criterion,
        score=1,
        rationale="x",
    )
