"""Spanish gaps on the /es/ pages of issue 19 found in review: the figures upload's help
text, sectors on the reports page, the reports CSVs' headers, the canned-response fallback
note, the label of a message made internal, a reserved complaint code in the admin."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assistance import services
from assistance.models import CannedResponse, ComplaintCategory, TimelineEntry
from assistance.services.timeline import timeline_entry_unshare
from tests.assistance.registry import cast
from tests.members.factories import StaffFactory
from wsr.members.models import Sector

from .factories import case as make_case
from .factories import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(monkeypatch):
    """Adds Spanish for msgids the catalog does not have yet (the lead updates the .po
    files): {msgid or "context\\x04msgid": msgstr}."""

    def add(entries: dict):
        with translation.override("es"):
            catalog = translation.trans_real.translation("es")._catalog._catalogs[0]
        for key, value in entries.items():
            monkeypatch.setitem(catalog, key, value)

    return add


def test_the_figures_upload_help_is_in_the_readers_language(client):
    people_ = cast()
    client.force_login(people_["lead"])
    html = client.get(f"/es/initiatives/{people_['initiative'].slug}/figures/").content.decode()
    assert "Una fila por período, con estas columnas: period_start" in html
    assert "One row per period" not in html


def test_the_reports_page_names_sectors_in_spanish(client):
    make_case(sector=Sector.objects.get(slug="dairy"))
    client.force_login(StaffFactory())
    response = client.get("/es/assistance/reports/")
    labels = [row["label"] for row in response.context["by_sector"]]
    assert labels == ["Lechería"]
    assert [row["label"] for row in client.get("/assistance/reports/").context["by_sector"]] == [
        "Dairy"
    ]


def test_the_reports_csv_headers_are_in_the_readers_language(client, spanish):
    spanish(
        {
            "CSV column\x04table": "tabla",
            "CSV column\x04label": "etiqueta",
            "CSV column\x04met on time": "cumplidos a tiempo",
            "CSV column\x04cases": "casos",
        }
    )
    client.force_login(StaffFactory())
    compliance = client.get("/es/assistance/reports.csv?table=compliance")
    header = next(csv.reader(io.StringIO(compliance.content.decode("utf-8-sig"))))
    assert header[:3] == ["tabla", "etiqueta", "cumplidos a tiempo"]
    overall = client.get("/es/assistance/reports.csv")
    header = next(csv.reader(io.StringIO(overall.content.decode("utf-8-sig"))))
    assert header[:3] == ["tabla", "etiqueta", "casos"]


def test_the_canned_fallback_note_writes_the_language_in_lowercase_in_spanish(client):
    only_english = CannedResponse.objects.create(title="Thanks", body="Thank you, {name}.")
    case = make_case(preferred_language="es", contact_name="Rosa")
    client.force_login(StaffFactory())
    response = client.post(
        f"/es{reverse('assistance:case-canned', args=[case.reference]).removeprefix('/es')}",
        {"body": "", "canned": only_english.pk},
    )
    notes = [str(m) for m in response.context["messages"]]
    assert any("texto en español" in note for note in notes), notes
    assert "texto en español: se insertó" in response.content.decode()  # the picker's note
    english = client.post(
        reverse("assistance:case-canned", args=[case.reference]).removeprefix("/es"),
        {"body": "", "canned": only_english.pk},
    )
    assert any("no text in Spanish" in str(m) for m in english.context["messages"])


def test_a_message_made_internal_no_longer_reads_as_a_message_to_the_requester(client):
    p = people()
    entry = services.case_post(case=p["case"], author=p["staff"], body="Plan", is_shared=True)
    assert entry.get_kind_display() == "Message to the requester"
    timeline_entry_unshare(entry=entry, actor=p["staff"])
    entry = TimelineEntry.objects.get(pk=entry.pk)
    assert entry.get_kind_display() == "Internal note (was a message to the requester)"
    client.force_login(p["staff"])
    html = client.get(p["case"].get_absolute_url()).content.decode()
    assert "Internal note (was a message to the requester)" in html
    assert "Message to the requester ·" not in html


def test_a_reserved_complaint_code_gets_a_clear_message_on_its_field(client):
    category = ComplaintCategory(kind="category", code="received", name_en="Received")
    with pytest.raises(ValidationError) as refused:
        category.full_clean()
    assert list(refused.value.message_dict) == ["code"]
    assert "are taken" in refused.value.message_dict["code"][0]
    client.force_login(StaffFactory())
    response = client.post(
        "/cms/assistance_complaint_categories/new/",
        {"kind": "category", "code": "resolved", "name_en": "Resolved", "sort_order": 0},
    )
    html = response.content.decode()
    assert "complaint_code_not_reserved" not in html
    assert "are taken" in html


def test_the_bulk_status_result_names_the_status_as_its_select_does(client):
    import re

    first = make_case()
    staff = StaffFactory()
    services.case_transition(case=first, actor=staff, to_status="triage")
    client.force_login(staff)
    page = client.get("/es/assistance/queue/").content.decode()
    select = re.search(r'<select[^>]*name="to_status"[^>]*>(.*?)</select>', page, re.S).group(1)
    label = re.search(r'<option value="triage"[^>]*>([^<]*)</option>', select).group(1)
    response = client.post(
        "/es/assistance/queue/bulk/",
        {"case": [first.reference], "action": "status", "to_status": "triage"},
        follow=True,
    )
    shown = " ".join(str(m) for m in response.context["messages"])
    assert f"“{label}”" in shown, (label, shown)
