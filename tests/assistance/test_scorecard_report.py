"""The printable scorecard report (issue 19): a page with print styles and the same template as
a PDF made by WeasyPrint; the scorecard's own visibility rule, no confidential evidence, a
fetcher that reads the site's static files and nothing else."""

import io
import socket
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from assistance import printing, services
from tests.assistance.registry import assessment_at, cast

pytestmark = pytest.mark.django_db

RECOMMENDATION = "Publish the complaint log every quarter."
RESPONSE = "Our workers elect the committee every year."


def _published(people):
    """A published assessment with a recommendation on the first criterion and the
    initiative's response on it, beside the usual evidence (confidential and public)."""
    staff, expert, lead = people["staff"], people["expert"], people["lead"]
    assessment = assessment_at("draft", people)
    first = assessment.version.criteria.order_by("sort_order").first()
    services.score_record(
        assessment=assessment,
        actor=expert,
        criterion=first,
        score=3,
        rationale="Workers run the program.",
        recommendation=RECOMMENDATION,
    )
    assessment = services.assessment_submit(assessment=assessment, actor=expert)
    assessment = services.assessment_sign_off(assessment=assessment, actor=staff)
    services.criterion_response_save(
        assessment=assessment, actor=lead, criterion=first, text=RESPONSE
    )
    services.reply_submit(assessment=assessment, actor=lead, text="Our overall reply.")
    assessment = services.assessment_approve(assessment=assessment, actor=staff)
    return services.assessment_publish(assessment=assessment, actor=staff)


def _report(assessment) -> str:
    return f"{assessment.get_scorecard_url()}report/"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_is_a_real_pdf_with_the_scorecard_in_english_and_spanish(client):
    people = cast()
    assessment = _published(people)
    response = client.get(f"{_report(assessment)[:-1]}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"wsr-scorecard-{assessment.initiative.slug}-" in disposition
    assert disposition.endswith('-en.pdf"')
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Harvest Rights Program" in text
    assert "Worker-driven" in text
    assert RECOMMENDATION in text
    assert RESPONSE in text
    assert "Our overall reply." in text
    assert "Public agreement text" in text
    assert "SECRET" not in text
    assert "1 / " in text  # the page numbers of print.css: the stylesheet was read from disk

    spanish = client.get(f"/es{_report(assessment)[:-1]}.pdf")
    assert spanish.status_code == 200
    assert spanish["Content-Disposition"].endswith('-es.pdf"')
    text = _pdf_text(spanish.content)
    for heading in ("Justificación", "La réplica de la iniciativa", "Dictamen"):
        assert heading in text
    assert "Impulsado por trabajadores" in text


def test_the_report_page_has_print_styles_and_no_confidential_evidence(client):
    people = cast()
    assessment = _published(people)
    response = client.get(_report(assessment))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "css/print.css" in html
    assert RECOMMENDATION in html and RESPONSE in html
    assert "Public agreement text" in html
    assert "SECRET" not in html
    # Links are absolute: the printed page shows where they lead.
    assert f'href="http://testserver{assessment.initiative.get_absolute_url()}"' in html
    css = (Path(settings.BASE_DIR) / "static/css/print.css").read_text()
    assert "@media print" in css and "@page" in css and "break-before: page" in css
    scorecard = client.get(assessment.get_scorecard_url()).content.decode()
    assert _report(assessment) in scorecard and "report.pdf" in scorecard


@pytest.mark.parametrize("stage", ["draft", "reply", "approved"])
def test_an_unpublished_assessment_has_no_report(client, stage):
    people = cast()
    assessment = assessment_at(stage, people, evidence=False)
    url = f"/initiatives/{assessment.initiative.slug}/scorecards/{assessment.pk}/report"
    assert client.get(f"{url}/").status_code == 404
    assert client.get(f"{url}.pdf").status_code == 404
    client.force_login(people["lead"])  # sees the reply stage in the workbench, not here
    assert client.get(f"{url}/").status_code == 404
    assert client.get(f"{url}.pdf").status_code == 404


def test_the_pdf_is_made_once_for_the_same_report(client, monkeypatch):
    people = cast()
    assessment = _published(people)
    made = []
    real = printing.render_pdf
    monkeypatch.setattr(printing, "render_pdf", lambda *a, **k: made.append(1) or real(*a, **k))
    first = client.get(f"{_report(assessment)[:-1]}.pdf")
    second = client.get(f"{_report(assessment)[:-1]}.pdf")
    assert first.content == second.content
    assert len(made) == 1


def test_new_pdfs_are_limited_per_address_and_cached_ones_are_not(client, settings):
    settings.ASSISTANCE_REPORT_PDFS_PER_HOUR = 1
    people = cast()
    assessment = assessment_at("published", people, evidence=False)
    page = _report(assessment)
    url = f"{page[:-1]}.pdf"
    assert client.get(url).status_code == 200
    limited = client.get(f"/es{url}")  # a new PDF (in Spanish): over the limit
    assert limited.status_code == 429
    assert f"/es{page}" in limited.content.decode()  # the printable page instead
    assert client.get(url).status_code == 200  # the one already made is still served


BASE = "http://testserver/"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/static/css/site.css",
        "https://testserver/static/css/site.css",
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/static/css/site.css",
        "data:text/css,body{color:red}",
        "http://testserver/media/logo.png",
        "http://testserver/static/../wsr/settings.py",
        "http://testserver/static/%2e%2e/static/css/site.css",
        "http://testserver/static/css/../../static/css/site.css",
        "http://testserver/static/css/./site.css",
        "http://testserver/static/js/tables.js",
        "http://testserver/static/css/site.css?x=1",
        "http://testserver/static//etc/passwd",
        "http://testserver/static/css/missing.css",
    ],
)
def test_the_fetcher_refuses_anything_but_the_sites_static_files(url):
    fetcher = printing.static_files_fetcher(BASE)
    with pytest.raises(ValueError):
        fetcher(url)


def test_the_fetcher_serves_a_static_stylesheet_from_disk():
    fetcher = printing.static_files_fetcher(BASE)
    response = fetcher("http://testserver/static/css/print.css")
    assert response.content_type == "text/css"
    assert b"@media print" in response.read()


def test_rendering_never_opens_a_connection_or_a_file_outside_static(monkeypatch):
    opened = []

    def record(*args, **kwargs):
        opened.append(args)
        raise OSError("not here")

    # Everything WeasyPrint's own fetcher would do goes through these two.
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    monkeypatch.setattr(socket, "create_connection", record)
    html = (
        '<html><head><link rel="stylesheet" href="http://example.com/evil.css">'
        '<link rel="stylesheet" href="/static/css/print.css"></head>'
        '<body><img src="https://example.com/pixel.png" alt="">'
        '<img src="file:///etc/hostname" alt=""><p>Hello</p></body></html>'
    )
    assert printing.render_pdf(html, BASE).startswith(b"%PDF")
    assert opened == []
