"""Recommendations per criterion (issue 19): written by the assessors next to the rationale,
published with the scorecard and in its downloads, never before. And the declarations of
interest in the assessment's trail, seen by assessors and staff, not by the public."""

import json

import pytest
from django.urls import reverse

from assistance import services
from assistance.models import CriterionScore
from tests.assistance.registry import assessment_at, cast, declared

pytestmark = pytest.mark.django_db

ADVICE = "PUBLISH-THE-GRIEVANCE-LOG quarterly."


@pytest.fixture
def people():
    return cast()


def _advise(assessment, people):
    row = assessment.scores.select_related("criterion").order_by("criterion__sort_order").first()
    services.score_record(
        assessment=assessment,
        actor=people["expert"],
        criterion=row.criterion,
        score=2,
        rationale="Partly there.",
        recommendation=f"  {ADVICE}  ",
    )
    return CriterionScore.objects.get(pk=row.pk)


def test_an_assessor_writes_a_recommendation_next_to_the_rationale(client, people):
    assessment = assessment_at("draft", people, evidence=False)
    row = assessment.scores.select_related("criterion").order_by("criterion__sort_order").first()
    client.force_login(people["expert"])
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert f'name="score-{row.pk}-recommendation"' in page
    response = client.post(
        f"/assistance/assessments/{assessment.pk}/scores/{row.pk}/",
        {
            f"score-{row.pk}-score": "2",
            f"score-{row.pk}-rationale": "Partly there.",
            f"score-{row.pk}-recommendation": ADVICE,
        },
    )
    assert response.status_code == 302
    assert CriterionScore.objects.get(pk=row.pk).recommendation == ADVICE


def test_a_score_saved_without_a_recommendation_keeps_it(people):
    assessment = assessment_at("draft", people, evidence=False)
    row = _advise(assessment, people)
    services.score_record(
        assessment=assessment,
        actor=people["expert"],
        criterion=row.criterion,
        score=3,
        rationale="x",
    )
    assert CriterionScore.objects.get(pk=row.pk).recommendation == ADVICE


def test_recommendations_appear_on_the_scorecard_and_downloads_only_once_published(client, people):
    assessment = assessment_at("draft", people, evidence=False)
    _advise(assessment, people)
    for fmt in ("csv", "json"):
        path = reverse("assistance:registry-download", kwargs={"fmt": fmt})
        response = client.get(path)
        assert response.status_code == 200
        assert ADVICE not in response.content.decode()
    assert client.get(assessment.get_scorecard_url()).status_code == 404

    services.assessment_submit(assessment=assessment, actor=people["expert"])
    services.assessment_sign_off(assessment=assessment, actor=people["staff"])
    client.force_login(people["lead"])  # the draft, at the right of reply, shows it too
    assert ADVICE in client.get(assessment.get_absolute_url()).content.decode()
    client.logout()
    services.reply_submit(assessment=assessment, actor=people["lead"], text="Reply.")
    services.assessment_approve(assessment=assessment, actor=people["staff"])
    services.assessment_publish(assessment=assessment, actor=people["staff"])

    page = client.get(assessment.get_scorecard_url()).content.decode()
    assert ADVICE in page and "Recommendation for improvement" in page
    slug = assessment.initiative.slug
    csv_url = reverse(
        "assistance:scorecard-download", kwargs={"slug": slug, "pk": assessment.pk, "fmt": "csv"}
    )
    csv_text = client.get(csv_url).content.decode()
    assert "recommendation" in csv_text.splitlines()[0] and ADVICE in csv_text
    json_url = reverse("assistance:registry-download", kwargs={"fmt": "json"})
    data = json.loads(client.get(json_url).content)
    assert "recommendation" in data["columns"]
    assert ADVICE in [row["recommendation"] for row in data["scorecards"]]


def test_declarations_of_interest_show_in_the_trail_for_assessors_and_staff(client, people):
    assessment = services.assessment_open(
        initiative=people["initiative"], actor=people["staff"], assessors=[people["staff"]]
    )
    declared(assessment, people["staff"])
    conflicted = cast()["expert"]
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=conflicted)
    services.assessor_declare(
        assessment=assessment,
        actor=conflicted,
        has_conflict=True,
        conflict="SECRET-CONFLICT: my sister runs a supplier.",
    )
    services.assessor_assign(assessment=assessment, actor=people["staff"], person=people["expert"])
    declared(assessment, people["expert"])
    for person in (people["staff"], people["expert"]):
        client.force_login(person)
        page = client.get(assessment.get_absolute_url()).content.decode()
        trail = page[page.index('id="trail-title"') :]
        assert "Declared no conflict of interest." in trail
        assert "Declared a conflict of interest" in trail
        assert conflicted.display_name in trail
        assert "SECRET-CONFLICT" not in trail  # what it is stays in the staff's table


def test_declarations_never_reach_the_public_scorecard(client, people):
    assessment = assessment_at("published", people, evidence=False)
    page = client.get(assessment.get_scorecard_url()).content.decode()
    assert "Declaration of interests" not in page
    assert "Declared no conflict of interest." not in page
    client.force_login(people["lead"])
    page = client.get(assessment.get_scorecard_url()).content.decode()
    assert "Declared no conflict of interest." not in page


def test_the_demo_assessments_carry_responses_and_recommendations(client, people):
    from assistance import demo_initiatives

    assessment = demo_initiatives._assess(
        people["initiative"],
        [2, 1, 3, 3, 3, 3, 3],
        "published",
        10,
        people["staff"],
        people["expert"],
        people["lead"],
    )
    page = client.get(assessment.get_scorecard_url()).content.decode()
    assert "Demo response: the figures the assessors asked for" in page
    assert demo_initiatives.RECOMMENDATION[1] in page
    assert assessment.criterion_responses.count() == 2
