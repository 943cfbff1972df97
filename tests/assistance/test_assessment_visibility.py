"""Who sees an assessment at each stage, and confidential evidence hunted through every
public channel: pages, downloads, the evidence URL, the reply page, the directory."""

import pytest

from assistance.models import Assessment, Evidence
from tests.assistance.registry import STAGES, assessment_at, cast
from tests.members.factories import UserFactory

pytestmark = pytest.mark.django_db

SECRETS = ("SECRET-INTERVIEW-TITLE", "SECRET-WORKER-NAME", "SECRET-PAYROLL-FILE", "payroll.pdf")

# role: the stages at which it sees the assessment in the workbench or reply page
SEES = {
    "staff": set(STAGES),
    "expert": set(STAGES),
    "lead": {"reply", "published"},
    "outsider": {"published"},
    "stranger": {"published"},
    "anonymous": {"published"},
}


def _viewer(people, role):
    if role == "stranger":
        return UserFactory()
    return None if role == "anonymous" else people[role]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("role", list(SEES))
def test_each_role_sees_each_stage_as_the_rules_say(client, stage, role):
    people = cast()
    assessment = assessment_at(stage, people)
    viewer = _viewer(people, role)
    allowed = stage in SEES[role]
    from django.contrib.auth.models import AnonymousUser

    queryset = Assessment.objects.visible_to(viewer or AnonymousUser())
    assert queryset.filter(pk=assessment.pk).exists() is allowed
    if viewer is not None:
        client.force_login(viewer)
    response = client.get(assessment.get_absolute_url())
    if viewer is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif not allowed:
        assert response.status_code == 404
    elif stage == "published" and role not in ("staff", "expert"):
        assert response["Location"] == assessment.get_scorecard_url()
    else:
        assert response.status_code == 200
    scorecard = client.get(f"/initiatives/{people['initiative'].slug}/scorecards/{assessment.pk}/")
    assert scorecard.status_code == (200 if stage == "published" else 404)


def test_the_lead_organization_at_reply_sees_no_confidential_evidence(client):
    people = cast()
    assessment = assessment_at("reply", people)
    client.force_login(people["lead"])
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "Public agreement text" in html
    for secret in SECRETS:
        assert secret not in html
    confidential = Evidence.objects.filter(is_confidential=True, file__gt="").get()
    assert client.get(f"/initiatives/evidence/{confidential.pk}/").status_code == 404
    public = Evidence.objects.get(title="Public agreement text")
    assert client.get(f"/initiatives/evidence/{public.pk}/").status_code == 200


def test_assessors_see_and_download_confidential_evidence(client):
    people = cast()
    assessment = assessment_at("review", people)
    client.force_login(people["expert"])
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "SECRET-INTERVIEW-TITLE" in html and "SECRET-WORKER-NAME" in html
    confidential = Evidence.objects.filter(is_confidential=True, file__gt="").get()
    response = client.get(f"/initiatives/evidence/{confidential.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_confidential_evidence_never_reaches_the_public(client):
    people = cast()
    assessment = assessment_at("published", people)
    slug = people["initiative"].slug
    channels = [
        "/initiatives/",
        f"/initiatives/{slug}/",
        f"/initiatives/{slug}/scorecards/{assessment.pk}/",
        f"/initiatives/{slug}/scorecards/{assessment.pk}.csv",
        f"/initiatives/{slug}/scorecards/{assessment.pk}.json",
        "/initiatives/scorecards.csv",
        "/initiatives/scorecards.json",
        f"/initiatives/compare/?initiative={slug}",
        f"/es/initiatives/{slug}/scorecards/{assessment.pk}/",
        "/search/?q=SECRET",
        "/sitemap.xml",
    ]
    for url in channels:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        for secret in SECRETS:
            assert secret.encode() not in body, (url, secret)
    for evidence in Evidence.objects.filter(is_confidential=True):
        assert client.get(f"/initiatives/evidence/{evidence.pk}/").status_code == 404
    public = Evidence.objects.get(title="Public agreement text")
    assert client.get(f"/initiatives/evidence/{public.pk}/").status_code == 200
    scorecard = client.get(f"/initiatives/{slug}/scorecards/{assessment.pk}/").content.decode()
    assert "Public agreement text" in scorecard
    # files live outside MEDIA_ROOT, under a random name: nothing to guess under /media/
    for evidence in Evidence.objects.exclude(file=""):
        assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_interview_notes_are_always_confidential():
    people = cast()
    assessment = assessment_at("draft", people, evidence=False)
    from assistance import services

    notes = services.evidence_add(
        assessment=assessment,
        actor=people["expert"],
        kind="interview",
        title="Interview",
        notes="Names",
        is_confidential=False,
    )
    assert notes.is_confidential


def test_an_unlisted_initiative_and_its_scorecards_stay_with_staff(client):
    people = cast()
    assessment = assessment_at("published", people)
    initiative = people["initiative"]
    initiative.is_listed = False
    initiative.save()
    slug = initiative.slug
    assert client.get(f"/initiatives/{slug}/").status_code == 404
    assert client.get(f"/initiatives/{slug}/scorecards/{assessment.pk}/").status_code == 404
    assert slug.encode() not in client.get("/initiatives/scorecards.csv").content
    client.force_login(people["staff"])
    assert client.get(f"/initiatives/{slug}/").status_code == 200


def test_the_portal_lists_an_assessment_awaiting_the_reply_to_its_lead_organization(client):
    from django.urls import reverse

    people = cast()
    assessment = assessment_at("reply", people)
    client.force_login(people["lead"])
    html = client.get(reverse("members:dashboard")).content.decode()
    assert assessment.get_absolute_url() in html and "Right of reply" in html
    client.force_login(people["outsider"])
    assert (
        assessment.get_absolute_url()
        not in client.get(reverse("members:dashboard")).content.decode()
    )
