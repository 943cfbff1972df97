"""Every channel shows each role exactly the coordination records of its audience: pages,
lists, the map's data, the GeoJSON export, the feed, the calendar (page and iCalendar feeds),
funding; and every record's own URL answers 404 outside its audience."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coordination import services
from coordination.models import Effort, Meeting, Opportunity
from tests.coordination.builders import AUDIENCES, one_of_each, people

pytestmark = pytest.mark.django_db

SEES = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "member": {"public", "members"},
    "owner": {"public", "members"},
    "in_group": {"public", "members", "group"},
    "staff": {"public", "members", "group", "staff"},
}
MARKERS = ("OPP", "EFFORT", "UPDATE", "ITEM", "MEETING", "FUNDING", "HOLD")


def _login(client, p, role):
    if p[role] is not None:
        client.force_login(p[role])


def _calendar_pages(client) -> str:
    today = timezone.localdate()
    months = {today.strftime("%Y-%m"), (today + timedelta(days=10)).strftime("%Y-%m")}
    return "".join(
        client.get(f"/coordination/calendar/?view=list&month={m}").content.decode()
        for m in sorted(months)
    )


def _check(body: str, prefixes, allowed, where):
    for prefix in prefixes:
        for audience in AUDIENCES:
            marker = f"{prefix}-{audience.upper()}"
            assert (marker in body) is (audience in allowed), (where, marker)


@pytest.mark.parametrize("role", list(SEES))
def test_each_channel_shows_each_role_its_audience_only(client, role):
    p = people()
    one_of_each(p)
    _login(client, p, role)
    allowed = SEES[role]
    _check(client.get("/coordination/map/").content.decode(), ["OPP"], allowed, "map")
    _check(client.get("/coordination/efforts/").content.decode(), ["EFFORT"], allowed, "efforts")
    _check(client.get("/coordination/feed/").content.decode(), ["UPDATE"], allowed, "feed")
    _check(_calendar_pages(client), ["ITEM", "MEETING", "HOLD"], allowed, "calendar")
    _check(
        client.get("/coordination/calendar/public.ics").content.decode(),
        ["ITEM", "MEETING", "HOLD", "FUNDING"],
        {"public"},
        "public feed",
    )

    geojson = client.get("/coordination/map.geojson")
    funding = client.get("/coordination/funding/")
    if role == "anonymous":
        assert geojson.status_code == 302 and funding.status_code == 302
    elif role == "outsider":
        assert geojson.status_code == 403 and funding.status_code == 403
    else:
        _check(geojson.content.decode(), ["OPP"], allowed, "geojson")
        _check(funding.content.decode(), ["FUNDING"], allowed, "funding")

    if p[role] is not None:
        token = services.calendar_token_for(p[role]).token
        client.logout()  # the feed URL is the only credential
        feed = client.get(f"/coordination/calendar/feed/{token}.ics").content.decode()
        _check(feed, ["ITEM", "MEETING", "HOLD", "FUNDING"], allowed, "private feed")
        assert ("APPLICATION-STAFF" in feed) is (role == "staff")
        _login(client, p, role)

    pipeline = client.get("/coordination/funding/pipeline/")
    assert pipeline.status_code == {"anonymous": 302, "staff": 200}.get(role, 403)

    for opportunity in Opportunity.objects.all():
        status = client.get(opportunity.get_absolute_url()).status_code
        assert (status == 200) is (opportunity.audience in allowed), opportunity.title
        assert status in (200, 404)
    for effort in Effort.objects.all():
        status = client.get(effort.get_absolute_url()).status_code
        assert (status == 200) is (effort.audience in allowed), effort.name
    for meeting in Meeting.objects.all():
        # readable by anyone in its audience, the public included (issue 20); 404 outside
        response = client.get(meeting.get_absolute_url())
        assert (response.status_code == 200) is (meeting.audience in allowed), meeting.title
        assert response.status_code in (200, 404)


def test_members_only_items_are_absent_from_the_public_site_search_and_sitemap(client):
    p = people()
    one_of_each(p)
    for url in ("/search/?q=MEMBERS", "/sitemap.xml", "/companies/"):
        body = client.get(url).content.decode()
        for prefix in MARKERS:
            for audience in ("members", "group", "staff"):
                assert f"{prefix}-{audience.upper()}" not in body, (url, prefix)
