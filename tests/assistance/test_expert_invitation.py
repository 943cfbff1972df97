"""An invited expert sees a summary of the case (kind of help, sector, countries, language)
until they accept; every other case URL answers 404 to them."""

import pytest
from django.core import mail
from django.urls import reverse

from assistance import services
from tests.members.factories import StaffFactory, UserFactory, org_admin, sector

from .factories import case as make_case
from .factories import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_case():
    requester, organization = org_admin()
    organization.name = "Harbour Workers Union"
    organization.save(update_fields=["name"])
    staff = StaffFactory()
    case = make_case(
        requester=requester,
        organization=organization,
        contact_name="Ana Secret-Name",
        description="Confidential: the buyer threatens the organizers.",
        sector=sector(),
        countries=["GT"],
        uploads=[pdf("organizers.pdf")],
    )
    shared = services.case_post(
        case=case, author=staff, body="Shared timeline words", is_shared=True, upload=pdf()
    )
    expert = UserFactory()
    assignment = services.expert_invite(case=case, actor=staff, expert=expert, reason="fit")
    return {
        "case": case,
        "expert": expert,
        "assignment": assignment,
        "file": shared.file,
        "first_file": case.files.get(original_name="organizers.pdf"),
        "staff": staff,
    }


def test_an_invited_expert_sees_only_a_summary_before_accepting(client, invited_case):
    case = invited_case["case"]
    client.force_login(invited_case["expert"])
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert case.get_kind_display() in content
    assert str(case.sector) in content and "Guatemala" in content
    assert case.get_preferred_language_display() in content
    assert "Accept" in content and "Decline" in content
    for secret in (
        "Harbour Workers Union",
        "Ana Secret-Name",
        "buyer threatens",
        "organizers.pdf",
        "evidence.pdf",
        "Shared timeline words",
        case.requester.display_name,
    ):
        assert secret not in content, secret


def test_an_invited_expert_gets_404_for_files_and_every_other_case_url(client, invited_case):
    case = invited_case["case"]
    ref = case.reference
    client.force_login(invited_case["expert"])
    for file in (invited_case["file"], invited_case["first_file"]):
        assert client.get(reverse("assistance:case-file", args=[ref, file.pk])).status_code == 404
    assert client.get(reverse("assistance:case-history", args=[ref])).status_code == 404
    assert (
        client.post(reverse("assistance:case-post", args=[ref]), {"body": "x"}).status_code == 404
    )
    assert client.post(reverse("assistance:task-add", args=[ref]), {}).status_code == 404
    assert case.timeline.filter(body="x").count() == 0


def test_accepting_opens_the_whole_case(client, invited_case):
    case = invited_case["case"]
    client.force_login(invited_case["expert"])
    url = reverse(
        "assistance:assignment-respond", args=[case.reference, invited_case["assignment"].pk]
    )
    assert client.post(url, {"accept": "1"}).status_code == 302
    content = client.get(case.get_absolute_url()).content.decode()
    assert "buyer threatens" in content and "Harbour Workers Union" in content
    file_url = reverse("assistance:case-file", args=[case.reference, invited_case["file"].pk])
    assert client.get(file_url).status_code == 200


def test_declining_closes_the_case_to_the_expert(client, invited_case):
    case = invited_case["case"]
    client.force_login(invited_case["expert"])
    url = reverse(
        "assistance:assignment-respond", args=[case.reference, invited_case["assignment"].pk]
    )
    assert client.post(url, {"accept": "0"}).status_code == 302
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.post(url, {"accept": "1"}).status_code == 404


def test_someone_else_cannot_answer_an_experts_invitation(client, invited_case):
    case = invited_case["case"]
    client.force_login(UserFactory())
    url = reverse(
        "assistance:assignment-respond", args=[case.reference, invited_case["assignment"].pk]
    )
    assert client.post(url, {"accept": "1"}).status_code == 404
    assert client.get(case.get_absolute_url()).status_code == 404
    invited_case["assignment"].refresh_from_db()
    assert invited_case["assignment"].status == "invited"


def test_the_invitation_email_names_no_one_and_still_reaches_the_expert(invited_case, on_commit):
    staff = invited_case["staff"]
    expert = UserFactory()
    with on_commit():
        services.expert_invite(case=invited_case["case"], actor=staff, expert=expert)
    email = next(m for m in mail.outbox if m.to == [expert.email])
    assert "Harbour Workers Union" not in email.body and "Ana Secret-Name" not in email.body
