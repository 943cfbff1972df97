import django_filters
from django.utils.translation import gettext_lazy as _

from wsr.members.models import Sector
from wsr.site.countries import country_choices

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
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), method="keep"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="keep"
    )

    class Meta:
        model = Opportunity
        fields = ["sector", "country"]

    def keep(self, queryset, name, value):
        return queryset
