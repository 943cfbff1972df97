"""Exact query counts of the members' pages (issue 18): the portal, the directory and its
search, the organizations and an organization's public and people pages, read as staff with
a second factor (who sees the most), the same with 3 rows and with 30."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assistance.models import CaseTask
from coordination.models import (
    Effort,
    EffortFollow,
    Funder,
    FundingOpportunity,
    GroupMembership,
    WorkingGroup,
)
from repository.models import SavedResource
from tests.members.factories import (
    ActiveOrganizationFactory,
    AffiliationFactory,
    InvitationFactory,
    sector,
)
from tests.query_counts import ROWS, get_pinned, open_cases, signed_in_staff
from tests.repository.factories import repository_index, resource
from wsr.members.models import Affiliation, Language, Profile

pytestmark = pytest.mark.django_db


staff = signed_in_staff  # the fixture, under the name the tests ask for
# issue 22: the directory and organizations pins are one query fewer than before: the bell's
# unread count is kept per person (notifications/bell.py); the staff here are superusers,
# whose permissions and membership were never queried.


def _people(rows, organization) -> list:
    """`rows` people of `organization` listed in the directory, with two languages, two
    areas of expertise and a second organization each."""
    people = [
        AffiliationFactory(organization=organization, role=("admin", "member")[n % 2]).user
        for n in range(rows)
    ]
    Profile.objects.filter(user__in=people).update(
        is_listed_in_directory=True, country="US", display_name="Ana Person"
    )
    languages = list(Language.objects.filter(code__in=["en", "es"]))
    through = Profile.languages_spoken.through
    through.objects.bulk_create(
        through(profile_id=person.profile.pk, language=language)
        for person in people
        for language in languages
    )
    others = [ActiveOrganizationFactory() for _ in range(2)]
    Affiliation.objects.bulk_create(
        Affiliation(user=person, organization=others[n % 2]) for n, person in enumerate(people)
    )
    for n, person in enumerate(people[:3]):  # tags go through taggit's manager
        person.profile.expertise.add(f"topic {n}", "organizing")
    return people


@ROWS
def test_the_directory_and_its_search(client, staff, rows, django_assert_num_queries):
    _people(rows, ActiveOrganizationFactory())
    response = get_pinned(client, "/portal/directory/", 11, django_assert_num_queries)
    assert response.context["page_obj"].paginator.count == rows
    searched = "/portal/directory/?q=ana+person&organization=workers&language=es&country=US&page=1"
    get_pinned(client, searched, 12, django_assert_num_queries)


@ROWS
def test_the_organizations_an_organization_and_its_people(
    client, staff, rows, django_assert_num_queries
):
    organization = ActiveOrganizationFactory()
    organization.sectors.add(sector("agriculture"), sector("dairy"))
    people = _people(rows, organization)
    for other in [ActiveOrganizationFactory() for _ in range(rows)]:
        other.sectors.add(sector("dairy"))
    # what each person would lose if removed: a working group and an effort of the org
    groups = [WorkingGroup(name=f"Group {n}", is_open=False) for n in range(rows)]
    for group in groups:
        group.save()
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group, user=person)
        for group, person in zip(groups, people, strict=True)
    )
    for n, person in enumerate(people):
        effort = Effort.objects.create(name=f"Effort {n}", owner=person, audience="members")
        effort.lead_organizations.add(organization)
    InvitationFactory.create_batch(rows, organization=organization, invited_by=people[0])
    response = get_pinned(client, "/organizations/", 6, django_assert_num_queries)
    assert len(response.context["organizations"]) == rows + 3
    response = get_pinned(client, organization.get_absolute_url(), 8, django_assert_num_queries)
    assert len(response.context["people"]) == rows
    response = get_pinned(
        client, f"/portal/organizations/{organization.slug}/people/", 13, django_assert_num_queries
    )
    assert len(response.context["people"]) == rows


@ROWS
def test_the_portal(client, staff, rows, django_assert_num_queries, site_tree):
    organizations = [ActiveOrganizationFactory() for _ in range(rows)]
    Affiliation.objects.bulk_create(
        Affiliation(user=staff, organization=organization, role="admin")
        for organization in organizations
    )
    through = organizations[0].sectors.through
    through.objects.bulk_create(
        through(organization=organization, sector=sector("agriculture"))
        for organization in organizations
    )
    inviter = AffiliationFactory().user
    for organization in organizations:
        InvitationFactory(organization=organization, email=staff.email, invited_by=inviter)
    cases = open_cases(
        rows, first_response_due=timezone.localdate() + timedelta(days=3), lead=staff
    )
    CaseTask.objects.bulk_create(
        CaseTask(
            case=case,
            title="Call back",
            owner=staff,
            due_on=timezone.localdate() + timedelta(days=1),
            created_by=staff,
        )
        for case in cases
    )
    funders = Funder.objects.bulk_create(
        Funder(name=f"Funder {n}", kind="foundation", audience="members") for n in range(rows)
    )
    streams = FundingOpportunity.objects.bulk_create(
        FundingOpportunity(
            funder=funder,
            program=f"Program {n}",
            deadline=timezone.localdate() + timedelta(days=10 + n),
            countries=["US"],
            audience="members",
        )
        for n, funder in enumerate(funders)
    )
    through = FundingOpportunity.sectors.through
    through.objects.bulk_create(
        through(fundingopportunity=stream, sector=sector("agriculture")) for stream in streams
    )
    efforts = [
        Effort.objects.create(name=f"Effort {n}", owner=inviter, audience="members")
        for n in range(rows)
    ]
    EffortFollow.objects.bulk_create(EffortFollow(effort=e, user=staff) for e in efforts)
    index = repository_index(site_tree["en"])
    saved = [resource(index, f"Saved toolkit {n}") for n in range(min(rows, 10))]
    SavedResource.objects.bulk_create(SavedResource(user=staff, resource=r) for r in saved)
    # 32 before issue 22: the newest pages are kept per audience (13 queries to find the
    # pages hidden from the reader), the staff count of cases waiting under the queue's
    # generation, the panels read only what they show; the funding deadlines that match
    # the person's organizations take 2 queries, not 3 (the sectors as a subquery)
    response = get_pinned(client, "/portal/", 16, django_assert_num_queries)
    assert len(response.context["invitations"]) == rows
    html = response.content.decode()
    saved_panel = html.split('id="saved-title"')[1].split("</section>")[0]
    assert saved_panel.count("Saved toolkit") == len(saved)
    assert saved[0].url in saved_panel
    assert html.count("/coordination/funding/#funding-") == min(rows, 5)
