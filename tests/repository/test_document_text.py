import pytest

from repository.demo import make_pdf
from repository.models import DocumentText, ResourcePage

from .factories import document, resource

pytestmark = pytest.mark.django_db


def test_pdf_text_is_extracted_on_upload_and_found_by_search(index, on_commit, viewers):
    from repository.search import SearchParams, search_resources

    with on_commit():
        pdf = document(
            title="Audit report", content=make_pdf(["Quarterly grievance ledger"]), name="audit.pdf"
        )
    assert "grievance ledger" in DocumentText.objects.get(document=pdf).text
    page = resource(index, "Annual report", attachments=[pdf])
    assert "grievance ledger" in ResourcePage.objects.get(pk=page.pk).search_document

    class Query(dict):
        def getlist(self, key):
            return []

    found = search_resources(
        user=viewers["public"], params=SearchParams.from_query(Query(q="grievance"))
    )
    assert [r.title for r in found.results] == ["Annual report"]


def test_a_broken_pdf_is_recorded_not_fatal(index, on_commit):
    with on_commit():
        broken = document(title="Broken", content=b"%PDF-1.4 not really", name="broken.pdf")
    record = DocumentText.objects.get(document=broken)
    assert record.text == "" and record.error


def test_demo_repository_has_forty_resources_in_two_languages(site_tree):
    from repository import demo

    result = demo.seed(home_pages=site_tree)
    assert result["created"] >= 40
    assert ResourcePage.objects.filter(locale__language_code="es").count() >= 10
    assert set(ResourcePage.objects.values_list("audience", flat=True)) == {
        "public",
        "members",
        "staff",
    }
    assert demo.seed(home_pages=site_tree)["created"] == 0  # idempotent
