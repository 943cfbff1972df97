"""A published framework version never changes; a revision is a new version, and every
assessment keeps the version (and criteria) it was made with."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assistance import services
from assistance.models import Assessment, Criterion, FrameworkVersion, PublishedVersionError
from tests.assistance.registry import assessment_at, cast, initiative, version_1

pytestmark = pytest.mark.django_db


def test_a_published_version_refuses_every_change():
    version = version_1()
    criterion = version.criteria.first()
    criterion.name = "Changed"
    with pytest.raises(PublishedVersionError):
        criterion.save()
    with pytest.raises(PublishedVersionError):
        criterion.delete()
    version.title = "Changed"
    with pytest.raises(PublishedVersionError):
        version.save()
    with pytest.raises(PublishedVersionError):
        Criterion(version=version, key="new", name="New").save()
    assert version_1().criteria.filter(name="Changed").count() == 0


def test_a_revision_leaves_old_assessments_intact(client):
    people = cast()
    old = assessment_at("published", people)
    old_scores = {
        s.criterion.key: (s.criterion_id, s.score) for s in old.scores.select_related("criterion")
    }

    draft = services.framework_version_draft()
    assert draft.number == 2 and not draft.is_published
    assert draft.criteria.count() == 7
    # Staff revise: rename a criterion, make education count for "partly", add a criterion.
    education = draft.criteria.get(key="worker-education")
    education.name = "Worker-to-worker education, on paid time"
    education.min_to_partly_meet = 2
    education.save()
    Criterion.objects.create(
        version=draft, key="freedom-of-association", name="Freedom of association", sort_order=9
    )
    services.framework_version_publish(version=draft, actor=people["staff"])
    assert FrameworkVersion.objects.current() == draft

    old.refresh_from_db()
    assert old.version.number == 1
    assert {
        s.criterion.key: (s.criterion_id, s.score) for s in old.scores.select_related("criterion")
    } == old_scores
    assert version_1().criteria.get(key="worker-education").name == "Worker-to-worker education"

    second = initiative(name="Second Program")
    second.lead_organizations.add(people["organization"])
    new = services.assessment_open(initiative=second, actor=people["staff"])
    assert new.version == draft
    assert new.scores.count() == 8

    # The old scorecard still reads with version 1's criteria.
    html = client.get(old.get_scorecard_url()).content.decode()
    assert "Worker-to-worker education" in html
    assert "on paid time" not in html
    assert "Freedom of association" not in html


def test_publishing_needs_staff_and_a_partly_meets_threshold():
    people = cast()
    draft = services.framework_version_draft()
    with pytest.raises(PermissionDenied):
        services.framework_version_publish(version=draft, actor=people["expert"])
    draft.criteria.update(min_to_partly_meet=None)
    with pytest.raises(ValidationError):
        services.framework_version_publish(version=draft, actor=people["staff"])
    assert not FrameworkVersion.objects.get(pk=draft.pk).is_published


def test_the_admin_will_not_open_a_published_version_for_editing(client):
    people = cast()
    client.force_login(people["staff"])
    version = version_1()
    response = client.get(f"/cms/assistance_frameworks/edit/{version.pk}/")
    assert response.status_code == 302
    assert f"/cms/assistance_frameworks/inspect/{version.pk}/" in response["Location"]
    response = client.post(f"/cms/assistance_frameworks/edit/{version.pk}/", {"title": "x"})
    assert response.status_code == 302
    assert version_1().title == "WSR assessment framework"
    assert client.get(response["Location"]).status_code == 200
    services.framework_version_draft()
    listing = client.get("/cms/assistance_frameworks/").content.decode()
    assert "/assistance/frameworks/" in listing and "/publish/" in listing and "/copy/" in listing


def test_staff_copy_and_publish_a_version_through_the_admin_actions(client):
    people = cast()
    client.force_login(people["staff"])
    assert client.get(f"/assistance/frameworks/{version_1().pk}/copy/").status_code == 200
    response = client.post(f"/assistance/frameworks/{version_1().pk}/copy/")
    draft = FrameworkVersion.objects.get(number=2)
    assert response["Location"] == f"/cms/assistance_frameworks/edit/{draft.pk}/"
    assert client.get(response["Location"]).status_code == 200
    client.post(f"/assistance/frameworks/{draft.pk}/publish/")
    assert FrameworkVersion.objects.current() == draft
    assert client.get("/initiatives/framework/v1/").status_code == 200
    assert client.get("/initiatives/framework/v2/").status_code == 200


def test_members_cannot_publish_a_version(client):
    people = cast()
    draft = services.framework_version_draft()
    client.force_login(people["lead"])
    assert client.post(f"/assistance/frameworks/{draft.pk}/publish/").status_code == 403
    assert not FrameworkVersion.objects.get(pk=draft.pk).is_published
    assert Assessment.objects.count() == 0
