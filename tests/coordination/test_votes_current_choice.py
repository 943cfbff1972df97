"""Votes show the person's current choice, and per-organization voting works for everyone
allowed to vote (issue 20): staff used to get an empty "on behalf of" list and a 400."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from coordination import services
from coordination.models import GroupMembership, Proposal, Vote, WorkingGroup
from coordination.permissions import can_vote
from tests.members.factories import AffiliationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    made = WorkingGroup.objects.create(name="Dairy", is_open=True)
    convener = AffiliationFactory().user
    GroupMembership.objects.create(group=made, user=convener, role="convener")
    made.convener = convener
    return made


def _proposal(group, mode=Proposal.VoterMode.PERSON):
    return services.proposal_create(
        group=group,
        actor=group.convener,
        title="Sign the letter",
        text="To the three buyers.",
        options=["Yes", "No", "Abstain"],
        closes_at=timezone.now() + timedelta(days=2),
        voter_mode=mode,
    )


def _checked_option(html) -> str | None:
    for tag in re.findall(r"<input[^>]*name=\"option\"[^>]*>", html):
        if "checked" in tag:
            return re.search(r'value="(\d+)"', tag).group(1)
    return None


def test_after_voting_the_form_shows_the_persons_choice_and_when(client, group):
    proposal = _proposal(group)
    voter = AffiliationFactory().user
    services.group_join(group=group, user=voter)
    client.force_login(voter)
    assert _checked_option(client.get(proposal.get_absolute_url()).content.decode()) is None
    no = proposal.options.get(label="No")
    assert (
        client.post(f"/coordination/proposals/{proposal.pk}/vote/", {"option": no.pk}).status_code
        == 302
    )
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert _checked_option(html) == str(no.pk)
    assert "You voted: No." in html and "Cast on" in html
    assert "Change your vote" in html


def test_staff_outside_any_member_organization_are_told_why_they_cannot_vote(client, group):
    proposal = _proposal(group, Proposal.VoterMode.ORGANIZATION)
    staff = StaffFactory()
    client.force_login(staff)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "You belong to no member organization" in html
    assert 'name="option"' not in html  # no form with an empty "on behalf of"
    assert not can_vote(staff, proposal)
    # Before issue 20 this answered 400 with an empty list; now the rule refuses it.
    response = client.post(
        f"/coordination/proposals/{proposal.pk}/vote/", {"option": proposal.options.first().pk}
    )
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_staff_in_a_member_organization_vote_for_it(client, group):
    proposal = _proposal(group, Proposal.VoterMode.ORGANIZATION)
    staff = StaffFactory()
    organization = AffiliationFactory(user=staff).organization
    client.force_login(staff)
    assert can_vote(staff, proposal)
    html = client.get(proposal.get_absolute_url()).content.decode()
    select = re.search(r'<select name="organization".*?</select>', html, re.S).group(0)
    assert f'value="{organization.pk}"' in select
    assert 'value=""' not in select  # never an empty choice
    yes = proposal.options.get(label="Yes")
    response = client.post(
        f"/coordination/proposals/{proposal.pk}/vote/",
        {"option": yes.pk, "organization": organization.pk},
    )
    assert response.status_code == 302
    vote = Vote.objects.get(proposal=proposal)
    assert vote.organization == organization and vote.voter == staff


def test_colleagues_see_their_organizations_current_vote_and_who_cast_it(client, group):
    proposal = _proposal(group, Proposal.VoterMode.ORGANIZATION)
    first = AffiliationFactory(user__first_name="Lucía", user__last_name="Pérez").user
    organization = first.affiliations.get().organization
    colleague = AffiliationFactory(organization=organization).user
    for person in (first, colleague):
        services.group_join(group=group, user=person)
    no = proposal.options.get(label="No")
    services.vote_cast(proposal=proposal, voter=first, option=no)
    client.force_login(colleague)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert f"{organization.name} voted: No." in html
    assert "Cast by Lucía Pérez on" in html
    assert _checked_option(html) == str(no.pk)


def test_can_vote_and_voting_organizations_agree_for_a_member_and_for_staff_without_one(
    client, group
):
    """can_vote and voting_organizations agree: a member of a member organization may vote
    and has it to vote for; staff without an organization neither."""
    proposal = _proposal(group, Proposal.VoterMode.ORGANIZATION)
    member = AffiliationFactory().user
    services.group_join(group=group, user=member)
    assert can_vote(member, proposal)
    assert [a.organization for a in services.groups.voting_organizations(proposal, member)]
    staff = StaffFactory()
    assert not can_vote(staff, proposal)
    assert not list(services.groups.voting_organizations(proposal, staff))
