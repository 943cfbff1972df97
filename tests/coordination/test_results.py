"""The follow-through of decisions (issue 20): an adopted proposal becomes tracked results
with an owner, a status and dated progress updates, shown on the group page and in the
decision log, to the proposal's audience only."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import GroupMembership, Proposal, Result, WorkingGroup
from coordination.selectors import decision_log
from coordination.services.results import result_create, result_edit, result_update_post
from notifications.models import Notification
from tests.members.factories import AffiliationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroup.objects.create(name="Dairy", is_open=False)


def _member(group, role="member"):
    user = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=user, role=role)
    return user


@pytest.fixture
def convener(group):
    return _member(group, role="convener")


def _proposal(group, *, closed=True, outcome="Adopted: we write to the buyers."):
    proposal = Proposal.objects.create(
        group=group,
        title="Write to the buyers",
        text="A joint letter.",
        closes_at=timezone.now() + timedelta(days=-1 if closed else 1),
        audience="group",
        working_group=group,
        outcome=outcome,
    )
    proposal.options.create(label="Yes", key="yes")
    return proposal


def test_a_result_is_created_only_from_a_closed_proposal_with_an_outcome(group, convener):
    owner = _member(group)
    with pytest.raises(ValidationError):
        result_create(proposal=_proposal(group, closed=False), actor=convener, title="Letter")
    with pytest.raises(ValidationError):
        result_create(proposal=_proposal(group, outcome=""), actor=convener, title="Letter")
    result = result_create(
        proposal=_proposal(group), actor=convener, title="Letter", owner=owner, progress=10
    )
    assert (result.owner, result.status, result.progress) == (owner, "planned", 10)


def test_only_conveners_and_staff_create_and_edit_results(client, group, convener):
    proposal = _proposal(group)
    member = _member(group)
    with pytest.raises(PermissionDenied):
        result_create(proposal=proposal, actor=member, title="Letter")
    client.force_login(member)
    url = f"/coordination/proposals/{proposal.pk}/results/new/"
    assert (
        client.post(url, {"title": "Letter", "status": "planned", "progress": 0}).status_code == 403
    )
    client.force_login(convener)
    response = client.post(
        url, {"title": "Letter", "status": "planned", "progress": 0, "adopted": "on"}
    )
    assert response.status_code == 302
    result = Result.objects.get()
    with pytest.raises(PermissionDenied):
        result_edit(result=result, actor=member, title="Mine", status="done", progress=100)
    client.force_login(StaffFactory())
    response = client.post(
        f"/coordination/results/{result.pk}/edit/",
        {"title": "Letter sent", "status": "in_progress", "progress": 40, "owner": member.pk},
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.title, result.status, result.progress, result.owner) == (
        "Letter sent",
        "in_progress",
        40,
        member,
    )


def test_bad_input_answers_400_and_keeps_the_text(client, group, convener):
    proposal = _proposal(group)
    client.force_login(convener)
    response = client.post(
        f"/coordination/proposals/{proposal.pk}/results/new/",
        {"title": "Letter kept", "status": "planned", "progress": 140},
    )
    assert response.status_code == 400
    assert "Letter kept" in response.content.decode()
    assert not Result.objects.exists()


def test_the_owner_must_be_a_member_of_the_group(group, convener):
    outsider = AffiliationFactory().user
    with pytest.raises(ValidationError):
        result_create(proposal=_proposal(group), actor=convener, title="x", owner=outsider)


def test_the_owner_posts_progress_and_the_group_is_told(client, group, convener):
    owner, other = _member(group), _member(group)
    result = result_create(proposal=_proposal(group), actor=convener, title="Letter", owner=owner)
    with pytest.raises(PermissionDenied):
        result_update_post(result=result, author=other, text="Not mine", progress=50)
    client.force_login(owner)
    response = client.post(
        f"/coordination/results/{result.pk}/updates/",
        {"text": "Two buyers **answered**", "status": "in_progress", "progress": 60},
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.status, result.progress) == ("in_progress", 60)
    update = result.updates.get()
    assert "<strong>answered</strong>" in update.text_html
    assert (update.status, update.progress, update.author) == ("in_progress", 60, owner)
    told = set(
        Notification.objects.filter(kind="result_update").values_list("recipient", flat=True)
    )
    assert told == {convener.pk, other.pk}
    page = client.get(result.get_absolute_url()).content.decode()
    assert "Two buyers" in page and "60%" in page


def test_a_member_of_another_group_gets_404(client, group, convener):
    result = result_create(proposal=_proposal(group), actor=convener, title="Letter")
    elsewhere = WorkingGroup.objects.create(name="Garment", is_open=False)
    stranger = _member(elsewhere)
    client.force_login(stranger)
    assert client.get(result.get_absolute_url()).status_code == 404
    assert client.get(f"/coordination/results/{result.pk}/edit/").status_code == 404
    response = client.post(f"/coordination/results/{result.pk}/updates/", {"text": "x"})
    assert response.status_code == 404
    assert not Result.objects.visible_to(stranger).exists()
    client.force_login(_member(group))
    assert client.get(result.get_absolute_url()).status_code == 200


def test_the_decision_log_and_the_group_page_show_results(client, group, convener):
    proposal = _proposal(group)
    result_create(proposal=proposal, actor=convener, title="Joint letter", progress=30)
    client.force_login(convener)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Follow-through" in page
    assert page.count("Joint letter") == 2  # in the follow-through and under its decision
    assert "30%" in page
    decisions = list(decision_log(convener, group))
    assert [r.title for r in decisions[0].tracked_results.all()] == ["Joint letter"]
    proposal_page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Joint letter" in proposal_page and "Track a result" in proposal_page


def test_the_group_page_runs_the_same_queries_for_one_or_many_results(
    client, group, convener, django_assert_num_queries
):
    owner = _member(group)
    first = _proposal(group)
    result_create(proposal=first, actor=convener, title="R0", owner=owner)
    client.force_login(convener)
    client.get(group.get_absolute_url())  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(group.get_absolute_url()).status_code == 200
    expected = len(one.captured_queries)  # (read before the next request resets the log)
    for n in range(1, 5):
        result_create(
            proposal=_proposal(group) if n % 2 else first,
            actor=convener,
            title=f"R{n}",
            owner=_member(group),
        )
    client.get(group.get_absolute_url())  # the writes replaced what is kept per person
    with django_assert_num_queries(expected):
        page = client.get(group.get_absolute_url())
    assert "R4" in page.content.decode()


def test_results_and_progress_updates_are_in_the_persons_data(group, convener):
    from coordination.personal_data import personal_data

    owner = _member(group)
    result = result_create(proposal=_proposal(group), actor=convener, title="Letter", owner=owner)
    result_update_post(result=result, author=owner, text="Sent on Monday", progress=50)
    data = personal_data(owner)
    assert data["results_owned"][0]["title"] == "Letter"
    assert data["result_updates"][0]["text"] == "Sent on Monday"
    assert personal_data(convener)["results_owned"] == []
    owner.delete()
    result.refresh_from_db()
    assert result.owner is None and result.updates.get().author is None


def test_the_progress_email_words_the_status_in_the_readers_language(group, convener):
    from django.template.loader import render_to_string
    from django.utils import translation

    owner = _member(group)
    result = result_create(proposal=_proposal(group), actor=convener, title="Letter", owner=owner)
    with translation.override("en"):  # the writer's language is not stored
        result_update_post(result=result, author=owner, text="Sent", status="in_progress")
    told = Notification.objects.filter(kind="result_update", recipient=convener).get()
    assert told.context["status"] == "in_progress"
    with translation.override("es"):
        subject = render_to_string(f"{told.template}_subject.txt", told.context)
        body = render_to_string(f"{told.template}.txt", told.context)
    assert "En curso" in subject and "En curso" in body
