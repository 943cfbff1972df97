"""The assessment process: draft → in review (a second assessor signs off) → right of reply
(the lead organization, within a set time) → approved → published; overrides need a reason."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from assistance import services
from assistance.models import Assessment, Determination, Initiative, InitiativeReply, Stage
from tests.assistance.registry import assessment_at, cast, declared, scores_for
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return cast()


def test_only_staff_open_an_assessment_and_it_takes_the_current_version(people):
    with pytest.raises(PermissionDenied):
        services.assessment_open(initiative=people["initiative"], actor=people["expert"])
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=people["staff"], assessors=[people["expert"]]
    )
    assert assessment.stage == Stage.DRAFT
    assert assessment.version.number == 1
    assert assessment.scores.filter(score__isnull=True).count() == 7
    with pytest.raises(ValidationError):
        services.assessment_open(initiative=people["initiative"], actor=people["staff"])


def test_submitting_needs_every_score_and_rationale(people):
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=people["staff"], assessors=[people["expert"]]
    )
    declared(assessment, people["expert"])
    first = assessment.scores.select_related("criterion").first()
    services.score_record(
        assessment=assessment,
        actor=people["expert"],
        criterion=first.criterion,
        score=3,
        rationale="",
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(assessment=assessment, actor=people["expert"])
    assert "Worker-driven" in str(error.value)
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.DRAFT


def test_people_who_are_not_assessors_cannot_score(people):
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=people["staff"], assessors=[people["expert"]]
    )
    criterion = assessment.version.criteria.first()
    for intruder in (people["lead"], people["outsider"], UserFactory()):
        with pytest.raises(PermissionDenied):
            services.score_record(
                assessment=assessment, actor=intruder, criterion=criterion, score=0, rationale="x"
            )


def test_the_person_who_submitted_cannot_sign_off(people):
    assessment = assessment_at("review", people)
    with pytest.raises(ValidationError):
        services.assessment_sign_off(assessment=assessment, actor=people["expert"])
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.REVIEW
    services.assessment_sign_off(assessment=assessment, actor=people["staff"])
    assessment.refresh_from_db()
    assert assessment.stage == Stage.REPLY
    assert assessment.signed_off_by == people["staff"]
    assert assessment.reply_due == timezone.localdate() + timedelta(days=30)


def test_scores_are_frozen_outside_the_draft(people):
    assessment = assessment_at("review", people)
    criterion = assessment.version.criteria.first()
    with pytest.raises(ValidationError):
        services.score_record(
            assessment=assessment,
            actor=people["staff"],
            criterion=criterion,
            score=0,
            rationale="x",
        )


def test_the_lead_organization_is_told_and_replies_within_the_time_set(people, on_commit):
    with on_commit():
        assessment = assessment_at("reply", people)
    told = [m for m in mail.outbox if people["lead"].email in m.to]
    assert told and date_format(assessment.reply_due) in told[0].body  # localized (issue 17)
    with pytest.raises(PermissionDenied):
        services.reply_submit(assessment=assessment, actor=people["outsider"], text="Not ours")
    services.reply_submit(assessment=assessment, actor=people["lead"], text="First reply")
    services.reply_submit(assessment=assessment, actor=people["lead"], text="Better reply")
    assert InitiativeReply.objects.get(assessment=assessment).text == "Better reply"
    with pytest.raises(ValidationError):
        services.reply_submit(
            assessment=assessment,
            actor=people["lead"],
            text="Too late",
            today=assessment.reply_due + timedelta(days=1),
        )
    assert InitiativeReply.objects.get(assessment=assessment).text == "Better reply"


def test_approval_waits_for_the_reply_or_the_deadline(people):
    assessment = assessment_at("reply", people)
    with pytest.raises(ValidationError):
        services.assessment_approve(assessment=assessment, actor=people["staff"])
    with pytest.raises(PermissionDenied):
        services.assessment_approve(
            assessment=assessment, actor=people["expert"], today=assessment.reply_due + timedelta(1)
        )
    services.assessment_approve(
        assessment=assessment, actor=people["staff"], today=assessment.reply_due + timedelta(1)
    )
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.APPROVED


def test_publishing_fixes_the_determination_and_updates_the_registry(people):
    assessment = assessment_at("published", people, values=(3, 2, 2, 2, 2, 2, 1))
    assert assessment.stage == Stage.PUBLISHED
    assert assessment.determination == Determination.PARTLY
    initiative = Initiative.objects.get(pk=people["initiative"].pk)
    assert initiative.determination == Determination.PARTLY
    assert initiative.latest_assessment == assessment
    with pytest.raises(ValidationError):
        services.assessment_return(assessment=assessment, actor=people["staff"], note="again")
    with pytest.raises(ValidationError):
        services.determination_override(
            assessment=assessment, actor=people["staff"], determination="meets", reason="x"
        )


def test_an_override_needs_a_reason_and_is_published_as_such(people, client):
    assessment = assessment_at("approved", people, values=(2, 2, 2, 2, 2, 2, 2))
    with pytest.raises(ValidationError):
        services.determination_override(
            assessment=assessment, actor=people["staff"], determination="meets", reason="  "
        )
    with pytest.raises(PermissionDenied):
        services.determination_override(
            assessment=assessment, actor=people["expert"], determination="meets", reason="x"
        )
    services.determination_override(
        assessment=assessment,
        actor=people["staff"],
        determination="meets",
        reason="Workers' organization governs in fact; the bylaws lag behind.",
    )
    published = services.assessment_publish(assessment=assessment, actor=people["staff"])
    assert published.computed_determination() == Determination.PARTLY
    assert published.determination == Determination.MEETS
    html = client.get(published.get_scorecard_url()).content.decode()
    assert "Determination by override." in html
    assert "the bylaws lag behind" in html


def test_returning_to_draft_needs_a_note_and_restarts_the_review(people):
    assessment = assessment_at("reply", people)
    with pytest.raises(ValidationError):
        services.assessment_return(assessment=assessment, actor=people["staff"], note=" ")
    with pytest.raises(PermissionDenied):
        services.assessment_return(assessment=assessment, actor=people["expert"], note="x")
    services.assessment_return(
        assessment=assessment, actor=people["staff"], note="Check the audit dates."
    )
    assessment.refresh_from_db()
    assert assessment.stage == Stage.DRAFT
    assert assessment.reply_due is None and assessment.signed_off_by is None
    assert assessment.events.last().note == "Check the audit dates."
    scores_for(assessment, (3, 3, 3, 3, 3, 3, 3), actor=people["expert"])


def test_sign_off_needs_a_lead_organization(people):
    assessment = assessment_at("review", people)
    people["initiative"].lead_organizations.clear()
    with pytest.raises(ValidationError):
        services.assessment_sign_off(assessment=assessment, actor=people["staff"])


def test_the_workbench_walks_an_assessment_from_draft_to_published(people, client):
    staff, expert = people["staff"], people["expert"]
    client.force_login(staff)
    response = client.post(
        "/assistance/assessments/open/",
        {"open-initiative": people["initiative"].pk, "open-assessors": [staff.pk, expert.pk]},
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    declaration = {"declaration-declaration": "none"}
    client.post(f"/assistance/assessments/{assessment.pk}/declaration/", declaration)
    client.force_login(expert)
    client.post(f"/assistance/assessments/{assessment.pk}/declaration/", declaration)
    for row in assessment.scores.all():
        response = client.post(
            f"/assistance/assessments/{assessment.pk}/scores/{row.pk}/",
            {f"score-{row.pk}-score": "3", f"score-{row.pk}-rationale": "Strong, seen on farms."},
        )
        assert response.status_code == 302
    bad = assessment.scores.first()
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/scores/{bad.pk}/",
        {f"score-{bad.pk}-score": "7", f"score-{bad.pk}-rationale": "Kept text"},
    )
    assert response.status_code == 400 and "Kept text" in response.content.decode()
    client.post(f"/assistance/assessments/{assessment.pk}/stage/", {"action": "submit"})
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/stage/", {"action": "sign_off"}
    )
    assert Assessment.objects.get(pk=assessment.pk).stage == Stage.REVIEW  # not by the submitter
    client.force_login(staff)
    client.post(f"/assistance/assessments/{assessment.pk}/stage/", {"action": "sign_off"})
    client.force_login(people["lead"])
    page = client.get(assessment.get_absolute_url())
    assert page.status_code == 200 and "Your response" in page.content.decode()
    client.post(f"/assistance/assessments/{assessment.pk}/reply/", {"text": "We agree."})
    client.force_login(staff)
    client.post(f"/assistance/assessments/{assessment.pk}/stage/", {"action": "approve"})
    response = client.post(f"/assistance/assessments/{assessment.pk}/stage/", {"action": "publish"})
    assessment.refresh_from_db()
    assert assessment.stage == Stage.PUBLISHED
    assert response["Location"] == assessment.get_scorecard_url()
    assert "We agree." in client.get(assessment.get_scorecard_url()).content.decode()
