"""Long option lists written once per language (issue 22, wsr/site/widgets.py): the same
markup as Django's template-based Select, byte for byte, and a managed list that changes
shows at once."""

import django_filters
import pytest
from django import forms
from django.utils import translation

from wsr.members.models import Language, Sector
from wsr.site.widgets import (
    COUNTRIES,
    LANGUAGES,
    SECTORS,
    ListSelect,
    ListSelectMultiple,
)

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "q"'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;"


def _filterset(widget_class, **widget_kwargs):
    class Filters(django_filters.FilterSet):
        country = django_filters.ChoiceFilter(
            label="Country", choices=COUNTRIES, widget=widget_class(**widget_kwargs)
        )
        sector = django_filters.ModelChoiceFilter(
            label="Sector",
            queryset=Sector.objects.all(),
            widget=(ListSelect(options=SECTORS) if widget_class is ListSelect else forms.Select()),
        )
        language = django_filters.ModelChoiceFilter(
            label="Language",
            queryset=Language.objects.all(),
            empty_label="Any language",
            null_label="None given",
            widget=(
                ListSelect(options=LANGUAGES) if widget_class is ListSelect else forms.Select()
            ),
        )

        class Meta:
            model = Sector
            fields = []

    return Filters


class Form(forms.Form):
    countries = forms.MultipleChoiceField(
        choices=COUNTRIES, required=False, widget=forms.SelectMultiple
    )
    plain = forms.ChoiceField(
        choices=[("a", "A & B"), ("Group", [("b", "<b>"), ("c", "C")]), ("a", "again")],
        help_text="Help",
    )


class FastForm(Form):
    countries = forms.MultipleChoiceField(
        choices=COUNTRIES, required=False, widget=ListSelectMultiple
    )
    plain = forms.ChoiceField(
        choices=[("a", "A & B"), ("Group", [("b", "<b>"), ("c", "C")]), ("a", "again")],
        help_text="Help",
        widget=ListSelect,
    )


@pytest.fixture
def lists():
    # beside the managed lists' rows a migration may have made
    Sector.objects.create(slug="w-dairy", name="Dairy", name_es="Lácteos", sort_order=2)
    Sector.objects.create(slug="w-apparel", name="Apparel & shoes", sort_order=1)
    Language.objects.create(code="w-en", name="Englishish", name_es="Inglés")
    Language.objects.create(code="w-es", name="Spanishish", name_es="Español")
    # what staff typed into a managed list reaches the page escaped
    Sector.objects.create(slug="w-hostile", name=HOSTILE, name_es=HOSTILE + " es", sort_order=4)
    Language.objects.create(code="w-hostile", name=HOSTILE, name_es=HOSTILE + " es")


QUERIES = [
    {},
    {"country": "MX"},
    {"country": "ZZ"},  # not a country: an error, nothing selected
    {"country": "", "sector": "x"},
    {"language": "null"},
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("query", QUERIES)
def test_filter_selects_are_written_as_django_writes_them(lists, language, query):
    if "sector" in query:
        query = {**query, "sector": str(Sector.objects.get(slug="w-dairy").pk)}
    with translation.override(language):
        stock = _filterset(forms.Select)(query).form
        fast = _filterset(ListSelect)(query).form
        stock.is_valid(), fast.is_valid()
        for name in ("country", "sector", "language"):
            assert str(fast[name]) == str(stock[name])
        assert "Lácteos" in str(fast["sector"]) if language == "es" else True


def test_the_chosen_option_is_selected_and_only_it(lists):
    html = str(_filterset(ListSelect)({"country": "MX"}).form["country"])
    assert html.count(" selected") == 1
    assert '<option value="MX" selected>Mexico</option>' in html
    assert '<select name="country" id="id_country">' in html


@pytest.mark.parametrize(
    "data",
    [{}, {"countries": ["MX", "US"], "plain": "a"}, {"plain": "b"}, {"plain": "zz"}],
)
def test_multiple_select_groups_and_attributes_are_written_as_django_writes_them(data):
    stock, fast = Form(data or None), FastForm(data or None)
    stock.is_valid(), fast.is_valid()
    for name in ("countries", "plain"):
        assert str(fast[name]) == str(stock[name])
        extra = {"aria-describedby": "x_errors", "aria-invalid": "true", "data-x": '"q"'}
        assert fast[name].as_widget(attrs=extra) == stock[name].as_widget(attrs=extra)


def test_country_options_are_built_once_per_language_and_reused():
    with translation.override("es"):
        first = COUNTRIES._entry()
        assert COUNTRIES._entry() is first
        assert dict(COUNTRIES())["DE"] == "Alemania"
    with translation.override("en"):
        assert COUNTRIES._entry() is not first
        assert dict(COUNTRIES())["DE"] == "Germany"


def test_a_managed_list_is_read_once_and_not_again(lists, django_assert_num_queries):
    str(_filterset(ListSelect)().form["sector"])
    with django_assert_num_queries(0):
        html = str(_filterset(ListSelect)().form["sector"])
    assert ">Apparel &amp; shoes</option>" in html


def test_a_new_or_renamed_sector_shows_at_once(lists):
    before = str(_filterset(ListSelect)().form["sector"])
    assert "Textileses" not in before
    Sector.objects.create(slug="w-textiles", name="Textileses", sort_order=3)
    assert ">Textileses</option>" in str(_filterset(ListSelect)().form["sector"])
    dairy = Sector.objects.get(slug="w-dairy")
    dairy.name = "Milk"
    dairy.save()
    assert ">Milk</option>" in str(_filterset(ListSelect)().form["sector"])
    dairy.delete()
    html = str(_filterset(ListSelect)().form["sector"])
    assert "Milk" not in html
    assert html == str(_filterset(forms.Select)().form["sector"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_names_staff_typed_into_a_managed_list_are_escaped(lists, language):
    with translation.override(language):
        form = _filterset(ListSelect)({"sector": "x"}).form
        for name in ("sector", "language"):
            html = str(form[name])
            assert "<script>" not in html
            assert f">{ESCAPED}{' es' if language == 'es' else ''}</option>" in html
        plain = str(FastForm({"plain": "b"})["plain"])
        assert "<script>" not in plain and ">&lt;b&gt;</option>" in plain
