"""Working groups: joining, threads in sanitized Markdown, mentions that notify, and votes
counted per person or per organization, changeable until closing, checked by hand."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordination import services
from coordination.models import GroupMembership, Proposal, Vote, WorkingGroup
from coordination.selectors import tally
from tests.members.factories import AffiliationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    made = WorkingGroup.objects.create(name="Agriculture", is_open=True)
    GroupMembership.objects.create(group=made, user=StaffFactory(), role="convener")
    return made


def _join(group, **kwargs):
    user = AffiliationFactory(**kwargs).user
    services.group_join(group=group, user=user)
    return user


def test_members_join_open_groups_and_invitation_groups_stay_closed(client, group):
    person = AffiliationFactory().user
    client.force_login(person)
    client.post(f"/coordination/groups/{group.slug}/join/")
    assert GroupMembership.objects.filter(group=group, user=person).exists()
    closed = WorkingGroup.objects.create(name="Closed", is_open=False)
    with pytest.raises(PermissionDenied):
        services.group_join(group=closed, user=person)
    assert client.get(f"/coordination/groups/{closed.slug}/").status_code == 404


def test_posts_are_sanitized_markdown(group):
    author = _join(group)
    thread = services.thread_create(
        group=group,
        author=author,
        title="Plan",
        body="**Bold** <script>alert(1)</script> [link](javascript:alert(1)) "
        "[ok](https://example.org) <img src=x onerror=alert(1)>",
    )
    html = thread.posts.get().body_html
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html and "noopener" in html


def test_mentions_notify_group_members_only(group, on_commit):
    author = _join(group)
    mentioned = _join(group, user__first_name="Rosa", user__last_name="Díaz")
    outsider = AffiliationFactory(user__first_name="Rosa", user__last_name="Diaz").user
    with on_commit():
        thread = services.thread_create(
            group=group, author=author, title="Next crop", body="What do you think, @rosa-diaz?"
        )
    notified = [m for m in mail.outbox if "mentioned you" in m.subject]
    assert [m.to for m in notified] == [[mentioned.email]]
    assert outsider.email not in str([m.to for m in mail.outbox])
    assert thread.get_absolute_url() in notified[0].body


def test_threads_are_for_the_group(client, group):
    author = _join(group)
    thread = services.thread_create(group=group, author=author, title="Inside", body="x")
    client.force_login(AffiliationFactory().user)  # a member, not in the group
    assert client.get(thread.get_absolute_url()).status_code == 404
    with pytest.raises(PermissionDenied):
        services.post_create(thread=thread, author=AffiliationFactory().user, body="x")


def _proposal(group, **kwargs):
    convener = group.memberships.get(role="convener").user
    return services.proposal_create(
        group=group,
        actor=convener,
        title="Research watermelons",
        text="Spend next quarter on it.",
        options=["Yes", "No", "Abstain"],
        closes_at=timezone.now() + timedelta(days=2),
        **kwargs,
    )


def _close(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    proposal.refresh_from_db()


def test_per_person_count_matches_a_hand_count_and_votes_change_until_closing(group):
    proposal = _proposal(group)
    yes, no, abstain = proposal.options.all()
    voters = [_join(group) for _ in range(6)]
    ballots = [yes, yes, no, abstain, yes, no]
    for voter, option in zip(voters, ballots, strict=True):
        services.vote_cast(proposal=proposal, voter=voter, option=option)
    services.vote_cast(proposal=proposal, voter=voters[3], option=yes)  # changed their mind
    result = tally(proposal)
    assert [(o.label, n) for o, n, _p in result.rows] == [("Yes", 4), ("No", 2), ("Abstain", 0)]
    assert result.total == 6 and not result.shown  # results after closing
    _close(proposal)
    assert tally(proposal).shown
    with pytest.raises(ValidationError):
        services.vote_cast(proposal=proposal, voter=voters[0], option=no)
    assert Vote.objects.get(proposal=proposal, voter=voters[0]).option == yes


def test_per_organization_one_vote_each_the_latest_speaks(group):
    proposal = _proposal(group, voter_mode=Proposal.VoterMode.ORGANIZATION, results="live")
    yes, no, _abstain = proposal.options.all()
    first = _join(group)
    organization = first.affiliations.get().organization
    colleague = _join(group, organization=organization)
    other = _join(group)
    services.vote_cast(proposal=proposal, voter=first, option=yes)
    services.vote_cast(proposal=proposal, voter=colleague, option=no)  # replaces the first
    services.vote_cast(proposal=proposal, voter=other, option=yes)
    result = tally(proposal)
    assert [(o.label, n) for o, n, _p in result.rows] == [("Yes", 1), ("No", 1), ("Abstain", 0)]
    assert result.shown  # live results
    assert Vote.objects.get(proposal=proposal, organization=organization).voter == colleague


def test_non_members_of_the_group_cannot_vote(client, group):
    proposal = _proposal(group)
    stranger = AffiliationFactory().user
    with pytest.raises(PermissionDenied):
        services.vote_cast(proposal=proposal, voter=stranger, option=proposal.options.first())
    client.force_login(stranger)
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_the_outcome_is_recorded_after_closing_by_a_convener_and_is_searchable(client, group):
    proposal = _proposal(group)
    convener = group.memberships.get(role="convener").user
    with pytest.raises(ValidationError):
        services.proposal_outcome_record(proposal=proposal, actor=convener, outcome="x")
    _close(proposal)
    with pytest.raises(PermissionDenied):
        services.proposal_outcome_record(proposal=proposal, actor=_join(group), outcome="x")
    client.force_login(convener)
    client.post(
        f"/coordination/proposals/{proposal.pk}/outcome/", {"outcome": "Adopted unanimously"}
    )
    proposal.refresh_from_db()
    assert proposal.outcome == "Adopted unanimously"
    found = client.get(f"/coordination/groups/{group.slug}/?q=unanimously").content.decode()
    assert "Research watermelons" in found
    missing = client.get(f"/coordination/groups/{group.slug}/?q=bananas").content.decode()
    assert "Research watermelons" not in missing


def test_a_vote_through_the_page_and_a_bad_proposal_keeps_the_text(client, group):
    proposal = _proposal(group, results="live")
    voter = _join(group)
    client.force_login(voter)
    option = proposal.options.get(label="No")
    assert (
        client.post(
            f"/coordination/proposals/{proposal.pk}/vote/", {"option": option.pk}
        ).status_code
        == 302
    )
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "You voted: No." in html
    response = client.post(
        f"/coordination/groups/{group.slug}/proposals/",
        {
            "proposal-title": "Keep me",
            "proposal-text": "t",
            "proposal-options": "Only one",
            "proposal-closes_at": "2000-01-01T10:00",
            "proposal-voter_mode": "person",
            "proposal-results": "live",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep me" in html and "at least two different options" in html


def test_conveners_invite_to_a_closed_group_and_record_minutes(client, on_commit):
    from coordination.models import Meeting

    closed = WorkingGroup.objects.create(name="Closed strategy", is_open=False)
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=closed, user=convener, role="convener")
    invitee = AffiliationFactory().user
    client.force_login(invitee)
    assert client.get(closed.get_absolute_url()).status_code == 404
    client.force_login(convener)
    with on_commit():
        client.post(f"/coordination/groups/{closed.slug}/invite/", {"person": invitee.pk})
    # Issue 20: an invitation asks the person; they join when they accept.
    assert not GroupMembership.objects.filter(group=closed, user=invitee).exists()
    assert any(invitee.email in m.to for m in mail.outbox)
    from coordination.models import GroupInvitation

    invitation = GroupInvitation.objects.get(group=closed, invitee=invitee)
    client.force_login(invitee)
    client.post(invitation.get_absolute_url(), {"answer": "accept"})
    assert GroupMembership.objects.filter(group=closed, user=invitee).exists()
    client.force_login(convener)
    meeting = Meeting.objects.create(
        group=closed, title="Call", starts_at=timezone.now(), audience="group", working_group=closed
    )
    client.post(
        meeting.get_absolute_url(), {"minutes": "- Agreed *one* thing", "attendees": [invitee.pk]}
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "- Agreed *one* thing"
    assert list(meeting.attendees.all()) == [invitee]
    client.force_login(invitee)  # a member, not a convener: reads, cannot record
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<em>one</em>" in html and "Save the minutes" not in html
    client.post(meeting.get_absolute_url(), {"minutes": "changed"})
    meeting.refresh_from_db()
    assert meeting.minutes == "- Agreed *one* thing"
    from coordination.services.invitations import group_invite

    with pytest.raises(PermissionDenied):  # a member, not a convener: invites nobody
        group_invite(group=closed, actor=invitee, person=AffiliationFactory().user)
