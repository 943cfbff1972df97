"""Fixes of issue 20's review, efforts part: an audience change never locks the owner out,
only the owner or staff hand an effort over (and the former owner is told), partners are
active member organizations whose admins are told, and an overlap alert goes once per pair."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordination import services
from coordination.models import EffortTarget, GroupMembership, WorkingGroup
from notifications.models import Notification
from tests.coordination.builders import effort
from tests.members.factories import AffiliationFactory, OrganizationFactory, StaffFactory
from wsr.companies.models import Company
from wsr.members.models import Affiliation

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner_affiliation = AffiliationFactory()
    organization = owner_affiliation.organization
    made = effort("members", None, owner_affiliation.user, organization=organization)
    return {
        "effort": made,
        "organization": organization,
        "owner": owner_affiliation.user,
        "colleague": AffiliationFactory(organization=organization).user,
        "other": AffiliationFactory(organization=organization).user,
        "member": AffiliationFactory().user,
        "staff": StaffFactory(),
    }


def _edit_data(made, **changes):
    data = {
        "name": made.name,
        "kind": made.kind,
        "summary": made.summary or "Summary",
        "sectors": [s.pk for s in made.sectors.all()],
        "countries": ["US"],
        "audience": made.audience,
    }
    data.update(changes)
    return data


def test_a_colleague_cannot_move_the_effort_to_a_group_the_owner_is_not_in(client, team):
    made = team["effort"]
    group = WorkingGroup.objects.create(name="Colleagues only", is_open=False)
    GroupMembership.objects.create(group=group, user=team["colleague"])
    client.force_login(team["colleague"])
    response = client.post(
        f"{made.get_absolute_url()}edit/",
        _edit_data(made, audience="group", working_group=group.pk),
    )
    assert response.status_code == 400
    assert "owner would no longer see" in response.content.decode()
    made.refresh_from_db()
    assert made.audience == "members" and made.working_group_id is None
    with pytest.raises(ValidationError):
        services.effort_edit(
            effort=made,
            actor=team["colleague"],
            data={"audience": "group", "working_group": group},
        )
    # a group both are in is fine
    GroupMembership.objects.create(group=group, user=team["owner"])
    services.effort_edit(
        effort=made, actor=team["colleague"], data={"audience": "group", "working_group": group}
    )
    made.refresh_from_db()
    assert made.working_group == group


def test_only_the_owner_or_staff_hand_over_and_the_former_owner_is_told(client, team):
    made = team["effort"]
    client.force_login(team["colleague"])
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Hand over the effort" not in page
    response = client.post(
        f"{made.get_absolute_url()}owner/", {"owner-owner": team["colleague"].pk}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.effort_owner_change(effort=made, actor=team["colleague"], new_owner=team["other"])
    made.refresh_from_db()
    assert made.owner == team["owner"]

    client.force_login(team["owner"])
    form = client.get(made.get_absolute_url()).context["owner_form"]
    assert team["owner"] not in form.fields["owner"].queryset
    assert (
        client.post(
            f"{made.get_absolute_url()}owner/", {"owner-owner": team["colleague"].pk}
        ).status_code
        == 302
    )
    made.refresh_from_db()
    assert made.owner == team["colleague"]
    told = Notification.objects.filter(kind="effort_ownership")
    assert set(told.values_list("recipient", flat=True)) == {team["colleague"].pk}
    # staff hand it on: the new owner and the former owner are told, staff are not
    services.effort_owner_change(effort=made, actor=team["staff"], new_owner=team["other"])
    assert set(told.values_list("recipient", flat=True)) == {
        team["colleague"].pk,
        team["other"].pk,
    }
    assert told.filter(recipient=team["colleague"]).count() == 2  # handed to, then away
    assert not told.filter(recipient=team["staff"]).exists()


def test_nobody_to_hand_over_to_shows_a_sentence(client):
    affiliation = AffiliationFactory()
    made = effort("members", None, affiliation.user, organization=affiliation.organization)
    client.force_login(affiliation.user)
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Nobody else can take the effort over yet" in page
    assert 'name="owner-owner"' not in page


def test_partners_are_active_members_and_their_admins_are_told(client, team):
    made = team["effort"]
    applicant = OrganizationFactory(name="Applicant org", membership_status="applicant")
    outside = OrganizationFactory(name="Outside org")
    member = OrganizationFactory(name="Member org", membership_status="active")
    admin = AffiliationFactory(organization=member, role=Affiliation.Role.ADMIN).user
    AffiliationFactory(organization=member)  # a plain member is not told
    client.force_login(team["owner"])
    offered = client.get(made.get_absolute_url()).context["partner_form"]
    choices = set(offered.fields["organization"].queryset)
    assert member in choices and applicant not in choices and outside not in choices
    for refused in (applicant, outside):
        response = client.post(
            f"{made.get_absolute_url()}partners/", {"partner-organization": refused.pk}
        )
        assert response.status_code == 400
        with pytest.raises(ValidationError):
            services.effort_partner_add(effort=made, actor=team["owner"], organization=refused)
    assert not made.partners.exists()
    response = client.post(
        f"{made.get_absolute_url()}partners/", {"partner-organization": member.pk}
    )
    assert response.status_code == 302
    told = Notification.objects.filter(kind="effort_partner")
    assert list(told.values_list("recipient", flat=True)) == [admin.pk]


def test_an_overlap_is_told_once_per_pair_and_target_additions_count(team, settings):
    from django.core.cache import cache

    cache.clear()
    company = Company.objects.create(name="Fresh Market")
    other_owner = AffiliationFactory().user
    other = effort("members", None, other_owner, name="Other campaign")
    services.effort_target_add(effort=other, actor=other_owner, company=company)
    made = team["effort"]
    for _round in range(3):
        services.effort_target_add(effort=made, actor=team["owner"], company=company)
        services.effort_target_remove(effort=made, actor=team["owner"], company=company)
    overlap = Notification.objects.filter(kind="effort_overlap")
    assert overlap.filter(recipient=team["owner"]).count() == 1
    assert overlap.filter(recipient=other_owner).count() == 1
    settings.COORDINATION_WRITE_RATE = "2/600"
    cache.clear()
    services.effort_target_add(effort=made, actor=team["owner"], company=company)
    services.effort_target_add(
        effort=made, actor=team["owner"], company=Company.objects.create(name="Second")
    )
    with pytest.raises(ValidationError):
        services.effort_target_add(
            effort=made, actor=team["owner"], company=Company.objects.create(name="Third")
        )
    assert EffortTarget.objects.filter(effort=made).count() == 2


def test_the_add_target_list_leaves_out_targeted_companies(client, team):
    made = team["effort"]
    targeted = Company.objects.create(name="Targeted already")
    free = Company.objects.create(name="Not yet")
    services.effort_target_add(effort=made, actor=team["owner"], company=targeted)
    client.force_login(team["owner"])
    form = client.get(made.get_absolute_url()).context["target_form"]
    assert free in form.fields["company"].queryset
    assert targeted not in form.fields["company"].queryset
