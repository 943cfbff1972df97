from django.core.files.uploadedfile import SimpleUploadedFile

from assistance import services
from tests.members.factories import AffiliationFactory, StaffFactory, UserFactory, org_admin

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="evidence.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def request_data(**overrides):
    data = {
        "contact_name": "Rosa Díaz",
        "contact_email": "rosa@example.org",
        "kind": "complaints",
        "sector": None,
        "countries": ["US"],
        "description": "Workers need a complaint line they trust.",
        "urgency": "normal",
        "preferred_language": "es",
        "consent_to_share": True,
    }
    data.update(overrides)
    return data


def case(*, requester=None, organization=None, uploads=(), **overrides):
    """A case submitted through the service by an organization's admin."""
    if requester is None:
        requester, organization = org_admin()
    elif organization is None:
        organization = AffiliationFactory(user=requester).organization
    return services.request_submit(
        user=requester, data=request_data(organization=organization, **overrides), uploads=uploads
    )


def people():
    """Everyone the visibility rules care about, around one case."""
    requester, organization = org_admin()
    co_admin = AffiliationFactory(organization=organization, role="admin").user
    colleague = AffiliationFactory(organization=organization, role="member").user
    other_admin, _other = org_admin()
    staff = StaffFactory()
    the_case = case(requester=requester, organization=organization)
    invited, accepted, declined = UserFactory(), UserFactory(), UserFactory()
    for expert in (invited, accepted, declined):
        services.expert_invite(case=the_case, actor=staff, expert=expert)
    services.assignment_respond(
        assignment=the_case.assignments.get(expert=accepted), expert=accepted, accept=True
    )
    services.assignment_respond(
        assignment=the_case.assignments.get(expert=declined), expert=declined, accept=False
    )
    return {
        "case": the_case,
        "requester": requester,
        "co_admin": co_admin,
        "colleague": colleague,
        "other_admin": other_admin,
        "stranger": UserFactory(),
        "staff": staff,
        "invited": invited,
        "accepted": accepted,
        "declined": declined,
    }
