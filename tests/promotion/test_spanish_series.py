"""A critique series belongs to one language (issue 17): a critique translated through
Wagtail joins the series' translation, its contents and previous/next links stay in its
language, and the editor's series picker offers only series of the page's language."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from promotion.models import ArticlePage, SeriesPage
from tests.members.factories import StaffFactory
from tests.promotion.builders import article, index, publish, series

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def critiques(home, spanish):
    index_en, index_es = index(home)
    series_en = series(index_en, "Why audits fail")
    first = article(index_en, "The audit that saw nothing", kind="critique", series=series_en)
    second = article(
        index_en,
        "Codes without consequences",
        kind="critique",
        series=series_en,
        series_position=1,
    )
    return {"index_es": index_es, "series": series_en, "first": first, "second": second}


def _translate(page, spanish, title):
    translated = page.copy_for_translation(spanish)  # what Wagtail's "Translate" does
    translated.title = title
    return publish(translated)


def test_a_translated_critique_joins_the_translated_series(critiques, spanish):
    series_es = _translate(critiques["series"], spanish, "Por qué fallan las auditorías")

    translated = critiques["first"].copy_for_translation(spanish)

    translated.refresh_from_db()
    assert translated.series_id == series_es.pk
    draft = translated.get_latest_revision_as_object()
    assert draft.series_id == series_es.pk  # the draft the editor opens


def test_a_critique_of_an_untranslated_series_gets_a_draft_translation_of_it(critiques, spanish):
    translated = critiques["first"].copy_for_translation(spanish)

    translated.refresh_from_db()
    assert translated.series.locale == spanish
    assert translated.series.translation_key == critiques["series"].translation_key
    assert not translated.series.live


def test_the_contents_and_next_link_stay_in_the_critiques_language(client, critiques, spanish):
    series_es = _translate(critiques["series"], spanish, "Por qué fallan las auditorías")
    first_es = _translate(critiques["first"], spanish, "La auditoría que no vio nada")
    second_es = _translate(critiques["second"], spanish, "Códigos sin consecuencias")

    page = client.get(first_es.url).content.decode()
    assert second_es.url in page  # next
    assert critiques["second"].url not in page
    assert ">Codes without consequences<" not in page
    series_page = client.get(series_es.url).content.decode()
    assert "La auditoría que no vio nada" in series_page
    assert f'href="{critiques["first"].url}"' not in series_page
    english = client.get(critiques["first"].url).content.decode()
    assert "La auditoría que no vio nada" not in english


def test_a_critique_cannot_be_put_in_a_series_of_another_language(critiques, spanish):
    first_es = _translate(critiques["first"], spanish, "La auditoría que no vio nada")
    first_es.series = critiques["series"]
    with pytest.raises(ValidationError) as error:
        first_es.full_clean()
    assert "series" in error.value.message_dict


def test_the_series_picker_offers_only_series_of_the_pages_language(
    client, critiques, spanish, settings
):
    settings.WAGTAIL_I18N_ENABLED = True
    series_es = _translate(critiques["series"], spanish, "Serie en español")
    first_es = _translate(critiques["first"], spanish, "La auditoría que no vio nada")
    client.force_login(StaffFactory(is_superuser=True))

    def options(url):
        response = client.get(url)
        assert response.status_code == 200, url
        select = response.content.decode().split('name="series"', 1)[1].split("</select>", 1)[0]
        return select

    edit_es = options(f"/cms/pages/{first_es.pk}/edit/")
    assert "Serie en español" in edit_es and "Why audits fail" not in edit_es
    edit_en = options(f"/cms/pages/{critiques['first'].pk}/edit/")
    assert "Why audits fail" in edit_en and "Serie en español" not in edit_en
    add_es = options(f"/cms/pages/add/promotion/articlepage/{critiques['index_es'].pk}/")
    assert "Serie en español" in add_es and "Why audits fail" not in add_es
    assert series_es.pk


def test_the_migration_moves_critiques_to_the_series_of_their_language(critiques, spanish):
    series_es = _translate(critiques["series"], spanish, "Serie en español")
    first_es = _translate(critiques["first"], spanish, "La auditoría que no vio nada")
    orphan_series = series(critiques["series"].get_parent(), "Untranslated series")
    second_es = _translate(critiques["second"], spanish, "Códigos sin consecuencias")
    ArticlePage.objects.filter(pk=first_es.pk).update(series=critiques["series"])
    ArticlePage.objects.filter(pk=second_es.pk).update(series=orphan_series)

    migration = importlib.import_module("promotion.migrations.0004_series_in_the_article_language")
    migration.series_in_the_article_language(django_apps, None)

    assert ArticlePage.objects.get(pk=first_es.pk).series_id == series_es.pk
    assert ArticlePage.objects.get(pk=second_es.pk).series_id is None
    assert ArticlePage.objects.get(pk=critiques["first"].pk).series_id == critiques["series"].pk
    assert SeriesPage.objects.count() == 3
