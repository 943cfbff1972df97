"""Linking and merging cases (issue 19): links shown on both pages (staff); a duplicate
merged into a primary keeps its history, both show an event linking to the other, the
duplicate's requester side is told, and nothing crosses to another requester's side."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assistance import services
from assistance.models import CaseLink
from assistance.services.merge import case_link, case_merge
from tests.members.factories import StaffFactory, UserFactory

from .factories import case as make_case
from .factories import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def pair(staff):
    """Two requests from the same person for the same organization."""
    first = make_case(preferred_language="en")
    second = make_case(
        requester=first.requester, organization=first.organization, preferred_language="en"
    )
    return first, second


def test_staff_link_two_cases_and_both_pages_show_it(client, staff, pair):
    first, second = pair
    client.force_login(staff)
    response = client.post(
        reverse("assistance:case-link", args=[first.reference]),
        {"link-reference": second.reference.lower(), "link-kind": "related"},
    )
    assert response.status_code == 302
    assert CaseLink.objects.get().kind == "related"
    for case, other in ((first, second), (second, first)):
        page = client.get(case.get_absolute_url()).content.decode()
        assert f'href="{other.get_absolute_url()}"' in page
        assert case.timeline.get(event="case_linked").params == {"reference": other.reference}
        assert not case.timeline.get(event="case_linked").is_shared
    # Linked once, whichever way.
    with pytest.raises(ValidationError):
        case_link(from_case=second, to_case=first, actor=staff, kind="duplicate")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseLink.objects.create(from_case=first, to_case=second, kind="duplicate")
    # The requester's side sees no link (another case may be someone else's).
    client.force_login(first.requester)
    page = client.get(first.get_absolute_url())
    assert "case_links" not in page.context
    assert second.reference not in page.content.decode()


def test_only_staff_link_and_merge(client, staff, pair):
    first, second = pair
    client.force_login(first.requester)
    link = reverse("assistance:case-link", args=[first.reference])
    merge = reverse("assistance:case-merge", args=[first.reference])
    assert client.post(link, {"link-reference": second.reference}).status_code == 403
    assert client.post(merge, {"merge-primary": second.reference}).status_code == 403
    client.force_login(UserFactory())
    assert client.post(merge, {"merge-primary": second.reference}).status_code == 404
    client.logout()
    assert client.post(merge, {"merge-primary": second.reference}).status_code == 404
    with pytest.raises(PermissionDenied):
        case_merge(duplicate=first, primary=second, actor=first.requester)
    assert not CaseLink.objects.exists()


def test_merging_a_duplicate_keeps_the_history_on_both_and_tells_its_requester(
    client, staff, pair, on_commit
):
    primary, duplicate = pair
    services.case_post(
        case=duplicate, author=staff, body="Shared advice", is_shared=True, upload=pdf("plan.pdf")
    )
    services.case_post(case=duplicate, author=staff, body="Internal hunch", is_shared=False)
    services.case_post(case=duplicate, author=duplicate.requester, body="Thanks!", is_shared=True)
    task = services.case_task_add(
        case=duplicate, actor=staff, title="Call", owner=staff, due_on=timezone.localdate()
    )
    mail.outbox.clear()
    client.force_login(staff)
    with on_commit():
        response = client.post(
            reverse("assistance:case-merge", args=[duplicate.reference]),
            {"merge-primary": primary.reference},
        )
    assert response.status_code == 302 and response.url.startswith(primary.get_absolute_url())
    duplicate.refresh_from_db()
    assert duplicate.status == "closed" and primary.reference in duplicate.status_reason
    # The duplicate keeps everything; the primary has copies of what was shared.
    assert duplicate.timeline.filter(body="Shared advice").exists()
    copied = primary.timeline.get(body="Shared advice")
    assert copied.is_shared and copied.author == staff
    assert copied.file.file.read().startswith(b"%PDF")
    assert copied.file.file.name != duplicate.files.get().file.name
    assert primary.timeline.filter(body="Thanks!", kind="reply").exists()
    assert not primary.timeline.filter(body="Internal hunch").exists()
    task.refresh_from_db()
    assert task.case == primary
    # Each shows an event with a link to the other.
    into = duplicate.timeline.get(event="merged_into")
    merged = primary.timeline.get(event="merged_from")
    assert into.params["reference"] == primary.reference
    assert merged.params == {
        "reference": duplicate.reference,
        "entries": 2,
        "files": 1,
        "tasks": 1,
    }
    page = client.get(primary.get_absolute_url()).content.decode()
    assert f'href="{duplicate.get_absolute_url()}"' in page
    page = client.get(duplicate.get_absolute_url()).content.decode()
    assert f'href="{primary.get_absolute_url()}"' in page
    assert CaseLink.objects.get(from_case=duplicate, to_case=primary).kind == "duplicate"
    told = [m for m in mail.outbox if duplicate.requester.email in m.to]
    assert told and primary.reference in told[0].body
    # The requester follows the link to the primary, which is theirs too.
    client.force_login(duplicate.requester)
    assert client.get(primary.get_absolute_url()).status_code == 200
    # A closed duplicate is not merged twice.
    with pytest.raises(ValidationError):
        case_merge(duplicate=duplicate, primary=primary, actor=staff)


def test_a_merge_across_requester_sides_is_refused_and_leaks_nothing(client, staff):
    primary = make_case()
    duplicate = make_case()  # another requester, another organization
    services.case_post(case=duplicate, author=staff, body="Their private plan", is_shared=True)
    client.force_login(staff)
    response = client.post(
        reverse("assistance:case-merge", args=[duplicate.reference]),
        {"merge-primary": primary.reference},
        follow=True,
    )
    assert "same requester and organization" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.status == "submitted"
    assert not primary.timeline.filter(body="Their private plan").exists()
    client.force_login(primary.requester)
    assert "Their private plan" not in client.get(primary.get_absolute_url()).content.decode()
    # Same requester, another organization: refused as well (its admins would read it).
    elsewhere = make_case(requester=duplicate.requester)
    with pytest.raises(ValidationError):
        case_merge(duplicate=duplicate, primary=elsewhere, actor=staff)


def test_a_merge_is_refused_when_the_primarys_experts_were_not_consented_to(staff, pair):
    primary, duplicate = pair
    duplicate.consent_to_share = False
    duplicate.save(update_fields=["consent_to_share"])
    expert = UserFactory()
    services.expert_invite(case=primary, actor=staff, expert=expert)
    services.assignment_respond(assignment=primary.assignments.get(), expert=expert, accept=True)
    services.case_post(case=duplicate, author=staff, body="For us only", is_shared=True)
    with pytest.raises(ValidationError, match="Experts"):
        case_merge(duplicate=duplicate, primary=primary, actor=staff)
    assert not primary.timeline.filter(body="For us only").exists()


def test_the_demo_has_canned_responses_an_edited_entry_and_a_linked_pair(staff, pair):
    from assistance.demo import _seed_desk
    from assistance.models import CannedResponse, TimelineRevision

    first, _second = pair
    services.case_post(case=first, author=staff, body="Let us talk.", is_shared=True)
    _seed_desk(staff)
    _seed_desk(staff)  # once
    assert CannedResponse.objects.count() == 2
    assert all(r.body and r.body_es for r in CannedResponse.objects.all())
    assert TimelineRevision.objects.get().body == "Let us talk."
    assert CaseLink.objects.count() == 1
