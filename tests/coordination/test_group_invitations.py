"""Joining and leaving working groups (issue 20): conveners invite by searching people and
the invitee accepts or declines; members find invitation-only groups and ask to join; anyone
leaves, the last convener naming a successor."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordination.models import GroupInvitation, GroupMembership, JoinRequest, WorkingGroup
from coordination.services import invitations as services
from notifications.models import Notification
from tests.members.factories import (
    AffiliationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)
from wsr.members.services import user_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    group = WorkingGroup.objects.create(
        name="Strategy circle", purpose="Plans the next campaigns.", is_open=False
    )
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=convener, role="convener")
    group.convener = convener
    return group


def _invite_url(group):
    return reverse("coordination:group-invite", kwargs={"slug": group.slug})


def _told(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


# Invitations -------------------------------------------------------------------------------


def test_a_hand_made_post_to_the_invite_url_invites_and_never_adds(client, closed):
    invitee = AffiliationFactory().user
    client.force_login(closed.convener)
    response = client.post(_invite_url(closed), {"person": invitee.pk})
    assert response.status_code == 302
    assert not GroupMembership.objects.filter(group=closed, user=invitee).exists()
    invitation = GroupInvitation.objects.get(group=closed, invitee=invitee)
    assert invitation.status == "pending" and invitation.invited_by == closed.convener
    told = _told(invitee, "group_invitation").get()
    assert told.url == invitation.get_absolute_url()
    # Invited twice: still one pending invitation.
    client.post(_invite_url(closed), {"person": invitee.pk})
    assert GroupInvitation.objects.filter(group=closed, invitee=invitee).count() == 1


def test_the_invitee_reads_the_invitation_and_nobody_else_does(client, closed):
    invitee = AffiliationFactory().user
    invitation = services.group_invite(group=closed, actor=closed.convener, person=invitee)
    client.force_login(invitee)
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Strategy circle" in html and "Plans the next campaigns." in html
    assert 'value="accept"' in html and 'value="decline"' in html
    # The group itself stays closed to them until they accept.
    assert client.get(closed.get_absolute_url()).status_code == 404
    assert "Strategy circle" in client.get(reverse("coordination:group-list")).content.decode()
    client.force_login(AffiliationFactory().user)  # another member
    assert client.get(invitation.get_absolute_url()).status_code == 404
    assert client.post(invitation.get_absolute_url(), {"answer": "accept"}).status_code == 404
    assert not GroupMembership.objects.filter(group=closed, user=invitee).exists()
    client.force_login(UserFactory())  # an account without a member organization
    assert client.get(invitation.get_absolute_url()).status_code == 404


def test_accepting_joins_the_group_and_tells_the_convener(client, closed):
    invitee = AffiliationFactory().user
    invitation = services.group_invite(group=closed, actor=closed.convener, person=invitee)
    client.force_login(invitee)
    response = client.post(invitation.get_absolute_url(), {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == closed.get_absolute_url()
    assert GroupMembership.objects.get(group=closed, user=invitee).role == "member"
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.responded_at
    assert client.get(closed.get_absolute_url()).status_code == 200
    assert _told(closed.convener, "group_request").get().context["accepted"] is True
    # Answered once: a second answer changes nothing.
    client.post(invitation.get_absolute_url(), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_declining_adds_nobody_and_tells_the_convener(client, closed):
    invitee = AffiliationFactory().user
    invitation = services.group_invite(group=closed, actor=closed.convener, person=invitee)
    client.force_login(invitee)
    client.post(invitation.get_absolute_url(), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not GroupMembership.objects.filter(group=closed, user=invitee).exists()
    assert _told(closed.convener, "group_request").get().context["accepted"] is False
    assert client.post(invitation.get_absolute_url(), {"answer": "maybe"}).status_code == 400


def test_only_conveners_and_staff_invite_and_a_convener_withdraws(client, closed):
    member = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=member)
    client.force_login(member)
    assert client.get(_invite_url(closed)).status_code == 403
    assert (
        client.post(_invite_url(closed), {"person": AffiliationFactory().user.pk}).status_code
        == 403
    )
    assert not GroupInvitation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.group_invite(group=closed, actor=member, person=AffiliationFactory().user)
    with pytest.raises(ValidationError):  # no member organization
        services.group_invite(group=closed, actor=closed.convener, person=UserFactory())
    staff_invite = services.group_invite(
        group=closed, actor=StaffFactory(), person=AffiliationFactory().user
    )
    client.force_login(closed.convener)
    client.post(staff_invite.get_absolute_url(), {"answer": "withdraw"})
    staff_invite.refresh_from_db()
    assert staff_invite.status == "withdrawn"
    client.force_login(staff_invite.invitee)
    client.post(staff_invite.get_absolute_url(), {"answer": "accept"})
    assert not GroupMembership.objects.filter(group=closed, user=staff_invite.invitee).exists()


def test_the_invite_page_finds_members_by_name_organization_or_whole_address(client, closed):
    organization = OrganizationFactory(name="Milk with Dignity", membership_status="active")
    rosa = AffiliationFactory(
        user__first_name="Rosa", user__last_name="Díaz", user__email="rosa@example.org"
    ).user
    colleague = AffiliationFactory(organization=organization, user__first_name="Ana").user
    AffiliationFactory(
        organization=OrganizationFactory(name="Applicant org"),  # not a member organization
        user__first_name="Rosalind",
    )
    in_group = AffiliationFactory(user__first_name="Rosa", user__last_name="Inside").user
    GroupMembership.objects.create(group=closed, user=in_group)
    client.force_login(closed.convener)

    def found(query):
        html = client.get(_invite_url(closed), {"q": query}).content.decode()
        return html

    html = found("rosa díaz")
    assert "Rosa Díaz" in html and f'value="{rosa.pk}"' in html
    assert "Rosalind" not in html and "Inside" not in html
    assert f'value="{colleague.pk}"' in found("dignity")
    assert f'value="{rosa.pk}"' in found("ROSA@example.org")
    assert f'value="{rosa.pk}"' not in found("rosa@example")  # no probing of addresses
    assert "Nobody found" in found("zzz-nobody")
    services.group_invite(group=closed, actor=closed.convener, person=rosa)
    html = found("rosa")
    assert "invited, waiting for an answer" in html


def test_the_invite_search_runs_a_fixed_number_of_queries(
    client, closed, django_assert_num_queries
):
    client.force_login(closed.convener)
    organization = OrganizationFactory(name="Coalition of farmworkers", membership_status="active")
    AffiliationFactory(organization=organization)
    url = _invite_url(closed) + "?q=coalition"
    client.get(url)
    one = _count(client, url)
    for _n in range(5):
        AffiliationFactory(organization=organization)
        services.group_invite(group=closed, actor=closed.convener, person=AffiliationFactory().user)
    client.get(url)  # new affiliations: the membership kept per person is read once again
    with django_assert_num_queries(one):
        response = client.get(url)
    assert response.content.decode().count('name="person"') == 6


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


# Requests to join --------------------------------------------------------------------------


def test_members_find_invitation_only_groups_and_ask_to_join(client, closed):
    person = AffiliationFactory().user
    client.force_login(person)
    listing = client.get(reverse("coordination:group-list")).content.decode()
    ask_url = reverse("coordination:join-request-create", kwargs={"slug": closed.slug})
    assert "Strategy circle" in listing and ask_url in listing
    assert client.get(ask_url).status_code == 200
    response = client.post(ask_url, {"message": "I run our audits."})
    assert response.status_code == 302
    request = JoinRequest.objects.get(group=closed, user=person)
    assert request.status == "pending" and request.message == "I run our audits."
    told = _told(closed.convener, "group_request").get()
    assert told.context["message"] == "I run our audits."
    listing = client.get(reverse("coordination:group-list")).content.decode()
    assert "You asked to join" in listing
    client.post(ask_url, {"message": "again"})
    assert JoinRequest.objects.filter(group=closed, user=person).count() == 1
    # Accounts without a member organization see no group at all.
    client.force_login(UserFactory())
    assert "Strategy circle" not in client.get(reverse("coordination:group-list")).content.decode()
    assert client.get(ask_url).status_code == 404


def test_conveners_approve_or_decline_requests_and_the_person_is_told(client, closed):
    asking, declined = AffiliationFactory().user, AffiliationFactory().user
    first = services.join_request_create(group=closed, user=asking, message="<b>hi</b>")
    second = services.join_request_create(group=closed, user=declined)
    outsider = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=outsider)  # a member, not a convener
    client.force_login(outsider)
    assert "Requests to join" not in client.get(closed.get_absolute_url()).content.decode()
    decide = reverse("coordination:join-request-decide", kwargs={"pk": first.pk})
    assert client.post(decide, {"answer": "approve"}).status_code == 404
    client.force_login(closed.convener)
    html = client.get(closed.get_absolute_url()).content.decode()
    assert "Requests to join" in html and "&lt;b&gt;hi&lt;/b&gt;" in html
    assert client.post(decide, {"answer": "approve"}).status_code == 302
    client.post(
        reverse("coordination:join-request-decide", kwargs={"pk": second.pk}),
        {"answer": "decline"},
    )
    assert GroupMembership.objects.filter(group=closed, user=asking).exists()
    assert not GroupMembership.objects.filter(group=closed, user=declined).exists()
    first.refresh_from_db()
    assert first.status == "approved" and first.decided_by == closed.convener
    assert _told(asking, "group_invitation").get().context["approved"] is True
    assert _told(declined, "group_invitation").get().context["approved"] is False
    # A decided request cannot be decided again.
    assert client.post(decide, {"answer": "decline"}).status_code == 403


def test_open_groups_and_groups_one_is_in_take_no_request(closed):
    open_group = WorkingGroup.objects.create(name="Open", is_open=True)
    with pytest.raises(PermissionDenied):
        services.join_request_create(group=open_group, user=AffiliationFactory().user)
    with pytest.raises(PermissionDenied):
        services.join_request_create(group=closed, user=closed.convener)
    invitee = AffiliationFactory().user
    services.group_invite(group=closed, actor=closed.convener, person=invitee)
    with pytest.raises(ValidationError):  # already invited: accept instead
        services.join_request_create(group=closed, user=invitee)


def test_the_group_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    person = AffiliationFactory().user
    client.force_login(person)

    def make(n):
        group = WorkingGroup.objects.create(name=f"Closed {n}", is_open=False)
        convener = AffiliationFactory().user
        GroupMembership.objects.create(group=group, user=convener, role="convener")
        services.group_invite(group=group, actor=convener, person=person)
        WorkingGroup.objects.create(name=f"Other closed {n}", is_open=False)
        WorkingGroup.objects.create(name=f"Open {n}", is_open=True)

    make(0)
    url = reverse("coordination:group-list")
    client.get(url)
    queries = _count(client, url)
    for n in range(1, 5):
        make(n)
    client.get(url)  # the writes replaced what is kept per person (membership, bell)
    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()
    assert html.count("Accept or decline") == 5 and "Other closed 4" in html


# Leaving -----------------------------------------------------------------------------------


def test_a_member_leaves_after_confirming(client, closed):
    member = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=member)
    client.force_login(member)
    leave = reverse("coordination:group-leave", kwargs={"slug": closed.slug})
    assert leave in client.get(closed.get_absolute_url()).content.decode()
    assert client.get(leave).status_code == 200  # the confirmation
    assert GroupMembership.objects.filter(group=closed, user=member).exists()
    assert client.post(leave).status_code == 302
    assert not GroupMembership.objects.filter(group=closed, user=member).exists()
    assert client.get(leave).status_code == 404  # no longer sees the closed group


def test_the_last_convener_names_a_successor_before_leaving(client, closed):
    member = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=member)
    client.force_login(closed.convener)
    leave = reverse("coordination:group-leave", kwargs={"slug": closed.slug})
    response = client.post(leave)
    assert response.status_code == 400
    assert "last convener" in response.content.decode()
    assert GroupMembership.objects.filter(group=closed, user=closed.convener).exists()
    stranger = AffiliationFactory().user  # not in the group: cannot be named
    assert client.post(leave, {"successor": stranger.pk}).status_code == 400
    assert client.post(leave, {"successor": member.pk}).status_code == 302
    assert GroupMembership.objects.get(group=closed, user=member).role == "convener"
    assert not GroupMembership.objects.filter(group=closed, user=closed.convener).exists()


def test_a_convener_among_others_or_alone_leaves_freely(closed):
    other = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=other, role="convener")
    services.group_leave(group=closed, user=closed.convener)
    services.group_leave(group=closed, user=other)  # the last person: nobody to name
    assert not closed.memberships.exists()
    with pytest.raises(PermissionDenied):
        services.group_leave(group=closed, user=other)


# Personal data -----------------------------------------------------------------------------


def test_invitations_and_requests_are_in_the_export_and_deleted_with_the_account(client, closed):
    person = AffiliationFactory().user
    services.group_invite(group=closed, actor=closed.convener, person=person)
    other = WorkingGroup.objects.create(name="Dairy circle", is_open=False)
    services.join_request_create(group=other, user=person, message="Let me in")
    client.force_login(person)
    data = json.loads(client.get(reverse("members:data-export")).content)
    assert data["group_invitations_received"][0]["group"] == "Strategy circle"
    assert data["group_join_requests"][0]["message"] == "Let me in"
    client.force_login(closed.convener)
    sent = json.loads(client.get(reverse("members:data-export")).content)
    assert sent["group_invitations_sent"][0]["group"] == "Strategy circle"
    user_delete(user=person)
    assert not GroupInvitation.objects.exists() and not JoinRequest.objects.exists()
