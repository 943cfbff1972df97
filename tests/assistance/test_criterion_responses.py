"""The initiative responds criterion by criterion at the right of reply (issue 19): text and
files until the reply deadline; the texts are published with the scorecard, the files are
seen by the assessors, staff and the initiative's side only."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import services
from assistance.models import CriterionResponse, CriterionResponseFile
from assistance.services.assessments import assessment_approve, assessment_publish
from tests.assistance.factories import pdf
from tests.assistance.registry import assessment_at, cast
from tests.members.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return cast()


@pytest.fixture
def at_reply(people):
    return assessment_at("reply", people, evidence=False)


def _first(assessment):
    return assessment.version.criteria.order_by("sort_order").first()


def _respond(assessment, people, text="Our answer on wages.", upload=None, **kwargs):
    return services.criterion_response_save(
        assessment=assessment,
        actor=people["lead"],
        criterion=_first(assessment),
        text=text,
        upload=upload,
        **kwargs,
    )


def _url(assessment, criterion):
    return f"/assistance/assessments/{assessment.pk}/reply/criteria/{criterion.pk}/"


def _checked_pdf(name="minutes.pdf"):
    from wsr.site.uploads import check_upload

    return check_upload(pdf(name))


def test_the_lead_organization_responds_per_criterion_with_text_and_a_file(people, at_reply):
    response = _respond(at_reply, people, upload=_checked_pdf())
    assert response.text == "Our answer on wages."
    assert response.organization == people["organization"]
    stored = response.files.get()
    assert stored.original_name == "minutes.pdf"
    assert stored.content_type == "application/pdf"
    assert stored.size > 0
    # Rewritten until the deadline: one response per criterion, files kept.
    again = _respond(at_reply, people, text="A better answer.")
    assert again.pk == response.pk
    assert CriterionResponse.objects.get(pk=response.pk).text == "A better answer."
    assert CriterionResponseFile.objects.filter(response=response).count() == 1


def test_an_empty_response_is_refused(people, at_reply):
    with pytest.raises(ValidationError):
        _respond(at_reply, people, text="   ")
    assert not CriterionResponse.objects.exists()


def test_the_assessors_are_told_of_the_first_response_only(people, at_reply, on_commit):
    with on_commit():
        _respond(at_reply, people)
    told = [m for m in mail.outbox if people["expert"].email in m.to]
    assert len(told) == 1
    mail.outbox.clear()
    with on_commit():
        _respond(at_reply, people, text="Edited.")
    assert not [m for m in mail.outbox if people["expert"].email in m.to]


def test_only_the_lead_organization_responds(people, at_reply):
    for someone in (people["outsider"], people["expert"], people["staff"]):
        with pytest.raises(PermissionDenied):
            services.criterion_response_save(
                assessment=at_reply, actor=someone, criterion=_first(at_reply), text="Not ours"
            )


def test_a_response_after_the_deadline_is_refused_with_a_clear_message(people, at_reply):
    with pytest.raises(ValidationError) as error:
        _respond(at_reply, people, today=at_reply.reply_due + timedelta(days=1))
    assert "deadline to respond was" in str(error.value)
    assert not CriterionResponse.objects.exists()


def test_the_page_refuses_a_late_response_and_says_why(client, people, at_reply):
    criterion = _first(at_reply)
    late = datetime.combine(at_reply.reply_due + timedelta(days=1), time(12), tzinfo=UTC)
    with time_machine.travel(late, tick=False):
        client.force_login(people["lead"])
        page = client.get(at_reply.get_absolute_url())
        assert f'action="{_url(at_reply, criterion)}"' not in page.content.decode()
        response = client.post(
            _url(at_reply, criterion), {f"response-{criterion.key}-text": "Too late"}, follow=True
        )
    assert "The deadline to respond was" in response.content.decode()
    assert not CriterionResponse.objects.exists()


def test_a_response_is_written_on_the_reply_page(client, people, at_reply):
    client.force_login(people["lead"])
    criterion = _first(at_reply)
    page = client.get(at_reply.get_absolute_url())
    assert f'action="{_url(at_reply, criterion)}"' in page.content.decode()
    response = client.post(
        _url(at_reply, criterion),
        {
            f"response-{criterion.key}-text": "We pay <b>premiums</b>.",
            f"response-{criterion.key}-file": pdf("minutes.pdf"),
        },
    )
    assert response.status_code == 302
    saved = CriterionResponse.objects.get()
    assert saved.text == "We pay <b>premiums</b>." and saved.files.count() == 1
    page = client.get(at_reply.get_absolute_url()).content.decode()
    assert "We pay &lt;b&gt;premiums&lt;/b&gt;." in page  # escaped
    assert f"/assistance/assessments/response-files/{saved.files.get().pk}/" in page


def test_a_file_that_is_not_allowed_is_refused_by_the_upload_check(client, people, at_reply):
    client.force_login(people["lead"])
    criterion = _first(at_reply)
    script = SimpleUploadedFile("run.pdf", b"#!/bin/sh\nrm -rf /\n", "application/pdf")
    response = client.post(
        _url(at_reply, criterion),
        {f"response-{criterion.key}-text": "See file", f"response-{criterion.key}-file": script},
    )
    assert response.status_code == 400
    assert "not a file we can accept" in response.content.decode()
    assert not CriterionResponse.objects.exists()


def test_others_cannot_post_a_response(client, people, at_reply):
    criterion = _first(at_reply)
    data = {f"response-{criterion.key}-text": "Hijack"}
    assert client.post(_url(at_reply, criterion), data).status_code == 302  # sign in first
    client.force_login(people["outsider"])
    assert client.post(_url(at_reply, criterion), data).status_code == 404
    client.force_login(people["expert"])
    assert client.post(_url(at_reply, criterion), data).status_code == 403
    assert not CriterionResponse.objects.exists()


def _file_url(stored):
    return f"/assistance/assessments/response-files/{stored.pk}/"


def test_who_downloads_a_response_file(client, people, at_reply):
    stored = _respond(at_reply, people, upload=_checked_pdf()).files.get()
    url = _file_url(stored)
    assert client.get(url).status_code == 404  # anonymous
    other_org_member = AffiliationFactory().user
    expectations = [
        (other_org_member, 404),
        (people["outsider"], 404),
        (people["lead"], 200),
        (people["expert"], 200),  # an assessor who declared no conflict
        (people["staff"], 200),
    ]
    for person, status in expectations:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["Cache-Control"] == "private, no-store"
        client.logout()


def test_published_texts_are_public_and_files_stay_private(client, people, at_reply):
    stored = _respond(at_reply, people, text="WAGES-RESPONSE", upload=_checked_pdf())
    stored_file = stored.files.get()
    services.reply_submit(assessment=at_reply, actor=people["lead"], text="Overall.")
    assessment_approve(assessment=at_reply, actor=people["staff"])
    published = assessment_publish(assessment=at_reply, actor=people["staff"])
    page = client.get(published.get_scorecard_url()).content.decode()
    assert "WAGES-RESPONSE" in page
    assert _file_url(stored_file) not in page
    assert client.get(_file_url(stored_file)).status_code == 404
    client.force_login(people["outsider"])
    assert client.get(_file_url(stored_file)).status_code == 404
    client.force_login(people["lead"])
    assert client.get(_file_url(stored_file)).status_code == 200


def test_assessors_read_responses_and_files_on_the_workbench(client, people, at_reply):
    stored = _respond(at_reply, people, text="WAGES-RESPONSE", upload=_checked_pdf())
    client.force_login(people["expert"])
    page = client.get(at_reply.get_absolute_url()).content.decode()
    assert "WAGES-RESPONSE" in page
    assert _file_url(stored.files.get()) in page


def test_the_lead_organization_removes_a_file_until_the_deadline(
    client, people, at_reply, on_commit
):
    stored = _respond(at_reply, people, upload=_checked_pdf()).files.get()
    name = stored.file.name
    assert stored.file.storage.exists(name)
    client.force_login(people["expert"])
    assert client.post(f"{_file_url(stored)}remove/").status_code == 403
    client.force_login(people["lead"])
    with on_commit():
        assert client.post(f"{_file_url(stored)}remove/").status_code == 302
    assert not CriterionResponseFile.objects.exists()
    assert not stored.file.storage.exists(name)
