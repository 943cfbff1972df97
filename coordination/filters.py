import django_filters
from django.utils.translation import gettext_lazy as _

from wsr.members.models import Sector
from wsr.site.countries import country_choices
from wsr.site.widgets import COUNTRIES, SECTORS, ListSelect

from .models import Opportunity, Region, Stage


class OpportunityFilter(django_filters.FilterSet):
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)

    class Meta:
        model = Opportunity
        fields = ["sector", "country", "region", "stage"]


class FeedFilter(django_filters.FilterSet):
    """Parsed only: the feed selector applies sector and country to the efforts, and
    coordination.search the words (issue 20)."""

    q = django_filters.CharFilter(
        label=_("Search"), method="keep", max_length=200, help_text=_("Words to look for.")
    )
    # issue 22: both lists rendered once per language (wsr.site.widgets), not option by
    # option through the template renderer on every request
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        method="keep",
        widget=ListSelect(options=SECTORS),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=COUNTRIES, method="keep", widget=ListSelect
    )

    class Meta:
        model = Opportunity
        fields = ["sector", "country"]

    def keep(self, queryset, name, value):
        return queryset
