"""Spanish pages of the demo say their critiques in Spanish, and talk audiences from the usual
list read in the reader's language (issue 17)."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from promotion import demo
from promotion.models import ArticlePage, Talk, audience_in_language

pytestmark = pytest.mark.django_db


def test_the_spanish_critiques_say_their_claim_evidence_and_alternative_in_spanish(site_tree):
    demo.seed(home_pages=site_tree)
    spanish = ArticlePage.objects.filter(
        kind="critique", locale=Locale.objects.get(language_code="es")
    )
    assert spanish.count() == 2
    for page in spanish:
        english = page.get_translation(Locale.objects.get(language_code="en"))
        assert page.claim_examined and page.claim_examined != english.claim_examined
        assert page.evidence != english.evidence
        assert page.alternative != english.alternative
    texts = " ".join(f"{p.claim_examined} {p.evidence} {p.alternative}" for p in spanish)
    assert "auditorías" in texts and "acuerdos vinculantes" in texts.lower()


def test_usual_talk_audiences_read_in_the_readers_language(client, site_tree):
    demo.seed(home_pages=site_tree)
    assert Talk.objects.filter(audience="Practitioners and students").exists()
    with translation.override("es"):
        assert audience_in_language("Practitioners and students") == "Profesionales y estudiantes"
        assert audience_in_language("Union stewards of Local 12") == "Union stewards of Local 12"
    with translation.override("en"):
        assert audience_in_language("Profesionales y estudiantes") == "Practitioners and students"
    page = client.get("/es/talks/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Profesionales y estudiantes" in body and "Practitioners and students" not in body
