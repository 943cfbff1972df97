from datetime import timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsr.members.models import Sector
from wsr.site.countries import country_choices

from .models import (
    OPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    Determination,
    HelpKind,
    Initiative,
)

User = get_user_model()


class CaseQueueFilter(django_filters.FilterSet):
    """The staff queue's filters. With no status chosen, open cases are shown."""

    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=CaseStatus.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,  # a few choices: boxes, not a Ctrl-click list
    )
    kind = django_filters.ChoiceFilter(label=_("Kind of help"), choices=HelpKind.choices)
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Lead or expert"),
        queryset=User.objects.filter(Q(is_staff=True) | Q(case_assignments__isnull=False))
        .distinct()
        .order_by("email"),
        method="filter_assignee",
        empty_label=_("Anyone"),
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
    )
    overdue = django_filters.BooleanFilter(
        label=_("First response overdue"), method="filter_overdue"
    )

    class Meta:
        model = Case
        fields = ["status", "kind", "sector"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=OPEN_STATUSES)
        return super().filter_queryset(queryset)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset

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
        overdue = Q(first_response_at__isnull=True, first_response_due__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class InitiativeFilter(django_filters.FilterSet):
    """The public registry's filters: sector, country, determination and a name search."""

    q = django_filters.CharFilter(label=_("Name"), method="filter_q")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=Sector.objects.all()
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    determination = django_filters.ChoiceFilter(
        label=_("Determination"),
        choices=Determination.choices + [("none", _("Not yet assessed"))],
        method="filter_determination",
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
