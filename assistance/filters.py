from datetime import timedelta
from functools import lru_cache

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wsr.members.models import Sector
from wsr.site.countries import country_choices
from wsr.site.widgets import COUNTRIES, SECTORS, ListSelect

from .models import (
    OPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    Determination,
    HelpKind,
    Initiative,
)
from .selectors.case_search import MAX_QUERY_LENGTH, search_cases

User = get_user_model()


@lru_cache(maxsize=16)
def _countries_in(language: str) -> tuple:
    return tuple(country_choices())


def cached_country_choices() -> list[tuple[str, str]]:
    """`country_choices` in the active language, worked out once per language and process:
    naming and sorting 250 countries was a fifth of the queue's time (issue 19)."""
    return list(_countries_in(get_language() or settings.LANGUAGE_CODE))


class QuickSelect(forms.Select):
    """A select whose options are written in Python, not one template each: the queue's
    country list (about 250 options) through the template engine was most of the page's
    time at any number of cases (issue 19, bench/assistance_queue.py). Same markup."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        if "id" not in final_attrs and self.attrs.get("id"):
            final_attrs["id"] = self.attrs["id"]
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                option,
                mark_safe(" selected") if str(option) in chosen else "",
                label,
            )
            for option, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))


class CaseQueueFilter(django_filters.FilterSet):
    """The staff queue's filters. With no status chosen, open cases are shown."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "References, organizations, names, descriptions and the timeline; accents and "
            "capitals do not matter."
        ),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=CaseStatus.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,  # a few choices: boxes, not a Ctrl-click list
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of help"), choices=HelpKind.choices, widget=QuickSelect
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), widget=QuickSelect
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=cached_country_choices,
        method="filter_country",
        widget=QuickSelect,
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Lead or expert"),
        # EXISTS rather than a join made DISTINCT: the join read every assignment and
        # deduplicated whole user rows (5 ms of the queue at 10,000 assignments; issue 19).
        queryset=User.objects.filter(
            Q(is_staff=True) | Exists(CaseAssignment.objects.filter(expert=OuterRef("pk")))
        ).order_by("email"),
        method="filter_assignee",
        empty_label=_("Anyone"),
        widget=QuickSelect,
    )
    unassigned = django_filters.BooleanFilter(
        label=_("Without a lead"), field_name="lead", lookup_expr="isnull"
    )
    unverified = django_filters.BooleanFilter(
        label=_("Address not confirmed (unverified)"),
        field_name="requester",
        lookup_expr="isnull",
    )
    older_than = django_filters.ChoiceFilter(
        label=_("Waiting for more than"),
        choices=[("7", _("a week")), ("30", _("a month")), ("90", _("three months"))],
        method="filter_older_than",
        empty_label=_("Any age"),
        widget=QuickSelect,
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Case
        fields = ["q", "status", "kind", "sector"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        return super().filter_queryset(queryset)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset

    def filter_q(self, queryset, name, value):
        # The queue is staff's: every timeline entry, internal ones too.
        return search_cases(queryset, value, whole=True)

    def filter_country(self, queryset, name, value):
        # countries are stored as "MX,US": match a whole code, not a substring
        return queryset.filter(countries__regex=rf"(^|,){value}(,|$)") if value else queryset

    def filter_assignee(self, queryset, name, value):
        if not value:
            return queryset
        experts = CaseAssignment.objects.filter(
            expert=value, status=CaseAssignment.Status.ACCEPTED
        ).values("case_id")
        return queryset.filter(Q(lead=value) | Q(pk__in=experts))

    def filter_older_than(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(submitted_at__lt=timezone.now() - timedelta(days=int(value)))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        # The awaited response (first or next) is past its service-level due time: the same
        # rule as the row's "Overdue" badge (templatetags/service_levels.response_overdue).
        overdue = Q(status__in=OPEN_STATUSES, response_due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class InitiativeFilter(django_filters.FilterSet):
    """The public registry's filters: sector, country, determination and a name search."""

    # The selects are written in Python and the long lists once per language (issue 22:
    # the country list through the template engine was 58% of /initiatives/).
    q = django_filters.CharFilter(label=_("Name"), method="filter_q")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=Sector.objects.all(),
        widget=ListSelect(options=SECTORS),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=COUNTRIES, method="filter_country", widget=ListSelect
    )
    determination = django_filters.ChoiceFilter(
        label=_("Determination"),
        choices=Determination.choices + [("none", _("Not yet assessed"))],
        method="filter_determination",
        widget=ListSelect,
    )

    class Meta:
        model = Initiative
        fields = ["q", "sector", "country", "determination"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def filter_country(self, queryset, name, value):
        # countries are stored as "BD,US": match a whole code, not a substring
        return queryset.filter(countries__regex=rf"(^|,){value}(,|$)") if value else queryset

    def filter_determination(self, queryset, name, value):
        return queryset.filter(determination="" if value == "none" else value)
