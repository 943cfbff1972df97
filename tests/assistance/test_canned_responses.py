"""Canned responses (issue 19): kept in Wagtail as snippets, inserted into the reply box in
the case's language, without JavaScript (a POST that re-renders the page, keeping what was
typed) and with it (static/js/canned.js, no inline script)."""

import re

import pytest
from django.urls import reverse

from assistance.models import CannedResponse
from assistance.services.timeline import canned_fill
from tests.members.factories import StaffFactory, UserFactory

from .factories import case as make_case
from .factories import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting():
    return CannedResponse.objects.create(
        title="Greeting",
        body="Hello {name}, we received {reference}.",
        body_es="Hola {name}, recibimos {reference}.",
    )


def _insert(client, case, response, typed="", **extra):
    return client.post(
        reverse("assistance:case-canned", args=[case.reference]),
        {"body": typed, "canned": response.pk, **extra},
    )


def test_staff_insert_the_spanish_answer_on_a_spanish_case_without_javascript(client, greeting):
    case = make_case(preferred_language="es", contact_name="Rosa Díaz")
    client.force_login(StaffFactory())
    response = _insert(client, case, greeting, typed="Buenos días.", is_shared="on")
    assert response.status_code == 200
    form = response.context["post_form"]
    assert form["body"].value() == f"Buenos días.\n\nHola Rosa Díaz, recibimos {case.reference}."
    assert form["is_shared"].value() is True  # what was ticked is kept too
    html = response.content.decode()
    assert f"Hola Rosa Díaz, recibimos {case.reference}.</textarea>" in html


def test_an_english_case_gets_the_english_text(client, greeting):
    case = make_case(preferred_language="en", contact_name="Ann Lee")
    client.force_login(StaffFactory())
    response = _insert(client, case, greeting)
    assert response.context["post_form"]["body"].value() == (
        f"Hello Ann Lee, we received {case.reference}."
    )


def test_a_missing_spanish_text_falls_back_to_english_with_a_note(client):
    only_english = CannedResponse.objects.create(title="Thanks", body="Thank you, {name}.")
    case = make_case(preferred_language="es", contact_name="Rosa")
    client.force_login(StaffFactory())
    response = _insert(client, case, only_english)
    assert response.context["post_form"]["body"].value() == "Thank you, Rosa."
    notes = [str(m) for m in response.context["messages"]]
    assert any("English text was inserted" in note for note in notes)
    # The picker says so before anyone picks it.
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-fallback="1"' in page


def test_placeholders_are_filled_by_name_only_and_escaped_when_shown(client):
    tricky = CannedResponse.objects.create(
        title="Tricky", body="{name} {0} {reference.__class__} {unknown}"
    )
    assert canned_fill("{name}{{name}}", {"name": "X"}) == "X{X}"
    case = make_case(preferred_language="en", contact_name="<b>Rosa</b>")
    client.force_login(StaffFactory())
    response = _insert(client, case, tricky)
    assert response.context["post_form"]["body"].value() == (
        "<b>Rosa</b> {0} {reference.__class__} {unknown}"
    )
    html = response.content.decode()
    assert "<b>Rosa</b>" not in html
    assert "&lt;b&gt;Rosa&lt;/b&gt;" in html


def test_the_case_page_offers_them_with_a_static_script_and_no_inline_one(client, greeting):
    case = make_case(preferred_language="es", contact_name="Rosa")
    client.force_login(StaffFactory())
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Greeting" in html and f"Hola Rosa, recibimos {case.reference}." in html
    assert "js/canned.js" in html
    # CSP: no inline script (JSON data blocks are not run).
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json))[^>]*>", html)


def test_only_the_working_side_uses_them(client, greeting):
    p = people()
    url = reverse("assistance:case-canned", args=[p["case"].reference])
    data = {"body": "", "canned": greeting.pk}
    client.force_login(p["requester"])
    assert client.post(url, data).status_code == 403
    assert "canned_responses" not in client.get(p["case"].get_absolute_url()).context
    client.force_login(p["stranger"])
    assert client.post(url, data).status_code == 404
    client.logout()
    assert client.post(url, data).status_code == 404
    client.force_login(p["accepted"])  # an expert working on the case
    assert client.post(url, data).status_code == 200


def test_an_inactive_or_unknown_response_inserts_nothing_and_keeps_the_text(client, greeting):
    greeting.is_active = False
    greeting.save()
    case = make_case()
    client.force_login(StaffFactory())
    response = _insert(client, case, greeting, typed="Mine")
    assert response.context["post_form"]["body"].value() == "Mine"


def test_staff_keep_canned_responses_as_wagtail_snippets(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("wagtailsnippets_assistance_cannedresponse:add"),
        {
            "title": "Closing",
            "kind": "",
            "body": "Bye {name}",
            "body_es": "Adiós {name}",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert CannedResponse.objects.get(title="Closing").body_es == "Adiós {name}"
    listing = client.get(reverse("wagtailsnippets_assistance_cannedresponse:list"))
    assert listing.status_code == 200 and "Closing" in listing.content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("wagtailsnippets_assistance_cannedresponse:list")).status_code in (
        302,
        403,
    )
