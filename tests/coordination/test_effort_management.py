"""Managing one's own work (issue 20): the people running an effort edit it, change its
status, close and reopen it, remove targets, name partners and hand it over; authors edit
and delete their own updates and messages; the overlap alert never tells a person to talk
to themselves, and the effort page shows the overlap."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coordination import services
from coordination.models import (
    EffortTarget,
    GroupMembership,
    Post,
    Thread,
    Update,
    WorkingGroup,
)
from coordination.permissions import can_edit_effort
from notifications.models import Notification
from tests.coordination.builders import effort, people
from tests.members.factories import (
    AffiliationFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """An effort led by an organization: its owner and a colleague there, a member of
    another organization, an account of no member organization, and staff."""
    owner_affiliation = AffiliationFactory()
    organization = owner_affiliation.organization
    made = effort("members", None, owner_affiliation.user, organization=organization)
    return {
        "effort": made,
        "organization": organization,
        "owner": owner_affiliation.user,
        "colleague": AffiliationFactory(organization=organization).user,
        "member": AffiliationFactory().user,
        "outsider": UserFactory(),
        "staff": StaffFactory(),
    }


def _url(made, suffix=""):
    return f"{made.get_absolute_url()}{suffix}"


# Efforts -----------------------------------------------------------------------------------


def test_the_owner_edits_the_effort_and_its_history_keeps_the_change(client, team):
    made = team["effort"]
    client.force_login(team["owner"])
    page = client.get(_url(made, "edit/"))
    assert page.status_code == 200 and made.name in page.content.decode()
    response = client.post(
        _url(made, "edit/"),
        {
            "name": "Fair berries",
            "kind": "program",
            "summary": "Wages and heat rules",
            "countries": ["MX", "US"],
            "audience": "public",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.name, made.kind, made.audience) == ("Fair berries", "program", "public")
    assert [c.code for c in made.countries] == ["MX", "US"]
    assert list(made.sectors.all()) == []
    latest = made.history.first()
    assert latest.name == "Fair berries" and latest.history_user == team["owner"]
    assert made.lead_organizations.get() == team["organization"]  # not changed here


def test_a_bad_edit_answers_400_and_keeps_the_text(client, team):
    made = team["effort"]
    client.force_login(team["owner"])
    response = client.post(
        _url(made, "edit/"), {"name": "", "kind": "campaign", "summary": "Keep me", "audience": "x"}
    )
    assert response.status_code == 400
    assert "Keep me" in response.content.decode()


@pytest.mark.parametrize(
    "suffix,data",
    [
        ("edit/", None),
        ("edit/", {"name": "Taken", "kind": "campaign", "audience": "members"}),
        ("status/", {"status-status": "won"}),
        ("partners/", {"partner-organization": "1"}),
        ("owner/", {"owner-owner": "1"}),
        ("targets/1/remove/", {}),
    ],
)
def test_others_are_refused_403_inside_the_audience_and_404_outside(client, team, suffix, data):
    made = team["effort"]
    url = _url(made, suffix)
    for person, expected in ((team["member"], 403), (team["outsider"], 404)):
        client.force_login(person)
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code == expected, (person, suffix)
    made.refresh_from_db()
    assert made.name != "Taken" and made.status == "active"


def test_a_colleague_in_a_lead_organization_manages_it_too(client, team):
    client.force_login(team["colleague"])
    response = client.post(_url(team["effort"], "status/"), {"status-status": "paused"})
    assert response.status_code == 302
    team["effort"].refresh_from_db()
    assert team["effort"].status == "paused"


def test_only_staff_keep_an_effort_to_staff(client, team):
    made = team["effort"]
    client.force_login(team["owner"])
    response = client.post(
        _url(made, "edit/"), {"name": made.name, "kind": "campaign", "audience": "staff"}
    )
    assert response.status_code == 400
    with pytest.raises(PermissionDenied):
        services.effort_edit(effort=made, actor=team["owner"], data={"audience": "staff"})
    made.refresh_from_db()
    assert made.audience == "members"
    client.force_login(team["staff"])
    response = client.post(
        _url(made, "edit/"), {"name": made.name, "kind": "campaign", "audience": "staff"}
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.audience == "staff"


def test_the_owner_closes_and_reopens_the_effort(client, team):
    made = team["effort"]
    client.force_login(team["owner"])
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Change the status" in page and team["owner"].display_name in page
    assert "Close it: won" not in page  # one way to change the status: its form
    client.post(_url(made, "status/"), {"status-status": "won"})
    made.refresh_from_db()
    assert made.status == "won"
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Now: Won" in page
    client.post(_url(made, "status/"), {"status-status": "active"})
    made.refresh_from_db()
    assert made.status == "active"
    assert [h.status for h in made.history.all()[:2]] == ["active", "won"]
    assert client.post(_url(made, "status/"), {"status-status": "nonsense"}).status_code == 400
    with pytest.raises(ValidationError):
        services.effort_status_set(effort=made, actor=team["owner"], status="nonsense")


def test_the_owner_removes_a_target(client, team):
    made = team["effort"]
    keep, drop = Company.objects.create(name="Keep Co"), Company.objects.create(name="Drop Co")
    for company in (keep, drop):
        services.effort_target_add(effort=made, actor=team["owner"], company=company)
    client.force_login(team["owner"])
    assert "Remove Drop Co" in client.get(made.get_absolute_url()).content.decode()
    response = client.post(_url(made, f"targets/{drop.pk}/remove/"))
    assert response.status_code == 302
    assert list(
        EffortTarget.objects.filter(effort=made).values_list("company__name", flat=True)
    ) == ["Keep Co"]
    assert made.history.first().history_change_reason == "Target removed: Drop Co"
    assert client.post(_url(made, f"targets/{drop.pk}/remove/")).status_code == 404


def test_the_owner_adds_and_removes_partner_organizations(client, team):
    made = team["effort"]
    partner = OrganizationFactory(name="Not yet a member", membership_status="active")
    client.force_login(team["owner"])
    assert (
        client.post(_url(made, "partners/"), {"partner-organization": partner.pk}).status_code
        == 302
    )
    assert list(made.partners.all()) == [partner]
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Not yet a member" in page
    lead = team["organization"]
    response = client.post(_url(made, "partners/"), {"partner-organization": lead.pk})
    assert response.status_code == 400  # a lead organization is not offered as a partner
    with pytest.raises(ValidationError):
        services.effort_partner_add(effort=made, actor=team["owner"], organization=lead)
    assert client.post(_url(made, f"partners/{partner.pk}/remove/")).status_code == 302
    assert list(made.partners.all()) == []
    assert made.history.first().history_change_reason == "Partner removed: Not yet a member"


def test_hand_over_only_to_a_member_of_a_lead_organization_who_is_told(client, team, on_commit):
    made = team["effort"]
    client.force_login(team["owner"])
    response = client.post(_url(made, "owner/"), {"owner-owner": team["member"].pk})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.effort_owner_change(effort=made, actor=team["owner"], new_owner=team["member"])
    made.refresh_from_db()
    assert made.owner == team["owner"]
    with on_commit():
        response = client.post(_url(made, "owner/"), {"owner-owner": team["colleague"].pk})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.owner == team["colleague"]
    assert Notification.objects.filter(
        recipient=team["colleague"], kind="effort_ownership"
    ).exists()
    told = [m for m in mail.outbox if team["colleague"].email in m.to]
    assert len(told) == 1 and made.name in told[0].subject
    # still in the lead organization: the former owner keeps the right to change it
    assert can_edit_effort(team["owner"], made)


def test_a_former_owner_outside_the_lead_organizations_loses_the_right(team):
    stranger_owner = AffiliationFactory().user  # owns it, not in the lead organization
    made = effort("members", None, stranger_owner, organization=team["organization"])
    services.effort_owner_change(effort=made, actor=stranger_owner, new_owner=team["colleague"])
    made.refresh_from_db()
    assert made.owner == team["colleague"]
    assert not can_edit_effort(stranger_owner, made)


# Updates -----------------------------------------------------------------------------------


def test_the_author_edits_an_update_and_readers_see_edited(client, team):
    made = team["effort"]
    update = services.update_post(effort=made, author=team["member"], body="First words")
    client.force_login(team["member"])
    assert client.get(f"/coordination/updates/{update.pk}/edit/").status_code == 200
    response = client.post(f"/coordination/updates/{update.pk}/edit/", {"body": "Better words"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.body == "Better words" and update.edited_at is not None
    client.force_login(team["colleague"])
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Better words" in page and ">edited<" in page
    assert f"/coordination/updates/{update.pk}/edit/" not in page
    # others: refused; staff moderate by deleting, not by rewriting
    assert client.post(f"/coordination/updates/{update.pk}/edit/", {"body": "x"}).status_code == 403
    client.force_login(team["staff"])
    assert client.post(f"/coordination/updates/{update.pk}/edit/", {"body": "x"}).status_code == 403
    client.force_login(team["outsider"])
    assert client.post(f"/coordination/updates/{update.pk}/edit/", {"body": "x"}).status_code == 404
    update.refresh_from_db()
    assert update.body == "Better words"


def test_a_bad_update_edit_keeps_the_text(client, team):
    update = services.update_post(effort=team["effort"], author=team["owner"], body="Hello")
    client.force_login(team["owner"])
    response = client.post(
        f"/coordination/updates/{update.pk}/edit/", {"body": "Kept text", "ask": "date"}
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()


def test_deleting_an_update_removes_its_file(client, team, django_capture_on_commit_callbacks):
    made = team["effort"]
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    update = services.update_post(effort=made, author=team["owner"], body="Plan", upload=upload)
    path = Path(update.attachment.path)
    assert path.exists()
    client.force_login(team["colleague"])  # not the author
    assert client.post(f"/coordination/updates/{update.pk}/delete/").status_code == 403
    client.force_login(team["owner"])
    assert client.get(f"/coordination/updates/{update.pk}/delete/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/coordination/updates/{update.pk}/delete/")
    assert response.status_code == 302
    assert not Update.objects.filter(pk=update.pk).exists()
    assert not path.exists()


def test_staff_delete_any_update(client, team):
    update = services.update_post(effort=team["effort"], author=team["owner"], body="Spam?")
    client.force_login(team["staff"])
    assert client.post(f"/coordination/updates/{update.pk}/delete/").status_code == 302
    assert not Update.objects.exists()


# Messages in threads -----------------------------------------------------------------------


@pytest.fixture
def thread_setup():
    group = WorkingGroup.objects.create(name="Dairy", is_open=True)
    author, other = AffiliationFactory().user, AffiliationFactory().user
    for person in (author, other):
        GroupMembership.objects.create(group=group, user=person)
    thread = services.thread_create(group=group, author=author, title="Plan", body="Opening")
    return {"group": group, "author": author, "other": other, "thread": thread}


def test_the_author_edits_a_message_rerendered_and_marked_edited(client, thread_setup):
    thread, author = thread_setup["thread"], thread_setup["author"]
    post = thread.posts.get()
    client.force_login(author)
    response = client.post(
        f"/coordination/posts/{post.pk}/edit/", {"body": "**Now** <script>x()</script>"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert "<strong>Now</strong>" in post.body_html and "<script" not in post.body_html
    client.force_login(thread_setup["other"])
    page = client.get(thread.get_absolute_url()).content.decode()
    assert ">edited<" in page and f"/coordination/posts/{post.pk}/edit/" not in page
    assert client.post(f"/coordination/posts/{post.pk}/edit/", {"body": "x"}).status_code == 403
    assert client.post(f"/coordination/posts/{post.pk}/delete/").status_code == 403
    client.force_login(AffiliationFactory().user)  # a member outside the group
    assert client.post(f"/coordination/posts/{post.pk}/edit/", {"body": "x"}).status_code == 404
    client.force_login(author)
    assert client.post(f"/coordination/posts/{post.pk}/edit/", {"body": " "}).status_code == 400


def test_deleting_messages(client, thread_setup):
    thread, author, other = thread_setup["thread"], thread_setup["author"], thread_setup["other"]
    first = thread.posts.get()
    reply = services.post_create(thread=thread, author=other, body="A reply")
    mine = services.post_create(thread=thread, author=author, body="Second thoughts")
    client.force_login(author)
    assert client.post(f"/coordination/posts/{mine.pk}/delete/").status_code == 302
    assert not Post.objects.filter(pk=mine.pk).exists()
    # the first message, with a reply after it, reads "Message deleted"
    assert client.post(f"/coordination/posts/{first.pk}/delete/").status_code == 302
    first.refresh_from_db()
    assert first.deleted_at is not None and first.body == "" and first.body_html == ""
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Message deleted" in page and "Opening" not in page and "A reply" in page
    assert client.post(f"/coordination/posts/{first.pk}/edit/", {"body": "x"}).status_code == 403
    # staff moderate; a thread's only message goes with its thread
    client.force_login(StaffFactory())
    assert client.post(f"/coordination/posts/{reply.pk}/delete/").status_code == 302
    lone = services.thread_create(
        group=thread_setup["group"], author=author, title="Lone", body="Only"
    )
    client.force_login(author)
    response = client.post(f"/coordination/posts/{lone.posts.get().pk}/delete/")
    assert response.status_code == 302
    assert not Thread.objects.filter(pk=lone.pk).exists()


# Overlaps ----------------------------------------------------------------------------------


def test_two_efforts_of_one_owner_do_not_tell_them_to_talk_to_themselves(team, on_commit):
    owner, buyer = team["owner"], Company.objects.create(name="Big Grocer")
    second = effort(
        "members", None, owner, name="Grocer program", organization=team["organization"]
    )
    with on_commit():
        services.effort_target_add(effort=team["effort"], actor=owner, company=buyer)
        services.effort_target_add(effort=second, actor=owner, company=buyer)
    told = [m for m in mail.outbox if owner.email in m.to]
    assert len(told) == 1
    assert "Two of your efforts" in told[0].subject
    assert "talk to each other" not in told[0].body and owner.email not in told[0].body


def test_a_colleague_in_the_same_lead_organization_gets_its_own_wording(team, on_commit):
    buyer = Company.objects.create(name="Big Grocer")
    colleague = team["colleague"]
    theirs = effort(
        "members", None, colleague, name="Colleague's", organization=team["organization"]
    )
    with on_commit():
        services.effort_target_add(effort=theirs, actor=colleague, company=buyer)
        services.effort_target_add(effort=team["effort"], actor=team["owner"], company=buyer)
    to_owner = [m for m in mail.outbox if team["owner"].email in m.to]
    assert len(to_owner) == 1
    assert team["organization"].name in to_owner[0].body and "Colleague's" in to_owner[0].body


def test_the_effort_page_shows_the_overlap(client, team):
    buyer = Company.objects.create(name="Walmart")
    other_owner = AffiliationFactory().user
    seen = effort("members", None, other_owner, name="Seen campaign")
    p = people()
    hidden = effort("group", p["group"], p["in_group"], name="Hidden campaign")
    for made, actor in ((team["effort"], team["owner"]), (seen, other_owner), (hidden, p["staff"])):
        services.effort_target_add(effort=made, actor=actor, company=buyer)
    client.force_login(team["owner"])
    page = client.get(team["effort"].get_absolute_url()).content.decode()
    assert "Seen campaign" in page and seen.get_absolute_url() in page
    assert "Hidden campaign" not in page
    assert "Another effort that you cannot see also targets this company" in page
    client.force_login(team["member"])  # may see it, does not run it: no hint of hidden ones
    page = client.get(team["effort"].get_absolute_url()).content.decode()
    assert "Seen campaign" in page and "Another effort that you cannot see" not in page


def _targets(made, actor, count, others_each):
    for n in range(count):
        company = Company.objects.create(name=f"Buyer {made.pk}-{n}")
        services.effort_target_add(effort=made, actor=actor, company=company)
        for k in range(others_each):
            other = effort("members", None, actor, name=f"Other {made.pk}-{n}-{k}")
            services.effort_target_add(effort=other, actor=actor, company=company)
        update = services.update_post(effort=made, author=actor, body=f"Update {n}")
        assert update.pk


@pytest.mark.parametrize("count,others_each", [(1, 1), (4, 3)])
def test_the_effort_page_runs_constant_queries(
    client, team, count, others_each, django_assert_num_queries
):
    made = team["effort"]
    _targets(made, team["owner"], count, others_each)
    made.partners.add(OrganizationFactory())
    client.force_login(team["owner"])
    client.get(made.get_absolute_url())
    with django_assert_num_queries(EFFORT_PAGE_QUERIES):
        assert client.get(made.get_absolute_url()).status_code == 200


# the same with 1 target and 1 overlap as with 4 and 12 (pinned; +1: help offers)
EFFORT_PAGE_QUERIES = 17  # 21 before issue 22: permissions, membership and bell are kept per person


def test_an_effort_is_kept_to_a_working_group_its_editor_belongs_to(team):
    made, owner = team["effort"], team["owner"]
    theirs = WorkingGroup.objects.create(name="Not mine", is_open=False)
    with pytest.raises(PermissionDenied):
        services.effort_edit(
            effort=made, actor=owner, data={"audience": "group", "working_group": theirs}
        )
    mine = WorkingGroup.objects.create(name="Mine", is_open=False)
    GroupMembership.objects.create(group=mine, user=owner)
    services.effort_edit(
        effort=made, actor=owner, data={"audience": "group", "working_group": mine}
    )
    made.refresh_from_db()
    assert (made.audience, made.working_group) == ("group", mine)
    # the members' audience again: the group is dropped
    services.effort_edit(effort=made, actor=owner, data={"audience": "members"})
    made.refresh_from_db()
    assert (made.audience, made.working_group) == ("members", None)
