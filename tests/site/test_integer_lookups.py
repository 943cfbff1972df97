"""A number larger than the database's integers, typed as a choice (a checkbox of ids) or a
filter, finds nothing instead of raising OverflowError on SQLite (issue 17)."""

import pytest
from django import forms

from wsr.members.models import Sector

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999


def test_an_in_lookup_leaves_out_numbers_no_column_can_hold():
    real = Sector.objects.first()
    assert list(Sector.objects.filter(pk__in=[HUGE])) == []
    assert list(Sector.objects.filter(pk__in=[HUGE, -HUGE, real.pk])) == [real]
    assert list(Sector.objects.filter(sort_order__in=[HUGE])) == []


def test_a_choice_of_ids_with_a_huge_number_is_an_invalid_choice():
    field = forms.ModelMultipleChoiceField(queryset=Sector.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(HUGE)])
    assert refused.value.code == "invalid_choice"


def test_a_year_of_a_date_compared_with_a_huge_number_finds_nothing():
    from repository.models import ResourcePage

    assert list(ResourcePage.objects.filter(published_on__year__in=[HUGE])) == []
