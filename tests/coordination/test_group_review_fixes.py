"""Fixes of issue 20's review, groups and invitations part: blocks and the write limit hold
for invitations, join requests and partner notices; staff do not ask to join."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordination.models import (
    Block,
    GroupInvitation,
    GroupMembership,
    JoinRequest,
    WorkingGroup,
)
from coordination.services import efforts as effort_services
from coordination.services import invitations as services
from notifications.models import Notification
from tests.coordination.builders import effort
from tests.members.factories import AffiliationFactory, OrganizationFactory, StaffFactory
from wsr.members.models import Affiliation

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    group = WorkingGroup.objects.create(name="Strategy circle", is_open=False)
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=convener, role="convener")
    group.convener = convener
    return group


def _convener(group):
    user = AffiliationFactory().user
    GroupMembership.objects.create(group=group, user=user, role="convener")
    return user


def test_a_convener_who_blocked_the_person_is_not_told_of_their_request(closed):
    blocker = _convener(closed)
    person = AffiliationFactory().user
    Block.objects.create(blocker=blocker, blocked=person)
    services.join_request_create(group=closed, user=person, message="Let me in")
    told = Notification.objects.filter(kind="group_request")
    assert list(told.values_list("recipient", flat=True)) == [closed.convener.pk]


def test_an_invitee_who_blocked_the_inviter_is_not_emailed(closed):
    invitee = AffiliationFactory().user
    Block.objects.create(blocker=invitee, blocked=closed.convener)
    invitation = services.group_invite(group=closed, actor=closed.convener, person=invitee)
    assert invitation.is_pending
    assert not Notification.objects.filter(kind="group_invitation").exists()


def test_invitations_and_requests_count_against_the_write_limit(closed, settings):
    settings.COORDINATION_WRITE_RATE = "1/600"
    cache.clear()
    services.group_invite(group=closed, actor=closed.convener, person=AffiliationFactory().user)
    with pytest.raises(ValidationError) as refused:
        services.group_invite(group=closed, actor=closed.convener, person=AffiliationFactory().user)
    assert "wait a few minutes" in str(refused.value)
    assert GroupInvitation.objects.count() == 1
    assert Notification.objects.filter(kind="group_invitation").count() == 1
    person = AffiliationFactory().user
    other = WorkingGroup.objects.create(name="Other circle", is_open=False)
    _convener(other)
    services.join_request_create(group=other, user=person)
    with pytest.raises(ValidationError):
        services.join_request_create(group=closed, user=person, message="Please")
    assert not JoinRequest.objects.filter(group=closed).exists()
    assert not Notification.objects.filter(recipient=closed.convener).exists()


def test_naming_a_partner_respects_blocks_and_the_write_limit(settings):
    owner_affiliation = AffiliationFactory()
    made = effort(
        "members", None, owner_affiliation.user, organization=owner_affiliation.organization
    )
    owner = owner_affiliation.user
    first = OrganizationFactory(membership_status="active")
    blocker = AffiliationFactory(organization=first, role=Affiliation.Role.ADMIN).user
    admin = AffiliationFactory(organization=first, role=Affiliation.Role.ADMIN).user
    Block.objects.create(blocker=blocker, blocked=owner)
    settings.COORDINATION_WRITE_RATE = "1/600"
    cache.clear()
    effort_services.effort_partner_add(effort=made, actor=owner, organization=first)
    told = Notification.objects.filter(kind="effort_partner")
    assert list(told.values_list("recipient", flat=True)) == [admin.pk]
    second = OrganizationFactory(membership_status="active")
    AffiliationFactory(organization=second, role=Affiliation.Role.ADMIN)
    with pytest.raises(ValidationError):
        effort_services.effort_partner_add(effort=made, actor=owner, organization=second)
    assert list(made.partners.all()) == [first]
    assert told.count() == 1


def test_staff_outside_an_invitation_only_group_do_not_ask_to_join(client, closed):
    staff = StaffFactory()
    client.force_login(staff)
    page = client.get(closed.get_absolute_url())
    assert page.status_code == 200
    assert "Ask to join" not in page.content.decode()
    response = client.post(
        reverse("coordination:join-request-create", kwargs={"slug": closed.slug}),
        {"message": "Hello"},
    )
    assert response.status_code in (403, 404)
    assert not JoinRequest.objects.exists()
    with pytest.raises(PermissionDenied):
        services.join_request_create(group=closed, user=staff)


# Meetings and items ------------------------------------------------------------------------


def test_the_rsvp_error_page_is_the_whole_meeting_page(client, closed):
    from datetime import timedelta

    from django.utils import timezone

    from coordination.models import Meeting

    meeting = Meeting.objects.create(
        group=closed,
        title="Monthly call",
        starts_at=timezone.now() + timedelta(days=2),
        audience="group",
        working_group=closed,
    )
    client.force_login(closed.convener)
    response = client.post(f"/coordination/meetings/{meeting.pk}/rsvp/", {"answer": "perhaps"})
    assert response.status_code == 400
    html = response.content.decode()
    assert response.context["response_form"].errors
    assert response.context["comment_section"] is not None
    assert 'class="comments"' in html  # the comments, as on the page itself
    assert "Save the minutes" in html  # the convener's minutes form too
    page = client.get(meeting.get_absolute_url())
    assert set(page.context.keys()) >= {"comment_section", "form", "attendees"}


def test_my_items_leave_out_what_staff_kept_to_staff(client):
    from datetime import timedelta

    from django.utils import timezone

    from coordination.models import CalendarItem

    member = AffiliationFactory().user
    CalendarItem.objects.create(
        kind="action", title="Mine, members", starts_at=timezone.now() + timedelta(days=1),
        proposed_by=member, audience="members",
    )  # fmt: skip
    CalendarItem.objects.create(
        kind="action", title="Mine, kept to staff", starts_at=timezone.now() + timedelta(days=1),
        proposed_by=member, audience="staff",
    )  # fmt: skip
    client.force_login(member)
    html = client.get(reverse("coordination:calendar-item-create")).content.decode()
    assert "Mine, members" in html
    assert "Mine, kept to staff" not in html


# Updates -----------------------------------------------------------------------------------


def test_an_author_who_left_a_public_efforts_lead_organizations_no_longer_edits(client):
    from coordination.models import Update
    from coordination.permissions import can_edit_update

    author_affiliation = AffiliationFactory()
    author = author_affiliation.user
    made = effort("public", None, author, organization=author_affiliation.organization)
    update = Update.objects.create(effort=made, author=author, body="We met the buyer.")
    assert can_edit_update(author, update)
    other = OrganizationFactory(membership_status="active")
    AffiliationFactory(user=author, organization=other)  # still a member, elsewhere
    author_affiliation.delete()
    made.owner = AffiliationFactory(organization=made.lead_organizations.get()).user
    made.save()
    author = type(author).objects.get(pk=author.pk)  # no cached membership
    assert not can_edit_update(author, update)
    client.force_login(author)
    response = client.post(
        reverse("coordination:update-edit", kwargs={"pk": update.pk}), {"body": "Rewritten"}
    )
    assert response.status_code in (403, 404)
    update.refresh_from_db()
    assert update.body == "We met the buyer."


# Overlap alerts ----------------------------------------------------------------------------


def test_overlap_alerts_name_the_shared_organization_to_colleagues_and_only_them():
    from wsr.companies.models import Company

    company = Company.objects.create(name="Buyer Co")
    mine = AffiliationFactory()
    colleague = AffiliationFactory(organization=mine.organization).user
    stranger = AffiliationFactory()
    first = effort("members", None, colleague, name="Theirs", organization=mine.organization)
    second = effort(
        "members", None, stranger.user, name="Elsewhere", organization=stranger.organization
    )
    for other in (first, second):
        effort_services.effort_target_add(effort=other, actor=other.owner, company=company)
    made = effort("members", None, mine.user, name="Mine", organization=mine.organization)
    effort_services.effort_target_add(effort=made, actor=mine.user, company=company)
    told = Notification.objects.filter(kind="effort_overlap")
    to_me = [n for n in told if n.recipient_id == mine.user.pk]
    by_other = {n.context["overlap_effort_id"]: n for n in to_me}
    assert by_other[first.pk].template == "coordination/email/overlap_colleague"
    assert by_other[first.pk].context["organization"] == mine.organization.name
    assert by_other[second.pk].template == "coordination/email/overlap"
    about_mine = told.filter(context__overlap_effort_id=made.pk)
    assert about_mine.get(recipient=colleague).template == "coordination/email/overlap_colleague"
    assert about_mine.get(recipient=stranger.user).template == "coordination/email/overlap"
