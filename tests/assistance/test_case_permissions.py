"""The case predicates of assistance.permissions, one allowed and one refused person each;
"staff" means staff who passed a second factor, never the flag alone."""

import pytest
from django.urls import reverse

from assistance import permissions
from tests.members.factories import StaffFactory, UserFactory
from wsr.members.roles import SECOND_FACTOR_ATTRIBUTE

from .factories import pdf, people

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return people()


def test_only_staff_who_passed_a_second_factor_manage_a_case(world, settings):
    settings.WSR_STAFF_MFA_REQUIRED = True
    case = world["case"]
    staff = world["staff"]
    setattr(staff, SECOND_FACTOR_ATTRIBUTE, True)
    assert permissions.can_manage_case(staff, case)
    assert permissions.can_view_case_history(staff, case)
    password_only = StaffFactory()
    setattr(password_only, SECOND_FACTOR_ATTRIBUTE, False)
    for check in (
        permissions.can_manage_case,
        permissions.can_view_case_history,
        permissions.can_see_whole_case,
        permissions.can_view_case,
    ):
        assert not check(password_only, case), check.__name__
    assert not permissions.can_manage_case(world["requester"], case)


def test_the_sides_of_a_case(world):
    case = world["case"]
    assert permissions.can_see_whole_case(world["accepted"], case)
    assert not permissions.can_see_whole_case(world["requester"], case)
    assert permissions.can_view_case(world["co_admin"], case)
    for role in ("invited", "declined", "colleague", "other_admin", "stranger"):
        assert not permissions.can_view_case(world[role], case), role
        assert not permissions.can_post_to_case(world[role], case), role
    assert permissions.is_invited_to_case(world["invited"], case)
    assert not permissions.is_invited_to_case(world["accepted"], case)


def test_the_requester_side_downloads_shared_files_only(world):
    from assistance import services

    case, staff = world["case"], world["staff"]
    shared = services.case_post(
        case=case, author=staff, body="x", is_shared=True, upload=pdf("a.pdf")
    ).file
    internal = services.case_post(
        case=case, author=staff, body="y", is_shared=False, upload=pdf("b.pdf")
    ).file
    assert permissions.can_download_case_file(world["requester"], shared)
    assert not permissions.can_download_case_file(world["requester"], internal)
    assert permissions.can_download_case_file(world["accepted"], internal)
    assert not permissions.can_download_case_file(world["invited"], shared)


def test_only_the_invited_expert_answers_and_only_once(world):
    case = world["case"]
    invitation = case.assignments.get(expert=world["invited"])
    assert permissions.can_respond_to_invitation(world["invited"], invitation)
    assert not permissions.can_respond_to_invitation(world["staff"], invitation)
    accepted = case.assignments.get(expert=world["accepted"])
    assert not permissions.can_respond_to_invitation(world["accepted"], accepted)


def test_a_requester_who_tries_a_staff_action_is_told_why(client, world):
    client.force_login(world["requester"])
    ref = world["case"].reference
    response = client.post(
        reverse("assistance:case-transition", args=[ref]), {"status-to_status": "triage"}
    )
    assert response.status_code == 403
    assert "Only the Collaborative&#x27;s staff can do this." in response.content.decode()
    response = client.get(reverse("assistance:case-history", args=[ref]))
    assert response.status_code == 403


def test_a_visitor_sees_no_case_at_all(world):
    from django.contrib.auth.models import AnonymousUser

    from assistance.models import Case

    assert not Case.objects.visible_to(AnonymousUser()).exists()
    assert not permissions.can_view_case(AnonymousUser(), world["case"])
    assert Case.objects.visible_to(UserFactory()).count() == 0
