"""Efforts: the overlap alert on a shared target company, following, updates with asks,
the feed's filters and its "new since my last visit" marker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coordination import services
from coordination.models import Effort, EffortTarget, Update
from notifications.services import preferences_save
from tests.coordination.builders import effort, people
from tests.members.factories import AffiliationFactory
from wsr.companies.models import Company

pytestmark = pytest.mark.django_db


def test_a_second_effort_on_the_same_company_tells_both_owners(on_commit):
    p = people()
    first_owner, second_owner = p["owner"], AffiliationFactory().user
    buyer = Company.objects.create(name="Big Grocer")
    first = effort("members", None, first_owner, name="Grocer campaign A")
    second = effort("members", None, second_owner, name="Grocer campaign B")
    with on_commit():
        services.effort_target_add(effort=first, actor=first_owner, company=buyer)
    assert mail.outbox == []  # nobody else targets it yet
    with on_commit():
        services.effort_target_add(effort=second, actor=second_owner, company=buyer)
    to_first = [m for m in mail.outbox if first_owner.email in m.to]
    to_second = [m for m in mail.outbox if second_owner.email in m.to]
    assert len(to_first) == 1 and len(to_second) == 1
    assert "Grocer campaign B" in to_first[0].body and second_owner.email in to_first[0].body
    assert "Grocer campaign A" in to_second[0].body and first_owner.email in to_second[0].body
    assert "Big Grocer" in to_first[0].subject
    mail.outbox.clear()
    with on_commit():  # adding it again is not news
        services.effort_target_add(effort=second, actor=second_owner, company=buyer)
    assert mail.outbox == []
    assert EffortTarget.objects.filter(company=buyer).count() == 2


def test_only_the_people_running_an_effort_change_its_targets():
    p = people()
    made = effort("members", None, p["owner"])
    with pytest.raises(PermissionDenied):
        services.effort_target_add(
            effort=made, actor=p["member"], company=Company.objects.create(name="X")
        )


def test_followers_hear_of_updates_and_an_ask_with_a_date_enters_the_calendar(client, on_commit):
    p = people()
    made = effort("members", None, p["owner"])
    client.force_login(p["member"])
    client.post(f"{made.get_absolute_url()}follow/", {"follow": "1"})
    # Effort updates wait for the daily digest by default; this follower wants them now.
    preferences_save(user=p["member"], modes={"effort_update": "immediate"})
    client.force_login(p["owner"])
    hold = timezone.localdate() + timedelta(days=4)
    with on_commit():
        response = client.post(
            f"{made.get_absolute_url()}updates/",
            {
                "body": "March on Friday",
                "ask": "date",
                "ask_detail": "Bring a bus",
                "ask_date": hold.isoformat(),
                "links": "https://example.org/plan",
            },
        )
    assert response.status_code == 302
    assert any(p["member"].email in m.to and "March on Friday" in m.body for m in mail.outbox)
    client.force_login(p["member"])
    listing = client.get(f"/coordination/calendar/?view=list&month={hold:%Y-%m}").content.decode()
    assert "Bring a bus" in listing


def test_a_bad_update_keeps_what_was_typed(client):
    p = people()
    made = effort("members", None, p["owner"])
    client.force_login(p["owner"])
    response = client.post(
        f"{made.get_absolute_url()}updates/",
        {"body": "Keep this text", "ask": "date", "links": "not a link"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Keep this text" in html
        and "is not a web address" in html
        and "Give the date to hold" in html
    )
    assert Update.objects.count() == 0


def test_attachments_are_private_and_type_checked(client):
    p = people()
    made = effort("members", None, p["owner"])
    client.force_login(p["owner"])
    bad = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(f"{made.get_absolute_url()}updates/", {"body": "x", "attachment": bad})
    assert response.status_code == 400
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post(f"{made.get_absolute_url()}updates/", {"body": "Plan", "attachment": good})
    update = Update.objects.get()
    assert client.get(f"/coordination/updates/{update.pk}/file/").status_code == 200
    client.logout()
    assert client.get(f"/coordination/updates/{update.pk}/file/").status_code == 302
    client.force_login(p["outsider"])
    assert client.get(f"/coordination/updates/{update.pk}/file/").status_code == 404
    assert client.get(f"/media/{update.attachment.name}").status_code == 404


def test_members_cannot_post_to_a_public_effort_they_do_not_run():
    p = people()
    made = effort("public", None, p["owner"])
    with pytest.raises(PermissionDenied):
        services.update_post(effort=made, author=p["member"], body="Hi")
    with pytest.raises(ValidationError):
        services.update_post(effort=made, author=p["owner"], body="  ")


def test_the_feed_filters_by_sector_and_country_and_marks_what_is_new(client):
    p = people()
    farms = effort(
        "members", None, p["owner"], name="Farms", sectors=["agriculture"], countries=["MX"]
    )
    garments = effort(
        "members", None, p["owner"], name="Garments", sectors=["apparel"], countries=["BD"]
    )
    services.update_post(effort=farms, author=p["owner"], body="FARM-NEWS")
    services.update_post(effort=garments, author=p["owner"], body="GARMENT-NEWS")
    client.force_login(p["member"])
    from tests.members.factories import sector

    html = client.get(f"/coordination/feed/?sector={sector('apparel').pk}").content.decode()
    assert "GARMENT-NEWS" in html and "FARM-NEWS" not in html
    html = client.get("/coordination/feed/?country=MX").content.decode()
    assert "FARM-NEWS" in html and "GARMENT-NEWS" not in html
    first = client.get("/coordination/feed/").content.decode()
    assert ">New<" not in first  # a first visit has no "since"
    services.update_post(effort=farms, author=p["owner"], body="LATER-NEWS")
    later = client.get("/coordination/feed/").content.decode()
    assert later.count(">New<") == 1
    block = later[later.index("LATER-NEWS") - 1500 : later.index("LATER-NEWS")]
    assert ">New<" in block
    assert client.get("/coordination/feed/").content.decode().count(">New<") == 0


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_feed_map_data_and_calendar_run_constant_queries(client):
    p = people()
    client.force_login(p["in_group"])
    month = (timezone.localdate() + timedelta(days=3)).strftime("%Y-%m")
    urls = [
        "/coordination/feed/?page=1",
        "/coordination/map/",
        "/coordination/map.geojson",
        f"/coordination/calendar/?month={month}",
        f"/coordination/calendar/?view=list&month={month}",
        "/coordination/efforts/",
    ]
    from tests.coordination.builders import one_of_each

    one_of_each(p)
    few = [_count(client, url) for url in urls]
    for _ in range(4):
        one_of_each(p)
    # pinned (issue 18); the feed's +1 is the number of comments of its updates (issue 20),
    # its +2 the viewer's organizations and the asking efforts' leads, for "I can help";
    # the feed 12 -> 11 in issue 22: the sector filter's options are kept per language
    # and -4/-4/-1/-4/-4/-4 in issue 22: permissions, membership and bell kept per person
    assert few == [_count(client, url) for url in urls] == [7, 4, 3, 10, 10, 5]


def test_a_member_starts_an_effort_and_adds_a_target_through_the_pages(client, on_commit):
    p = people()
    organization = p["member"].affiliations.get().organization
    client.force_login(p["member"])
    assert client.get("/coordination/efforts/new/").status_code == 200
    response = client.post(
        "/coordination/efforts/new/",
        {
            "name": "Berry campaign",
            "kind": "campaign",
            "lead_organizations": [organization.pk],
            "countries": ["MX"],
            "audience": "members",
        },
    )
    made = Effort.objects.get(name="Berry campaign")
    assert response["Location"] == made.get_absolute_url()
    assert made.owner == p["member"] and list(made.lead_organizations.all()) == [organization]
    buyer = Company.objects.create(name="Berry Buyer")
    other = effort("members", None, p["owner"], name="Other berry campaign")
    other.targets.create(company=buyer)
    with on_commit():
        client.post(f"{made.get_absolute_url()}targets/", {"company": buyer.pk})
    assert made.targets.filter(company=buyer).exists()
    assert any(p["owner"].email in m.to for m in mail.outbox)
    client.force_login(p["outsider"])  # not a member: cannot start one
    assert client.get("/coordination/efforts/new/").status_code == 403
    client.force_login(p["in_group"])  # a member who does not run it: cannot add targets
    assert (
        client.post(f"{made.get_absolute_url()}targets/", {"company": buyer.pk}).status_code == 403
    )


def test_an_effort_is_led_only_by_the_starters_organizations_and_never_staff_only():
    p = people()
    foreign = AffiliationFactory().organization
    with pytest.raises(PermissionDenied):
        services.effort_create(
            actor=p["member"],
            data={"name": "X", "audience": "members"},
            lead_organizations=[foreign],
        )
    mine = p["member"].affiliations.get().organization
    with pytest.raises(PermissionDenied):
        services.effort_create(
            actor=p["member"], data={"name": "X", "audience": "staff"}, lead_organizations=[mine]
        )


def test_the_update_form_is_offered_exactly_to_those_who_may_post(client):
    p = people()
    public = effort("public", None, p["owner"], name="Public campaign")
    members = effort("members", None, p["owner"], name="Members campaign")
    client.force_login(p["member"])
    assert "Post the update" not in client.get(public.get_absolute_url()).content.decode()
    assert "Post the update" in client.get(members.get_absolute_url()).content.decode()
    assert client.post(f"{public.get_absolute_url()}updates/", {"body": "Hi"}).status_code == 403
    client.force_login(p["owner"])
    assert "Post the update" in client.get(public.get_absolute_url()).content.decode()
    client.logout()
    assert "Post the update" not in client.get(public.get_absolute_url()).content.decode()
